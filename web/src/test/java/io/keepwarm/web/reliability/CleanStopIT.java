package io.keepwarm.web.reliability;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean stop: SIGTERM to a server on its own embedded PostgreSQL ends it within 5 s with not one WARN or ERROR
 * line, because PostgreSQL stops after the event processors and the connection pool (it used to stop first, and
 * every processor then logged its lost connection). A restart on the same data directory starts just as quietly.
 */
class CleanStopIT {

    private static final Duration STOP_LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path data;

    private ServerProcess server;

    @AfterEach
    void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sigterm_stops_the_server_and_its_postgres_within_5_s_without_a_warn_or_error_line() throws Exception {
        server = ServerProcess.embedded("clean-stop", data).start();
        for (int run = 1; run <= 2; run++) {
            Api owner = CrashRecoveryIT.owner(server);
            String contact = addContact(owner, "Stopping " + run);
            assertThat(owner.post("/api/interactions", interaction(Instant.now().minus(1, ChronoUnit.DAYS), contact))
                            .status())
                    .isEqualTo(201);

            long started = System.nanoTime();
            server.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).as("SIGTERM to exit").isLessThan(STOP_LIMIT);
            List<String> log = Files.readAllLines(server.log());
            assertThat(log.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")))
                    .as("WARN and ERROR lines of start and stop " + run)
                    .isEmpty();
            assertThat(String.join("\n", log)).contains("HikariPool-1 - Shutdown completed");
            assertThat(Files.readString(data.resolve("postgres.log"))).contains("database system is shut down");
            assertThat(Files.exists(data.resolve("postgres").resolve("postmaster.pid")))
                    .as("PostgreSQL has stopped too")
                    .isFalse();
            System.out.printf("clean stop %d: %d ms%n", run, took.toMillis());
            if (run == 1) {
                server.start();
            }
        }
    }
}
