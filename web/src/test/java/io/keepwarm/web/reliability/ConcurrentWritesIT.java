package io.keepwarm.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.EventLog;
import io.keepwarm.web.testsupport.IntegrationTest;
import io.keepwarm.web.testsupport.ServerProcess;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 50 concurrent clients, split over two nodes on one database (this test's server and a second server process),
 * log interactions on one hot contact and on overlapping sets of contacts. The nodes really collide — the
 * in-memory aggregate lock of one node does not stop the other — so optimistic-concurrency conflicts happen and
 * must be retried inside the server: every client gets a 201, every acknowledged interaction is appended exactly
 * once on each of its contacts, and each contact's sequence numbers are contiguous.
 */
class ConcurrentWritesIT extends IntegrationTest {

    private static final int CLIENTS = 50;
    private static final int WRITES_PER_CLIENT = 8;
    private static final int CONTACTS = 10;

    private static ServerProcess secondNode;

    @Autowired
    DataSource dataSource;

    @BeforeAll
    static void startASecondNodeOnTheSameDatabase() {
        secondNode = ServerProcess.against(
                        "concurrency-second-node",
                        System.getProperty("spring.datasource.url"),
                        System.getProperty("spring.datasource.username"),
                        System.getProperty("spring.datasource.password"))
                .start();
    }

    @AfterAll
    static void stopTheSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    /** One acknowledged request: the interaction's id, its contacts and the exact body sent. */
    record Acknowledged(String interactionId, List<String> contactIds, Map<String, Object> body) {}

    @Test
    void fifty_clients_on_two_nodes_each_interaction_appended_once_sequences_contiguous_no_conflict_reaches_a_client()
            throws Exception {
        Api owner = newOwner();
        Api[] nodes = {owner, new Api(secondNode.port(), owner.token())};
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            Api.Response created = owner.post("/api/contacts", Map.of("displayName", "Busy " + i));
            assertThat(created.status()).isEqualTo(201);
            contacts.add(created.json().get("contactId").asText());
        }
        String hot = contacts.get(0);
        long retriedBefore = retriedConflicts(admin()) + retriedConflicts(secondNode.admin());

        List<Acknowledged> acknowledged = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> unexpected = new ConcurrentHashMap<>();
        Map<String, Integer> resent = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(clients.submit(() -> {
                start.await();
                Api node = nodes[client % 2];
                for (int w = 0; w < WRITES_PER_CLIENT; w++) {
                    // Half on the hot contact alone, half on three of the other nine, overlapping other clients' sets.
                    List<String> on = w % 2 == 0
                            ? List.of(hot)
                            : List.of(
                                    contacts.get(1 + (client + w) % 9),
                                    contacts.get(1 + (client + w + 1) % 9),
                                    contacts.get(1 + (client + w + 3) % 9));
                    Map<String, Object> body = body(UUID.randomUUID().toString(), on);
                    Api.Response response = node.post("/api/interactions", body);
                    if (response.status() == 201) {
                        acknowledged.add(new Acknowledged((String) body.get("interactionId"), on, body));
                    } else {
                        unexpected.merge(response.status() + " " + response.body(), 1, Integer::sum);
                    }
                    if (w % 4 == 3) {
                        // A client unsure whether its write arrived sends it again, to the other node, while
                        // everyone else keeps writing to the same contacts: it must hear "already there".
                        Api.Response again = nodes[(client + 1) % 2].post("/api/interactions", body);
                        resent.merge(
                                again.status() == 200 ? "200" : again.status() + " " + again.body(), 1, Integer::sum);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> client : done) {
            client.get();
        }
        clients.shutdown();

        assertThat(unexpected).as("answers other than 201").isEmpty();
        assertThat(resent)
                .as("answers to resending an acknowledged interaction during the load")
                .isEqualTo(Map.of("200", CLIENTS * WRITES_PER_CLIENT / 4));
        assertThat(acknowledged).hasSize(CLIENTS * WRITES_PER_CLIENT);
        long retried = retriedConflicts(admin()) + retriedConflicts(secondNode.admin()) - retriedBefore;
        assertThat(retried)
                .as("conflicts between the nodes, retried inside the server")
                .isPositive();

        EventLog log = eventLog(contacts);
        Map<String, Integer> logged = log.interactionsLogged();
        for (Acknowledged ack : acknowledged) {
            for (String contact : ack.contactIds()) {
                assertThat(logged.get(EventLog.key(ack.interactionId(), contact)))
                        .as("InteractionLogged %s on %s", ack.interactionId(), contact)
                        .isEqualTo(1);
            }
        }
        int expectedEvents =
                acknowledged.stream().mapToInt(a -> a.contactIds().size()).sum();
        assertThat(logged.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(expectedEvents);
        assertContiguous(log.sequencesByAggregate());
        assertThat(log.sequencesByAggregate().get(hot))
                .as("the hot contact: added + 200 interactions")
                .hasSize(201);

        // Resending is safe on either node: same id and body → 200 and nothing appended.
        long events = eventCount();
        for (int i = 0; i < 6; i++) {
            Acknowledged ack = acknowledged.get(i * 37 % acknowledged.size());
            Api.Response again = nodes[i % 2].post("/api/interactions", ack.body());
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.json().get("interactionId").asText()).isEqualTo(ack.interactionId());
        }
        assertThat(eventCount()).isEqualTo(events);

        // A real conflict still reaches the client: the same id with other content, or a stale If-Match.
        Map<String, Object> changed =
                new java.util.HashMap<>(acknowledged.get(0).body());
        changed.put("channel", "LETTER");
        assertThat(nodes[1].post("/api/interactions", changed).status()).isEqualTo(409);
        assertThat(owner.with("If-Match", "\"0\"")
                        .patch("/api/contacts/" + hot, Map.of("city", "Oslo"))
                        .status())
                .isEqualTo(412);
        assertThat(eventCount()).isEqualTo(events);

        assertReadModelsConverge(contacts);
    }

    private static Map<String, Object> body(String interactionId, List<String> contacts) {
        String[] favors = {"NONE", "ASKED", "GAVE"};
        return Map.of(
                "interactionId",
                interactionId,
                "contactIds",
                contacts,
                "occurredAt",
                Instant.now()
                        .minus(Duration.ofMinutes(ThreadLocalRandom.current().nextInt(1, 100_000)))
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString(),
                "channel",
                "MESSAGE",
                "initiatedBy",
                "MUTUAL",
                "favor",
                favors[ThreadLocalRandom.current().nextInt(3)]);
    }

    private static long retriedConflicts(Api admin) {
        Api.Response metric = admin.get("/actuator/metrics/keepwarm.writes.conflicts.retried");
        assertThat(metric.status()).as(metric.toString()).isEqualTo(200);
        return (long) metric.json().get("measurements").get(0).get("value").asDouble();
    }

    private EventLog eventLog(List<String> contacts) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return EventLog.of(connection, contacts);
        }
    }

    static void assertContiguous(Map<String, List<Long>> sequences) {
        sequences.forEach((aggregate, numbers) -> assertThat(numbers)
                .as("sequence numbers of " + aggregate)
                .containsExactlyElementsOf(
                        LongStream.range(0, numbers.size()).boxed().toList()));
    }

    /**
     * The read models, fed by both nodes' processors, end up exactly as the events say: going-cold equals a
     * recomputation, and every event has its one history entry at its own position (commits arrive out of order).
     */
    private void assertReadModelsConverge(List<String> contacts) throws Exception {
        EventLog log = eventLog(contacts);
        Map<String, Object> expected = Map.of("going_cold", log.goingColdInputs(), "history", log.historyPositions());
        Map<String, Object> actual = Map.of();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection connection = dataSource.getConnection()) {
                actual = Map.of(
                        "going_cold",
                        EventLog.goingColdReadModel(connection, contacts),
                        "history",
                        EventLog.historyReadModel(connection, contacts));
            }
            if (actual.equals(expected)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(actual).isEqualTo(expected);
    }
}
