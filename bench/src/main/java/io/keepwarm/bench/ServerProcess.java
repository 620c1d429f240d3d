package io.keepwarm.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * keepwarm as a separate server process: {@code java -cp <the harness's classpath> io.keepwarm.web.KeepwarmApplication}
 * against one database of the bench's PostgreSQL, on a free port, with a known admin token. Its output goes to a
 * log file under {@code bench/target/bench-logs}.
 */
final class ServerProcess implements AutoCloseable {

    static final String ADMIN_TOKEN = "kw_bench-admin-token-0123456789abcdefghijklmnop";

    private final Process process;
    private final int port;
    private final Path log;
    private final long startedAt = System.nanoTime();

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the server and waits until {@code /actuator/health} answers UP.
     *
     * @param jvmArgs extra JVM options (e.g. a flight recording when profiling)
     */
    static ServerProcess start(
            String label,
            Postgres postgres,
            String database,
            Path logDirectory,
            List<String> jvmArgs,
            List<String> serverArgs)
            throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve("server-" + label + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Daxoniq.update-checker.disabled=true");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.keepwarm.web.KeepwarmApplication");
        command.add("--server.port=" + port);
        command.add("--spring.datasource.url=" + postgres.url(database));
        command.add("--spring.datasource.username=" + postgres.user());
        command.add("--spring.datasource.password=" + postgres.password());
        command.add("--keepwarm.admin-token=" + ADMIN_TOKEN);
        command.addAll(serverArgs);
        // keepwarm has no per-user write rate limit to raise (only failed authentications are limited).
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServerProcess server = new ServerProcess(process, port, log);
        // -Dbench.server-start-seconds=N (via BENCH_JAVA_OPTS) for a machine so loaded that a start takes longer
        server.awaitHealthy(Duration.ofSeconds(Long.getLong("bench.server-start-seconds", 180)));
        return server;
    }

    long pid() {
        return process.pid();
    }

    /** The CPU time the server process has used so far (all its threads: requests, JIT, GC), as the OS counts it. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * Runs a closed-loop HTTP run and prints the server's CPU time per request it answered: a figure the machine's
     * other work moves far less than latencies, for comparing two builds side by side (docs/bench.md, "Reads").
     */
    Load.Result measuredCpu(String label, java.util.concurrent.Callable<Load.Result> run) throws Exception {
        Duration before = cpu();
        Load.Result result = run.call();
        Duration used = cpu().minus(before);
        System.out.printf(
                java.util.Locale.ROOT,
                "    %s: server CPU %.2f ms per request (%.0f %% of a core)%n",
                label,
                used.toNanos() / 1e6 / Math.max(1, result.ok()),
                100.0 * used.toNanos() / 1e9 / result.seconds());
        return result;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    Path log() {
        return log;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(uri("/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server did not become healthy within " + timeout + "; see " + log);
    }

    /** Seconds since the process was started. */
    double uptimeSeconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    /** Graceful stop (SIGTERM), then a hard one if it hangs. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
