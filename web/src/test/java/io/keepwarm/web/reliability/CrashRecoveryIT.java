package io.keepwarm.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.reliability.LoadClient.Outcome;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.EventLog;
import io.keepwarm.web.testsupport.ServerProcess;
import io.keepwarm.web.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crash: clients log interactions against a server process, which is killed with {@code kill -9} in the middle
 * of the load and restarted on the same database. Every request that got a 2xx is in the event store exactly
 * once, on every contact it named and on no other; requests that got no answer may be resent with the same id
 * and land exactly once; and the read models converge to exactly what the events say.
 */
class CrashRecoveryIT {

    private static final int CLIENTS = 6;
    private static final int CONTACTS = 6;

    private final String url = TestDatabase.newDatabase();
    private final TestDatabase.Server database = TestDatabase.server();
    private ServerProcess server;

    @AfterEach
    void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void after_a_kill_minus_9_mid_load_every_acknowledged_interaction_is_stored_once_and_the_read_models_converge()
            throws Exception {
        server = ServerProcess.against(
                        "crash",
                        url,
                        database.user(),
                        database.password(),
                        "--keepwarm.rate-limit.writes-per-minute=1000000")
                .start();
        Api owner = owner(server);
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            Api.Response created = owner.post("/api/contacts", Map.of("displayName", "Crash " + i));
            assertThat(created.status()).isEqualTo(201);
            contacts.add(created.json().get("contactId").asText());
            assertThat(owner.put("/api/contacts/" + contacts.get(i) + "/cadence", Map.of("everyDays", 30))
                            .status())
                    .isEqualTo(200);
        }

        AtomicReference<String> phase = new AtomicReference<>("before the kill");
        LoadClient load = new LoadClient(server.port(), owner.token(), contacts, phase::get).start(CLIENTS);
        awaitAcknowledged(load, 60);
        server.kill();
        phase.set("after the kill");
        load.stop();

        List<Outcome> outcomes = load.outcomes();
        List<Outcome> acknowledged =
                outcomes.stream().filter(Outcome::acknowledged).toList();
        List<Outcome> unanswered =
                outcomes.stream().filter(o -> o.status() == 0).toList();
        List<Outcome> refused = outcomes.stream()
                .filter(o -> o.status() != 0 && !o.acknowledged())
                .toList();
        assertThat(refused).as("answers other than 2xx before the kill").isEmpty();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(60);
        assertThat(unanswered).as("requests cut off by the kill").isNotEmpty();

        server.start();

        Map<String, Integer> logged;
        try (Connection connection = connect()) {
            EventLog log = EventLog.of(connection, contacts);
            logged = log.interactionsLogged();
            for (Outcome ack : acknowledged) {
                for (String contact : ack.contactIds()) {
                    assertThat(logged.get(EventLog.key(ack.interactionId(), contact)))
                            .as("acknowledged %s on %s", ack.interactionId(), contact)
                            .isEqualTo(1);
                }
                assertThat(log.participantsByInteraction().get(ack.interactionId()))
                        .containsExactlyInAnyOrderElementsOf(ack.contactIds());
            }
            assertThat(logged.values())
                    .as("no interaction is stored twice on a contact")
                    .containsOnly(1);
            assertAllOrNothing(log, outcomes);
            ConcurrentWritesIT.assertContiguous(log.sequencesByAggregate());
        }

