package io.keepwarm.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.reliability.LoadClient.Outcome;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.EventLog;
import io.keepwarm.web.testsupport.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash of the whole machine's worth of processes: a keepwarm server on its own embedded PostgreSQL (the store as
 * the product ships it, no datasource configured) is killed with SIGKILL together with every PostgreSQL process
 * (postmaster and all its children) in the middle of a write load, then restarted on the same data directory.
 * Every interaction that got a 2xx is there exactly once: with {@code synchronous_commit=off} (io.zonky's
 * default, which keepwarm used to run with) acknowledged commits still in the WAL buffers would be lost.
 */
class EmbeddedStoreCrashIT {

    private static final int CLIENTS = 6;
    private static final int CONTACTS = 4;

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
    void after_sigkill_of_the_server_and_every_postgres_process_every_acknowledged_interaction_is_stored_once()
            throws Exception {
        server = ServerProcess.embedded("embedded-crash", data, "--keepwarm.rate-limit.writes-per-minute=1000000")
                .start();
        Api owner = CrashRecoveryIT.owner(server);
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            Api.Response created = owner.post("/api/contacts", Map.of("displayName", "Durable " + i));
            assertThat(created.status()).isEqualTo(201);
            contacts.add(created.json().get("contactId").asText());
        }

        AtomicReference<String> phase = new AtomicReference<>("before the kill");
        LoadClient load = new LoadClient(server.port(), owner.token(), contacts, phase::get).start(CLIENTS);
        CrashRecoveryIT.awaitAcknowledged(load, 80);
        List<ProcessHandle> killed = killServerAndPostgres();
        phase.set("after the kill");
        load.stop();
        assertThat(killed).as("the JVM, the postmaster and its children").hasSizeGreaterThanOrEqualTo(4);
        assertThat(killed).noneMatch(ProcessHandle::isAlive);

        List<Outcome> acknowledged =
                load.outcomes().stream().filter(Outcome::acknowledged).toList();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(80);
        assertThat(load.outcomes().stream()
                        .filter(o -> o.status() != 0 && !o.acknowledged())
                        .toList())
                .as("answers other than 2xx before the kill")
                .isEmpty();

        server.start();

        try (Connection connection = connect()) {
            EventLog log = EventLog.of(connection, contacts);
            Map<String, Integer> logged = log.interactionsLogged();
            for (Outcome ack : acknowledged) {
                for (String contact : ack.contactIds()) {
                    assertThat(logged.get(EventLog.key(ack.interactionId(), contact)))
                            .as("acknowledged %s on %s", ack.interactionId(), contact)
                            .isEqualTo(1);
                }
            }
            assertThat(logged.values()).as("no interaction stored twice").containsOnly(1);
            ConcurrentWritesIT.assertContiguous(log.sequencesByAggregate());
        }
        System.out.printf(
                "embedded crash: %d acknowledged before SIGKILL of %d processes%n", acknowledged.size(), killed.size());
    }

    /**
     * SIGKILL to the server's JVM, the postmaster and every child of it, all at once, as a power cut would stop
     * them: nobody gets to flush or checkpoint anything.
     */
    private List<ProcessHandle> killServerAndPostgres() throws Exception {
        ProcessHandle postmaster = postmaster().orElseThrow();
        List<ProcessHandle> victims = new ArrayList<>();
        victims.add(server.handle());
        victims.add(postmaster);
        victims.addAll(postmaster.descendants().toList());
        victims.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle victim : victims) {
            victim.onExit().get(30, TimeUnit.SECONDS);
        }
        server.kill(); // reaps the JVM
        return victims;
    }

    private java.util.Optional<ProcessHandle> postmaster() throws Exception {
        long pid = Long.parseLong(pidFile().get(0).strip());
        return ProcessHandle.of(pid);
    }

    private List<String> pidFile() throws Exception {
        return Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
    }

    /** The running store, with the password the server generated and the port in its postmaster.pid. */
    private Connection connect() throws Exception {
        String password = Files.readString(data.resolve("postgres.password")).strip();
        int port = Integer.parseInt(pidFile().get(3).strip());
        try {
            return DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", password);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
