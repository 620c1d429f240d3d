package io.keepwarm.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.application.projection.LiveProjections;
import io.keepwarm.application.projection.ProjectionDefinition;
import io.keepwarm.application.projection.ProjectionHandOver;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.application.projection.Projections;
import io.keepwarm.web.KeepwarmApplication;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Eventually;
import io.keepwarm.web.testsupport.ProjectionFaults;
import io.keepwarm.web.testsupport.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hand-over from a rebuilding streaming processor to the inline writer (ADR 0019) under writes on two nodes:
 * every projection is rebuilt while both nodes write, the rebuild's segments are shared between the nodes, and the
 * switch happens in the middle of the writes. Afterwards each new version equals, row by row, a replay of the whole
 * store by the same handlers, and going-cold's new version handled every event exactly once — by the rebuilding
 * processor, by the switch's catch-up or inline, never twice, never not at all.
 */
class RebuildOnTwoNodesUnderWritesIT {

    private static final List<String> PROJECTIONS = List.of("going-cold", "contacts", "relationship-history");

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private final Instant base = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private final AtomicInteger minutes = new AtomicInteger();

    @AfterEach
    void stopNodes() {
        ProjectionFaults.reset();
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void a_rebuild_under_writes_on_two_nodes_applies_every_event_once_and_equals_a_replay() {
        String url = TestDatabase.newDatabase();
        Api adminA = new Api(start(url, "node-a"), TestDatabase.ADMIN_TOKEN);
        Api adminB = new Api(start(url, "node-b"), TestDatabase.ADMIN_TOKEN);
        JdbcTemplate database = nodes.get(0).getBean(JdbcTemplate.class);
        var user = adminA.post("/api/admin/users", Map.of("username", "hand-over", "role", "USER"));
        String token = user.json().get("token").asText();
        List<Api> owners = List.of(adminA.as(token), adminB.as(token));
        List<String> contacts = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            contacts.add(addTracked(owners.get(i % 2), "Before " + i, 20 + i));
            log(owners.get((i + 1) % 2), List.of(contacts.get(i)), "ASKED");
        }
        // The going-cold rebuild waits at this contact (never written to again) until released. It is in segment 0
        // (the segment a node keeps when it hands one to an idle node), so the other segment can change hands.
        String held = addTracked(owners.get(0), "Held", 60);
        while ((held.hashCode() & 1) != 0) {
            contacts.add(held);
            held = addTracked(owners.get(0), "Held", 60);
        }
        Map<String, Integer> versions = new HashMap<>();
        for (String projection : PROJECTIONS) {
            versions.put(projection, version(adminA, projection));
        }
        ProjectionFaults.countApplications();
        ProjectionFaults.hold(UUID.fromString(held));

        AtomicBoolean switched = new AtomicBoolean();
        AtomicInteger writes = new AtomicInteger();
        List<CompletableFuture<List<Integer>>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Api owner = owners.get(w);
            int writer = w;
            writers.add(CompletableFuture.supplyAsync(() -> {
                List<Integer> statuses = new ArrayList<>();
                String lastInteraction = null;
                int afterSwitch = 0;
                for (int i = 0; afterSwitch < 6; i++) {
                    if (i % 5 == 0) {
                        contacts.add(addTracked(owner, "During " + writer + "-" + i, 7 + i % 40));
                        statuses.add(201);
                    } else if (i % 7 == 0 && lastInteraction != null) {
                        statuses.add(owner.patch(
                                        "/api/interactions/" + lastInteraction,
                                        Map.of("favor", "GAVE", "note", "corrected " + i))
                                .status());
                    } else {
                        List<String> some = List.of(
                                contacts.get((i + writer) % contacts.size()),
                                contacts.get((i + writer + 3) % contacts.size()));
                        Api.Response logged = log(owner, new ArrayList<>(new TreeSet<>(some)), "ASKED");
                        statuses.add(logged.status());
                        lastInteraction = logged.json().get("interactionId").asText();
                    }
                    writes.incrementAndGet();
                    if (switched.get()) {
                        afterSwitch++;
                    }
                }
                return statuses;
            }));
        }

        assertThat(adminB.post("/api/admin/projections/going-cold/rebuild", Map.of())
                        .status())
                .isEqualTo(202);
        assertThat(adminA.post("/api/admin/projections/contacts/rebuild", Map.of())
                        .status())
                .isEqualTo(202);
        assertThat(adminB.post("/api/admin/projections/relationship-history/rebuild", Map.of())
                        .status())
                .isEqualTo(202);
        Set<String> rebuildingOn = Collections.synchronizedSet(new TreeSet<>());
        Eventually.until("the going-cold rebuild's segments worked on by both nodes while writes go on", () -> {
            rebuildingOn.addAll(nodesOf(adminA.get("/api/admin/projections/going-cold")
                    .json()
                    .get("rebuild")
                    .get("segments")));
            return alive(writers) && writes.get() >= 10 && rebuildingOn.containsAll(Set.of("node-a", "node-b"));
        });
        assertThat(adminA.get("/api/admin/projections/going-cold")
                        .json()
                        .get("state")
                        .asText())
                .isEqualTo("REBUILDING");
        ProjectionFaults.releaseAll();
        Eventually.until(
                "every rebuild to switch",
                () -> alive(writers)
                        && PROJECTIONS.stream()
                                .allMatch(projection -> version(adminB, projection) == versions.get(projection) + 1));
        switched.set(true);
        for (CompletableFuture<List<Integer>> writer : writers) {
            assertThat(writer.join()).allSatisfy(status -> assertThat(status).isBetween(200, 204));
        }

