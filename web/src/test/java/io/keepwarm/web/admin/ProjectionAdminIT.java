package io.keepwarm.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Eventually;
import io.keepwarm.web.testsupport.IntegrationTest;
import io.keepwarm.web.testsupport.ProjectionFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProjectionAdminIT extends IntegrationTest {

    @AfterEach
    void noFaults() {
        ProjectionFaults.reset();
    }

    @Test
    void an_admin_sees_every_projection_with_its_version_position_segments_and_nodes() {
        Api owner = newOwner();
        addContact(owner, "Ada Lovelace");
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        JsonNode overview = Eventually.until(
                        "every projection caught up with the store",
                        () -> admin().get("/api/admin/projections"),
                        answer -> answer.status() == 200
                                && StreamSupport.stream(
                                                answer.json().get("items").spliterator(), false)
                                        .allMatch(item -> item.get("lagEvents").asLong() == 0
                                                && item.get("head").asLong() >= head))
                .json();

        assertThat(names(overview.get("items"))).containsExactly("going-cold", "contacts", "relationship-history");
        String node = overview.get("nodes").get(0).get("nodeId").asText();
        assertThat(overview.get("nodes")).hasSize(1);
        for (JsonNode projection : overview.get("items")) {
            assertThat(projection.get("version").asInt()).isPositive();
            assertThat(projection.get("state").asText()).isEqualTo("RUNNING");
            assertThat(projection.get("position").asLong())
                    .isEqualTo(projection.get("head").asLong());
            assertThat(projection.get("lagSeconds").asLong()).isZero();
            assertThat(projection.get("deadLetters").asLong()).isZero();
            // written inline in each command's transaction (ADR 0019): no segments, no tokens, nothing to lag
            assertThat(projection.get("segments")).isEmpty();
        }
        assertThat(node).isNotBlank();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM token_entry WHERE processor_name IN (SELECT CASE WHEN active_version = 1"
                                + " THEN projection ELSE projection || '@v' || active_version END FROM projection_version)",
                        Long.class))
                .isZero();

        var one = admin().get("/api/admin/projections/going-cold");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("name").asText()).isEqualTo("going-cold");
    }

    @Test
    void projections_are_for_admins_only_and_unknown_ones_are_not_found() {
        assertThat(newOwner().get("/api/admin/projections").status()).isEqualTo(403);
        assertThat(newOwner()
                        .post("/api/admin/projections/going-cold/rebuild", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/admin/projections").status()).isEqualTo(401);

        var unknown = admin().get("/api/admin/projections/no-such-projection");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin().post("/api/admin/projections/no-such-projection/rebuild", Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a_second_rebuild_is_a_conflict_and_cancelling_leaves_the_old_version_serving() {
        Api owner = newOwner();
        String held = addContact(owner, "Grace Hopper");
        owner.put("/api/contacts/" + held + "/cadence", Map.of("everyDays", 30));
        String adminId = admin().get("/api/me").json().get("userId").asText();
        int version = admin().get("/api/admin/projections/going-cold")
                .json()
                .get("version")
                .asInt();
        // the rebuild's replay stops at this contact until released, so it is still running below
        ProjectionFaults.hold(UUID.fromString(held));

        List<CompletableFuture<Api.Response>> starts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            starts.add(CompletableFuture.supplyAsync(
                    () -> admin().post("/api/admin/projections/going-cold/rebuild", Map.of())));
        }
        List<Api.Response> answers =
                starts.stream().map(CompletableFuture::join).toList();
        assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(202, 409);
        Api.Response started = answers.stream()
                .filter(answer -> answer.status() == 202)
                .findFirst()
                .orElseThrow();
        assertThat(started.header("Location")).isEqualTo("/api/admin/projections/going-cold");
        JsonNode rebuild = started.json().get("rebuild");
        assertThat(started.json().get("state").asText()).isEqualTo("REBUILDING");
        assertThat(rebuild.get("state").asText()).isEqualTo("RUNNING");
        assertThat(rebuild.get("startedBy").asText()).isEqualTo(adminId);
        assertThat(rebuild.get("startedAt").isNull()).isFalse();
        assertThat(rebuild.get("fromVersion").asInt()).isEqualTo(version);
        int to = rebuild.get("toVersion").asInt();
        assertThat(to).isGreaterThan(version);
        assertThat(rebuild.get("processor").asText()).isEqualTo("going-cold@v" + to);
        Api.Response conflict = answers.stream()
                .filter(answer -> answer.status() == 409)
                .findFirst()
                .orElseThrow();
        assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin().post("/api/admin/projections/going-cold/rebuild", Map.of())
                        .status())
                .isEqualTo(409);

        JsonNode running = Eventually.until(
                        "the new version's processor to claim its segments",
                        () -> admin().get("/api/admin/projections/going-cold").json(),
                        status -> status.get("rebuild").get("segments").size() == 1)
                .get("rebuild");
        assertThat(running.get("progressPercent").asDouble()).isBetween(0.0, 100.0);
        // Built without its secondary indexes, which wait for the end of the replay (docs/adr/0028).
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM pg_index WHERE indrelid = ?::regclass AND NOT indisunique",
                        Long.class,
                        "going_cold_v" + to))
                .isZero();
        List<String> deferred = jdbc.queryForObject(
                "SELECT deferred_indexes FROM projection_rebuild WHERE projection = 'going-cold' AND to_version = ?",
                (rs, n) -> List.of((String[]) rs.getArray(1).getArray()),
                to);
        assertThat(deferred)
                .hasSizeGreaterThanOrEqualTo(2)
                .allMatch(definition -> definition.contains("going_cold_v" + to + " "));
        assertThat(running.get("replayFinishedAt").isNull()).isTrue();
        assertThat(owner.get("/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD")
                        .status())
                .isEqualTo(200);

        var cancelled = admin().delete("/api/admin/projections/going-cold/rebuild");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("version").asInt()).isEqualTo(version);
        assertThat(cancelled.json().get("state").asText()).isNotEqualTo("REBUILDING");
        assertThat(cancelled.json().get("rebuild").get("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("rebuild").get("cancelledBy").asText()).isEqualTo(adminId);
        assertThat(admin().delete("/api/admin/projections/going-cold/rebuild").status())
                .isEqualTo(404);
        ProjectionFaults.releaseAll();

        Eventually.until(
                "the cancelled version's tables, tokens and dead letters to be dropped",
                () -> jdbc.queryForObject(
                                "SELECT to_regclass(?) IS NULL AND to_regclass(?) IS NULL",
                                Boolean.class,
                                "going_cold_v" + to,
                                "going_cold_interaction_v" + to)
                        && jdbc.queryForObject(
                                        "SELECT count(*) FROM token_entry WHERE processor_name = ?",
                                        Long.class,
                                        "going-cold@v" + to)
                                == 0);
        var goingCold = owner.get("/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD");
        assertThat(goingCold.status()).isEqualTo(200);
        assertThat(goingCold.json().get("items").get(0).get("contactId").asText())
                .isEqualTo(held);
        assertThat(admin().get("/api/admin/projections/going-cold")
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(version);
    }

    static String addContact(Api owner, String name) {
        var created = owner.post("/api/contacts", Map.of("displayName", name));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("contactId").asText();
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.get("name").asText()));
        return names;
    }
}
