package io.keepwarm.web.testsupport;

import io.keepwarm.web.KeepwarmApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A keepwarm server in its own JVM, for tests that must kill it ({@code kill -9}) or take its database away.
 *
 * <p>Inside {@code mvn test} the runnable jar does not exist yet, so the server runs from the test JVM's own
 * class path: {@code java -cp <java.class.path> io.keepwarm.web.KeepwarmApplication --server.port=… …}. Its
 * output goes to {@code target/server-logs/<name>.log}; a failure to start shows the end of that log.
 */
public final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Generous: two cores shared by several builds can make a cold Spring Boot start slow. */
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(4);

    private final String name;
    private final int port;
    private final List<String> command;
    private final Path log;
    private Process process;
    private int starts;

    private ServerProcess(String name, int port, List<String> command, Path log) {
        this.name = name;
        this.port = port;
        this.command = command;
        this.log = log;
    }

    /**
     * A server (not yet started) on a free port against the given database; {@code args} add or override
     * Spring properties ({@code --name=value}).
     */
    public static ServerProcess against(String name, String jdbcUrl, String user, String password, String... args) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss512k",
                "-Daxoniq.update-checker.disabled=true",
                "-cp",
                System.getProperty("java.class.path"),
                KeepwarmApplication.class.getName(),
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--keepwarm.admin-token=" + TestDatabase.ADMIN_TOKEN,
                "--spring.main.banner-mode=off"));
        command.addAll(List.of(args));
        Path log = Path.of("target", "server-logs", name + ".log").toAbsolutePath();
        return new ServerProcess(name, port, command, log);
    }

    /**
     * A server (not yet started) on a free port with keepwarm's own embedded PostgreSQL in {@code dataDirectory}
     * (no datasource configured: the store exactly as the product ships it).
     */
    public static ServerProcess embedded(String name, Path dataDirectory, String... args) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss512k",
                "-Daxoniq.update-checker.disabled=true",
                "-cp",
                System.getProperty("java.class.path"),
                KeepwarmApplication.class.getName(),
                "--server.port=" + port,
                "--keepwarm.data-dir=" + dataDirectory.toAbsolutePath(),
                "--keepwarm.admin-token=" + TestDatabase.ADMIN_TOKEN,
                "--spring.main.banner-mode=off"));
        command.addAll(List.of(args));
        Path log = Path.of("target", "server-logs", name + ".log").toAbsolutePath();
        return new ServerProcess(name, port, command, log);
    }

    /** The server's JVM, while it runs (to kill it together with other processes). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public int port() {
        return port;
    }

    public Api api() {
        return new Api(port, null);
    }

    public Api admin() {
        return api().as(TestDatabase.ADMIN_TOKEN);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the server and waits until its health endpoint answers UP. */
    public ServerProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(log.getParent());
            starts++;
            String header = "==== start " + starts + " of " + name + " on port " + port + "\n";
            if (starts == 1) {
                Files.writeString(log, header);
            } else {
                Files.writeString(log, header, java.nio.file.StandardOpenOption.APPEND);
            }
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        awaitUp();
        return this;
    }

    /** {@code kill -9}: the JVM gets no chance to finish anything (SIGKILL on Linux). */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitForExit();
    }

    /** An orderly shutdown (SIGTERM). */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        waitForExit();
    }

    /** The end of the server's log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public Path log() {
        return log;
    }

    private void awaitUp() {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " while starting:\n" + logTail(60));
            }
            try {
                HttpResponse<String> health = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not come up within " + STARTUP_LIMIT + ":\n" + logTail(60));
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
