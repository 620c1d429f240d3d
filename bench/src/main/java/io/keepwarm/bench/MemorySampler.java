package io.keepwarm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples the server's memory while a scenario runs: used heap from {@code /actuator/metrics/jvm.memory.used}
 * (area heap, admin token), the used old generation (G1 Old Gen pool of the same metric), and resident
 * set size from {@code /proc/<pid>/status} (VmRSS), every 200 ms. A window gives the peaks seen between its start
 * and its end.
 */
final class MemorySampler implements AutoCloseable {

    /** Peaks over one window. */
    record Peak(long heapBytes, long oldGenBytes, long rssBytes, int samples) {}

    private final Api api;
    private final long pid;
    private final Thread thread;
    private volatile boolean running = true;
    private long peakHeap;
    private long peakLive;
    private long peakRss;
    private int samples;

    MemorySampler(ServerProcess server) {
        this.api = new Api(server);
        this.pid = server.pid();
        this.thread = new Thread(this::run, "memory-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    synchronized void startWindow() {
        peakHeap = 0;
        peakLive = 0;
        peakRss = 0;
        samples = 0;
    }

    /** The peaks since {@link #startWindow()}, with one last sample taken now. */
    Peak endWindow() {
        sample();
        synchronized (this) {
            return new Peak(peakHeap, peakLive, peakRss, samples);
        }
    }

    private void run() {
        while (running) {
            sample();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        long heap = -1;
        long live = -1;
        long rss = -1;
        try {
            heap = api.heapUsed();
            live = api.oldGenUsed();
        } catch (IOException | RuntimeException e) {
            // the server may be busy or stopping; the next sample will do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            rss = rss(pid);
        } catch (IOException e) {
            // process gone
        }
        synchronized (this) {
            peakHeap = Math.max(peakHeap, heap);
            peakLive = Math.max(peakLive, live);
            peakRss = Math.max(peakRss, rss);
            if (heap >= 0 || rss >= 0) {
                samples++;
            }
        }
    }

    static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024; // kB
            }
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
