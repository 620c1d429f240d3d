package io.keepwarm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load: {@code clients} threads each run one operation after another for a fixed duration, and every
 * operation's latency is recorded. An operation that throws counts as an error, not as a sample.
 */
final class Load {

    /** One operation of one client; {@code i} counts that client's operations from 0. */
    @FunctionalInterface
    interface Operation {
        /** @return true when the operation succeeded and counts */
        boolean run(int client, long i) throws Exception;
    }

    /** Creates each client's state (a connection, an HTTP client) on its own thread. */
    @FunctionalInterface
    interface ClientFactory {
        Operation create(int client) throws Exception;
    }

    /** What one run measured. */
    record Result(int clients, double seconds, long ok, long errors, long[] latenciesNanos) {

        double perSecond() {
            return ok / seconds;
        }

        double p50Millis() {
            return Stats.percentile(latenciesNanos, 50) / 1e6;
        }

        double p99Millis() {
            return Stats.percentile(latenciesNanos, 99) / 1e6;
        }
    }

    private Load() {}

    static Result run(int clients, Duration duration, ClientFactory factory) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        long[] errors = new long[clients];
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(
                    () -> {
                        Operation operation;
                        try {
                            operation = factory.create(client);
                        } catch (Exception e) {
                            firstError.compareAndSet(null, e);
                            ready.countDown();
                            return;
                        }
                        long[] mine = new long[1024];
                        int n = 0;
                        ready.countDown();
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long end = window[1];
                        for (long i = 0; ; i++) {
                            long start = System.nanoTime();
                            if (start >= end) {
                                break;
                            }
                            boolean ok;
                            try {
                                ok = operation.run(client, i);
                            } catch (Exception e) {
                                firstError.compareAndSet(null, e);
                                ok = false;
                            }
                            long took = System.nanoTime() - start;
                            if (ok) {
                                if (n == mine.length) {
                                    mine = Arrays.copyOf(mine, n * 2);
                                }
                                mine[n++] = took;
                            } else {
                                errors[client]++;
                            }
                        }
                        latencies[client] = mine;
                        counts[client] = n;
                    },
                    "load-" + c);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            if (latencies[c] != null) {
                System.arraycopy(latencies[c], 0, all, at, counts[c]);
                at += counts[c];
            }
        }
        Arrays.sort(all);
        long errorCount = Arrays.stream(errors).sum();
        if (total == 0) {
            throw new IllegalStateException("no operation succeeded", firstError.get());
        }
        if (errorCount > 0 && firstError.get() != null) {
            System.out.println("    (" + errorCount + " failed operations; first: " + firstError.get() + ")");
        }
        return new Result(clients, seconds, total, errorCount, all);
    }
}
