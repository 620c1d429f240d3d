package io.keepwarm.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.keepwarm.web.KeepwarmApplication;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Eventually;
import io.keepwarm.web.testsupport.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void two_nodes_share_the_segments_take_over_from_a_dead_node_and_keep_the_read_models_complete() throws Exception {
        String url = TestDatabase.newDatabase();
        Api adminA = new Api(start(url, "node-a"), TestDatabase.ADMIN_TOKEN);
        Eventually.until(
                "node-a to claim every segment", () -> owners(adminA), owners -> owners.equals(Set.of("node-a")));

        Api adminB = new Api(start(url, "node-b"), TestDatabase.ADMIN_TOKEN);
        ConfigurableApplicationContext nodeB = nodes.get(1);
        JdbcTemplate database = nodes.get(0).getBean(JdbcTemplate.class);
        Eventually.until(
                "each projection's segments to be split between the nodes", () -> split(adminA), Boolean.TRUE::equals);
        JsonNode seenFromB = adminB.get("/api/admin/projections").json();
        assertThat(seenFromB.get("nodes")).hasSize(2);
        for (JsonNode projection : seenFromB.get("items")) {
            assertThat(nodesOf(projection.get("segments"))).containsExactlyInAnyOrder("node-a", "node-b");
        }

        // one owner writing through both nodes at once, to the same contacts: optimistic concurrency plus retry
        var user = adminA.post("/api/admin/users", Map.of("username", "two-nodes", "role", "USER"));
        Api ownerA = adminA.as(user.json().get("token").asText());
        Api ownerB = adminB.as(user.json().get("token").asText());
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

        // a rebuild started on one node runs on both, switches once, and both stop the old version
        int version = adminA.get("/api/admin/projections/going-cold")
                .json()
                .get("version")
                .asInt();
        assertThat(adminB.post("/api/admin/projections/going-cold/rebuild", Map.of())
                        .status())
                .isEqualTo(202);
        assertThat(adminA.post("/api/admin/projections/going-cold/rebuild", Map.of())
                        .status())
                .isIn(202, 409);
        Eventually.until(
                "the rebuild to switch",
                () -> adminA.get("/api/admin/projections/going-cold")
                                .json()
                                .get("version")
                                .asInt()
                        > version);
        Eventually.until(
                "both nodes to stop the old version, so that it is dropped",
                () -> database.queryForObject(
                        "SELECT to_regclass(?) IS NULL", Boolean.class, "going_cold_v" + version));

        // node-b dies: its connections go first, so it cannot release its claims; node-a takes over after the timeout
        nodeB.getBean(DataSource.class).unwrap(HikariDataSource.class).close();
        nodeB.close();
        Eventually.until(
                "node-a to take over every segment", () -> owners(adminA), owners -> owners.equals(Set.of("node-a")));
        for (int i = 0; i < 3; i++) {
            assertThat(log(ownerA, List.of(contacts.get(i))).status()).isEqualTo(201);
            asks.merge(contacts.get(i), 1, Integer::sum);
        }

        JsonNode overview = Eventually.until(
                "the projections to catch up on node-a",
                () -> adminA.get("/api/admin/projections").json(),
                json -> json.get("nodes").size() == 1 && allCaughtUp(json));
        assertThat(overview.get("nodes").get(0).get("nodeId").asText()).isEqualTo("node-a");
        JsonNode rows = ownerA.get("/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD")
                .json()
                .get("items");
        assertThat(rows).hasSize(6);
        for (JsonNode row : rows) {
            assertThat(row.get("asks").asInt())
                    .as("asks of %s", row.get("displayName").asText())
                    .isEqualTo(asks.get(row.get("contactId").asText()));
        }
        assertThat(ownerA.get("/api/contacts?limit=200").json().get("items")).hasSize(6);
        int events = 6 * 2 + 16 * 2 + 3;
        assertThat(ownerA.get("/api/history?limit=500").json().get("items")).hasSize(events);
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
                        "--keepwarm.projections.token-claim-interval=300ms");
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

    /** The nodes that claim any segment of the projections (serving versions). */
    private static Set<String> owners(Api admin) {
        Set<String> owners = new TreeSet<>();
        JsonNode items = admin.get("/api/admin/projections").json().get("items");
        for (JsonNode projection : items) {
            assertThat(projection.get("segments")).hasSize(2);
            for (JsonNode segment : projection.get("segments")) {
                owners.add(
                        segment.get("node").isNull()
                                ? "<unclaimed>"
                                : segment.get("node").asText());
            }
        }
        return owners;
    }

    private static boolean split(Api admin) {
        JsonNode items = admin.get("/api/admin/projections").json().get("items");
        for (JsonNode projection : items) {
            if (!nodesOf(projection.get("segments")).equals(List.of("node-a", "node-b"))) {
                return false;
            }
        }
        return items.size() == PROJECTIONS.size();
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