        // A client that got no answer resends with the same id: it lands exactly once, whether or not it had.
        LoadClient resender = new LoadClient(server.port(), owner.token(), contacts, () -> "resend");
        int resentAlreadyThere = 0;
        for (Outcome lost : unanswered) {
            Outcome again = resender.send(lost.interactionId(), lost.contactIds(), lost.body());
            assertThat(again.status()).as(again.answer()).isIn(200, 201);
            resentAlreadyThere += again.status() == 200 ? 1 : 0;
            assertThat(logged.containsKey(
                            EventLog.key(lost.interactionId(), lost.contactIds().get(0))))
                    .as("200 exactly when it had been stored before the kill")
                    .isEqualTo(again.status() == 200);
        }
        for (Outcome ack : acknowledged.subList(0, 5)) {
            Outcome again = resender.send(ack.interactionId(), ack.contactIds(), ack.body());
            assertThat(again.status())
                    .as("an acknowledged interaction sent again")
                    .isEqualTo(200);
        }
        try (Connection connection = connect()) {
            EventLog log = EventLog.of(connection, contacts);
            assertThat(log.interactionsLogged().values()).containsOnly(1);
            for (Outcome lost : unanswered) {
                for (String contact : lost.contactIds()) {
                    assertThat(log.interactionsLogged().get(EventLog.key(lost.interactionId(), contact)))
                            .isEqualTo(1);
                }
            }
        }

        assertReadModelsConverge(contacts);
        System.out.printf(
                "crash: %d acknowledged, %d cut off by the kill (%d of them had been stored)%n",
                acknowledged.size(), unanswered.size(), resentAlreadyThere);
    }

    /** An interaction is stored on all of its contacts or on none. */
    private static void assertAllOrNothing(EventLog log, List<Outcome> outcomes) {
        Map<String, Integer> logged = log.interactionsLogged();
        for (Outcome outcome : outcomes) {
            long stored = outcome.contactIds().stream()
                    .filter(contact -> logged.containsKey(EventLog.key(outcome.interactionId(), contact)))
                    .count();
            assertThat(stored)
                    .as("contacts of %s holding it", outcome.interactionId())
                    .isIn(0L, (long) outcome.contactIds().size());
        }
    }

    /**
     * The restarted server's projections catch up from their tokens (the killed node's claims time out first):
     * going-cold equals a recomputation from the events; every event has its one history entry, at the event's
     * position; every contact view is at the contact's version.
     */
    private void assertReadModelsConverge(List<String> contacts) throws Exception {
        Map<String, Object> expected;
        Map<String, Object> actual = Map.of();
        try (Connection connection = connect()) {
            expected = readModelsFromEvents(EventLog.of(connection, contacts));
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection connection = connect()) {
                actual = readModels(connection, contacts);
            }
            if (actual.equals(expected)) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static Map<String, Object> readModelsFromEvents(EventLog log) {
        Map<String, Object> expected = new TreeMap<>();
        expected.put("going_cold", log.goingColdInputs());
        Map<String, Long> versions = new TreeMap<>();
        log.events().forEach(e -> versions.merge(e.aggregateId(), e.sequence(), Math::max));
        expected.put("contact_view versions", versions);
        expected.put("history positions", log.historyPositions());
        return expected;
    }

    private static Map<String, Object> readModels(Connection connection, List<String> contacts) throws SQLException {
        Map<String, Object> actual = new TreeMap<>();
        actual.put("going_cold", EventLog.goingColdReadModel(connection, contacts));
        actual.put(
                "contact_view versions",
                countBy(
                        connection,
                        "SELECT contact_id::text, version FROM contact_view WHERE contact_id::text = ANY(?)",
                        contacts));
        actual.put("history positions", EventLog.historyReadModel(connection, contacts));
        return actual;
    }

    private static Map<String, Long> countBy(Connection connection, String sql, List<String> contacts)
            throws SQLException {
        Map<String, Long> result = new TreeMap<>();
        try (var statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", contacts.toArray()));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return result;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, database.user(), database.password());
    }

    static Api owner(ServerProcess server) {
        Api.Response created =
                server.admin().post("/api/admin/users", Map.of("username", "load" + System.nanoTime(), "role", "USER"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return server.api().as(created.json().get("token").asText());
    }

    static void awaitAcknowledged(LoadClient load, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (load.acknowledged() < count) {
            assertThat(System.nanoTime())
                    .as("%d acknowledged writes within 3 minutes", count)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
