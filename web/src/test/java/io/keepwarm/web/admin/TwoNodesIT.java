package io.keepwarm.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.keepwarm.web.KeepwarmApplication;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Eventually;
import io.keepwarm.web.testsupport.ProjectionFaults;
import io.keepwarm.web.testsupport.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application nodes (two Spring contexts, each with its own web server, processors and connection pool) on
 * one PostgreSQL database, as two {@code java -jar} processes with the same {@code spring.datasource.url} would be.
 */
class TwoNodesIT {

    private static final List<String> PROJECTIONS = List.of("going-cold", "contacts", "relationship-history");

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        ProjectionFaults.reset();
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    /**
     * Since ADR 0019 the serving versions are written inline by whichever node takes the command, so the segments
     * that nodes share and take over are a rebuild's: this test shares a rebuild's segments between two nodes, kills
     * one in the middle of it and lets the other finish it. (Before, it did the same with the live processors.)
     */
    @Test
    void two_nodes_write_inline_share_a_rebuild_take_over_from_a_dead_node_and_keep_the_read_models_complete()
            throws Exception {
        String url = TestDatabase.newDatabase();
        Map<String, Api> admins = new HashMap<>();
        Map<String, ConfigurableApplicationContext> byName = new HashMap<>();
        for (String node : List.of("node-a", "node-b")) {
            admins.put(node, new Api(start(url, node), TestDatabase.ADMIN_TOKEN));
            byName.put(node, nodes.get(nodes.size() - 1));
        }
        Api adminA = admins.get("node-a");
        JsonNode seenFromB = admins.get("node-b").get("/api/admin/projections").json();
        assertThat(seenFromB.get("nodes")).hasSize(2);
        assertThat(seenFromB.get("items")).hasSize(PROJECTIONS.size());

        // one owner writing through both nodes at once, to the same contacts: optimistic concurrency plus retry, and
        // each write is in the read models when it returns, whichever node serves the read
        var user = adminA.post("/api/admin/users", Map.of("username", "two-nodes", "role", "USER"));
        Api ownerA = adminA.as(user.json().get("token").asText());
        Api ownerB = admins.get("node-b").as(user.json().get("token").asText());
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            contacts.add(ProjectionAdminIT.addContact(i % 2 == 0 ? ownerA : ownerB, "Shared " + i));
            assertThat(ownerA.put("/api/contacts/" + contacts.get(i) + "/cadence", Map.of("everyDays", 30))
                            .status())
                    .isEqualTo(200);
        }
        Map<String, Integer> asks = new HashMap<>();
        List<CompletableFuture<List<Integer>>> writers = new ArrayList<>();
        for (Api writer : List.of(ownerA, ownerB)) {
            writers.add(CompletableFuture.supplyAsync(() -> {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    statuses.add(log(writer, List.of(contacts.get(i % 6), contacts.get((i + 1) % 6)))
                            .status());
                }
                return statuses;
            }));
        }
        for (CompletableFuture<List<Integer>> writer : writers) {
            assertThat(writer.join()).allSatisfy(status -> assertThat(status).isEqualTo(201));
        }
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 8; i++) {
                asks.merge(contacts.get(i % 6), 1, Integer::sum);
                asks.merge(contacts.get((i + 1) % 6), 1, Integer::sum);
            }
        }
        assertAsks(ownerB, asks);

        // a rebuild started on one node runs on both; it cannot switch while this contact's events are parked
        String parked = ProjectionAdminIT.addContact(ownerA, "Parked");
        ProjectionFaults.poison(UUID.fromString(parked));
        int version = adminA.get("/api/admin/projections/going-cold")
                .json()
                .get("version")
                .asInt();
        assertThat(admins.get("node-b")
                        .post("/api/admin/projections/going-cold/rebuild", Map.of())
                        .status())
                .isEqualTo(202);
        assertThat(adminA.post("/api/admin/projections/going-cold/rebuild", Map.of())
                        .status())
                .isEqualTo(409);
        JsonNode split = Eventually.until(
                "the rebuild's segments to be split between the nodes",
                () -> adminA.get("/api/admin/projections/going-cold").json().get("rebuild"),
                rebuild -> nodesOf(rebuild.get("segments")).equals(List.of("node-a", "node-b")));

        // one node dies: its connections go first, so it cannot release its claims; the other takes its segment
        // over once the claim times out
        String survivor = split.get("segments").get(0).get("node").asText();
        String victim = survivor.equals("node-a") ? "node-b" : "node-a";
        Api admin = admins.get(survivor);
        Api owner = survivor.equals("node-a") ? ownerA : ownerB;
        byName.get(victim)
                .getBean(DataSource.class)
                .unwrap(HikariDataSource.class)
                .close();
        byName.get(victim).close();
        nodes.remove(byName.get(victim));
        Eventually.until(survivor + " to take over the dead node's segment of the rebuild", () -> nodesOf(
                        admin.get("/api/admin/projections/going-cold")
                                .json()
                                .get("rebuild")
                                .get("segments"))
                .equals(List.of(survivor, survivor)));
        for (int i = 0; i < 3; i++) {
            assertThat(log(owner, List.of(contacts.get(i))).status()).isEqualTo(201);
            asks.merge(contacts.get(i), 1, Integer::sum);
        }
        assertAsks(owner, asks);

        ProjectionFaults.cure(UUID.fromString(parked));
        assertThat(admin.post("/api/admin/projections/going-cold/dead-letters/retry", Map.of())
                        .json()
                        .get("remaining")
                        .asLong())
                .isZero();
        Eventually.until(
                "the rebuild to switch",
                () -> admin.get("/api/admin/projections/going-cold")
                                .json()
                                .get("version")
                                .asInt()
                        > version);
        JdbcTemplate database = byName.get(survivor).getBean(JdbcTemplate.class);
        Eventually.until(
                "the old version to be dropped",
                () -> database.queryForObject(
                        "SELECT to_regclass(?) IS NULL", Boolean.class, "going_cold_v" + version));

        JsonNode overview = admin.get("/api/admin/projections").json();
        assertThat(overview.get("nodes")).hasSize(1);
        assertThat(overview.get("nodes").get(0).get("nodeId").asText()).isEqualTo(survivor);
        assertThat(allCaughtUp(overview)).isTrue();
        assertAsks(owner, asks);
        assertThat(owner.get("/api/contacts?limit=200").json().get("items")).hasSize(7);
        int events = 6 * 2 + 16 * 2 + 3 + 1;
        assertThat(owner.get("/api/history?limit=500").json().get("items")).hasSize(events);
    }

    private static void assertAsks(Api owner, Map<String, Integer> asks) {
        JsonNode rows = owner.get("/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD")
                .json()
                .get("items");
        assertThat(rows).hasSize(6);
        for (JsonNode row : rows) {
            assertThat(row.get("asks").asInt())
                    .as("asks of %s", row.get("displayName").asText())
                    .isEqualTo(asks.get(row.get("contactId").asText()));
        }
    }

    private int start(String url, String nodeId) {
        KeepwarmApplication.disableCallsHome();
        TestDatabase.Server server = TestDatabase.server();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(KeepwarmApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + server.user(),
                        "--spring.datasource.password=" + server.password(),
                        "--spring.datasource.hikari.maximum-pool-size=12",
                        "--keepwarm.admin-token=" + TestDatabase.ADMIN_TOKEN,
                        "--keepwarm.node-id=" + nodeId,
                        "--axon.eventhandling.tokenstore.claim-timeout=3s",
                        "--keepwarm.projections.tick=300ms",
                        "--keepwarm.projections.token-claim-interval=300ms",
                        "--keepwarm.projections.segments=2",
                        "--keepwarm.projections.threads=2");
        nodes.add(context);
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    private static Api.Response log(Api owner, List<String> contactIds) {
        return owner.post(
                "/api/interactions",
                Map.of(
                        "contactIds",
                        contactIds,
                        "occurredAt",
                        Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                        "channel",
                        "VIDEO",
                        "initiatedBy",
                        "MUTUAL",
                        "favor",
                        "ASKED"));
    }

    private static List<String> nodesOf(JsonNode segments) {
        List<String> nodes = new ArrayList<>();
        segments.forEach(segment -> nodes.add(
                segment.get("node").isNull()
                        ? "<unclaimed>"
                        : segment.get("node").asText()));
        nodes.sort(String::compareTo);
        return nodes;
    }

    private static boolean allCaughtUp(JsonNode overview) {
        for (JsonNode projection : overview.get("items")) {
            if (projection.get("lagEvents").asLong() != 0
                    || !"RUNNING".equals(projection.get("state").asText())) {
                return false;
            }
        }
        return true;
    }
}