        Projections projections = nodes.get(0).getBean(Projections.class);
        for (String projection : PROJECTIONS) {
            ProjectionDefinition definition = projections.definition(projection);
            int active = projections.activeVersion(projection);
            assertThat(active).isEqualTo(versions.get(projection) + 1);
            ProjectionTables replay = replay(definition, active);
            for (String table : definition.tables()) {
                List<String> rebuilt = rows(database, ProjectionTables.physical(table, active));
                assertThat(rebuilt).isNotEmpty();
                assertThat(rebuilt)
                        .as("%s version %d against a replay of the store", table, active)
                        .containsExactlyElementsOf(rows(database, replay.table(table)));
                database.execute("DROP TABLE " + replay.table(table));
            }
        }

        // every going-cold event of the network reached the new version exactly once
        String rebuiltProcessor = ProjectionTables.processorName("going-cold", versions.get("going-cold") + 1);
        Map<String, Integer> applied = ProjectionFaults.applications(rebuiltProcessor);
        List<String> goingColdEvents =
                database.queryForList("""
                        SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ANY(?)
                        AND payload_type NOT LIKE '%ContactDetailsUpdated'""", String.class, (Object) contacts.toArray(String[]::new));
        assertThat(goingColdEvents).hasSizeGreaterThan(50);
        for (String event : goingColdEvents) {
            assertThat(applied.getOrDefault(event, 0))
                    .as("times %s applied event %s", rebuiltProcessor, event)
                    .isOne();
        }
    }

    /** A fresh copy of the version's tables, filled by a replay of the whole store in one transaction. */
    private ProjectionTables replay(ProjectionDefinition definition, int active) {
        ConfigurableApplicationContext node = nodes.get(0);
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        ProjectionTables replay = ProjectionTables.of(definition, 900 + active);
        for (String table : definition.tables()) {
            jdbc.execute("CREATE TABLE " + replay.table(table) + " (LIKE " + ProjectionTables.physical(table, active)
                    + " INCLUDING ALL)");
        }
        node.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            node.getBean(ProjectionHandOver.class).exclusive();
            node.getBean(LiveProjections.class).catchUp(replay, List.of());
        });
        return replay;
    }

    private static List<String> rows(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList("SELECT t::text FROM " + table + " t ORDER BY t::text", String.class);
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
                        // longer than the hold below: a held segment keeps its claim (taking over from a dead node is
                        // TwoNodesIT's)
                        "--axon.eventhandling.tokenstore.claim-timeout=60s",
                        "--keepwarm.projections.tick=300ms",
                        "--keepwarm.projections.segments=2",
                        "--keepwarm.projections.threads=2",
                        "--keepwarm.projections.token-claim-interval=300ms",
                        // small batches, so that the rebuild is still behind when the writes have begun
                        "--keepwarm.projections.rebuild-batch-size=5");
        nodes.add(context);
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    private static int version(Api admin, String projection) {
        return admin.get("/api/admin/projections/" + projection)
                .json()
                .get("version")
                .asInt();
    }

    private static Set<String> nodesOf(JsonNode segments) {
        Set<String> owners = new TreeSet<>();
        if (segments != null) {
            segments.forEach(segment -> owners.add(
                    segment.get("node").isNull() ? "-" : segment.get("node").asText()));
        }
        return owners;
    }

    /** A writer that failed fails the test at once, with its own cause. */
    private static boolean alive(List<CompletableFuture<List<Integer>>> writers) {
        writers.stream().filter(CompletableFuture::isCompletedExceptionally).forEach(CompletableFuture::join);
        return true;
    }

    private String addTracked(Api owner, String name, int cadenceDays) {
        String id = ProjectionAdminIT.addContact(owner, name);
        assertThat(owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", cadenceDays))
                        .status())
                .isEqualTo(200);
        return id;
    }

    private Api.Response log(Api owner, List<String> contactIds, String favor) {
        Api.Response logged = owner.post(
                "/api/interactions",
                Map.of(
                        "contactIds",
                        contactIds,
                        "occurredAt",
                        base.plus(minutes.incrementAndGet(), ChronoUnit.MINUTES).toString(),
                        "channel",
                        "MESSAGE",
                        "initiatedBy",
                        "THEM",
                        "favor",
                        favor));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        return logged;
    }
}
