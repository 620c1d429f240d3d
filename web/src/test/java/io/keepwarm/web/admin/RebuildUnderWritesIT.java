package io.keepwarm.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Eventually;
import io.keepwarm.web.testsupport.IntegrationTest;
import io.keepwarm.web.testsupport.ProjectionFaults;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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

class RebuildUnderWritesIT extends IntegrationTest {

    private final Instant base = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private final AtomicInteger minutes = new AtomicInteger();

    @AfterEach
    void noFaults() {
        ProjectionFaults.reset();
    }

    /** What the test wrote for one contact, and so what its going-cold row must say. */
    private record Expected(String name, int cadenceDays, List<Instant> interactions, int asks, int gives) {

        Expected with(Instant at, String favor) {
            List<Instant> more = new ArrayList<>(interactions);
            more.add(at);
            return new Expected(
                    name,
                    cadenceDays,
                    more,
                    asks + ("ASKED".equals(favor) ? 1 : 0),
                    gives + ("GAVE".equals(favor) ? 1 : 0));
        }
    }

    @Test
    void a_rebuild_under_concurrent_writes_ends_with_the_old_model_plus_the_new_writes_and_no_failed_read() {
        Api owner = newOwner();
        Map<String, Expected> expected = Collections.synchronizedMap(new LinkedHashMap<>());
        for (int i = 0; i < 10; i++) {
            String id = addTracked(owner, "Before " + i, 20 + i, expected);
            for (int k = 0; k <= i % 3; k++) {
                log(owner, id, k % 2 == 0 ? "ASKED" : "GAVE", expected);
            }
        }
        // the rebuild's replay waits at this contact (never written to below) until released
        String held = addTracked(owner, "Held", 60, expected);
        String at = Instant.now()
                .plus(1, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        String view = "/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD&limit=1000&at=" + at;
        JsonNode before = owner.get(view).json().get("items");
        int version = admin().get("/api/admin/projections/going-cold")
                .json()
                .get("version")
                .asInt();
        ProjectionFaults.hold(UUID.fromString(held));

        AtomicBoolean stop = new AtomicBoolean();
        List<Integer> reads = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                reads.add(owner.get(view).status());
                reads.add(owner.get("/api/going-cold").status());
            }
        });
        Set<String> touched = Collections.synchronizedSet(new TreeSet<>());
        AtomicInteger writes = new AtomicInteger();
        AtomicBoolean switched = new AtomicBoolean();
        List<String> existing = new ArrayList<>(expected.keySet());
        existing.remove(held);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            int afterSwitch = 0;
            for (int i = 0; afterSwitch < 5; i++) {
                if (i % 3 == 0) {
                    touched.add(addTracked(owner, "During " + i, 7 + i % 50, expected));
                } else {
                    String id = existing.get(i % existing.size());
                    touched.add(id);
                    log(owner, id, i % 2 == 0 ? "GAVE" : "ASKED", expected);
                }
                writes.incrementAndGet();
                if (switched.get()) {
                    afterSwitch++;
                }
            }
        });

        var started = admin().post("/api/admin/projections/going-cold/rebuild", Map.of());
        assertThat(started.status()).isEqualTo(202);
        Eventually.until("ten writes while the rebuild runs", () -> writerAlive(writer) && writes.get() >= 10);
        assertThat(admin().get("/api/admin/projections/going-cold")
                        .json()
                        .get("state")
                        .asText())
                .isEqualTo("REBUILDING");
        ProjectionFaults.releaseAll();
        JsonNode done = Eventually.until(
                "the rebuild to switch reads to the new version",
                () -> admin().get("/api/admin/projections/going-cold").json(),
                status -> writerAlive(writer)
                        && status.get("version").asInt() == version + 1
                        && "COMPLETED".equals(status.get("rebuild").get("state").asText()));
        switched.set(true);
        writer.join();
        stop.set(true);
        reader.join();

        assertThat(done.get("state").asText()).isEqualTo("RUNNING");
        assertThat(done.get("rebuild").get("progressPercent").asDouble()).isEqualTo(100.0);
        assertThat(reads).isNotEmpty().allSatisfy(status -> assertThat(status).isEqualTo(200));

        JsonNode after = owner.get(view).json().get("items");
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        after.forEach(row -> rows.put(row.get("contactId").asText(), row));
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (JsonNode old : before) {
            String id = old.get("contactId").asText();
            if (!touched.contains(id)) {
                assertThat(rows.get(id)).as("untouched contact %s", id).isEqualTo(old);
            }
        }
        expected.forEach((id, contact) -> {
            JsonNode row = rows.get(id);
            assertThat(row.get("displayName").asText()).isEqualTo(contact.name());
            assertThat(row.get("cadenceDays").asInt()).isEqualTo(contact.cadenceDays());
            assertThat(row.get("asks").asInt()).as("asks of %s", contact.name()).isEqualTo(contact.asks());
            assertThat(row.get("gives").asInt())
                    .as("gives of %s", contact.name())
                    .isEqualTo(contact.gives());
            if (contact.interactions().isEmpty()) {
                assertThat(row.get("neverContacted").asBoolean()).isTrue();
            } else {
                assertThat(Instant.parse(row.get("lastInteractionAt").asText()))
                        .isEqualTo(contact.interactions().stream()
                                .max(Instant::compareTo)
                                .orElseThrow());
            }
        });

        Eventually.until(
                "the old version's tables to be dropped",
                () -> jdbc.queryForObject("SELECT to_regclass(?) IS NULL", Boolean.class, "going_cold_v" + version));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM token_entry WHERE processor_name = ?",
                        Long.class,
                        version == 1 ? "going-cold" : "going-cold@v" + version))
                .isZero();
    }

    @Test
    void rebuilding_the_history_and_the_contact_list_gives_back_the_same_read_models() {
        Api owner = newOwner();
        Map<String, Expected> written = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            String id = addTracked(owner, "Contact " + i, 30, written);
            log(owner, id, "ASKED", written);
        }
        JsonNode history = owner.get("/api/history?limit=500").json();
        JsonNode contacts = owner.get("/api/contacts?limit=200").json();
        int historyVersion = admin().get("/api/admin/projections/relationship-history")
                .json()
                .get("version")
                .asInt();
        int contactsVersion = admin().get("/api/admin/projections/contacts")
                .json()
                .get("version")
                .asInt();

        assertThat(admin().post("/api/admin/projections/relationship-history/rebuild", Map.of())
                        .status())
                .isEqualTo(202);
        assertThat(admin().post("/api/admin/projections/contacts/rebuild", Map.of())
                        .status())
                .isEqualTo(202);
        Eventually.until(
                "both rebuilds to switch",
                () -> admin().get("/api/admin/projections/relationship-history")
                                        .json()
                                        .get("version")
                                        .asInt()
                                == historyVersion + 1
                        && admin().get("/api/admin/projections/contacts")
                                        .json()
                                        .get("version")
                                        .asInt()
                                == contactsVersion + 1);

        assertThat(owner.get("/api/history?limit=500").json()).isEqualTo(history);
        assertThat(owner.get("/api/contacts?limit=200").json()).isEqualTo(contacts);
    }

    @Test
    void a_rebuilt_going_cold_equals_the_live_one_after_every_kind_of_event() {
        Api owner = newOwner();
        List<String> ids = new ArrayList<>();
        Map<String, Expected> ignored = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            ids.add(addTracked(owner, "Kind " + i, 10 + i, ignored));
        }
        String first = ids.get(0);
        String second = ids.get(1);
        String third = ids.get(2);
        String fourth = ids.get(3);
        String shared = owner.post(
                        "/api/interactions",
                        Map.of(
                                "contactIds",
                                List.of(first, second),
                                "occurredAt",
                                base.plus(1, ChronoUnit.DAYS).toString(),
                                "channel",
                                "EVENT",
                                "initiatedBy",
                                "ME",
                                "favor",
                                "ASKED"))
                .json()
                .get("interactionId")
                .asText();
        log(owner, first, "GAVE", ignored);
        String corrected = owner.post(
                        "/api/interactions",
                        Map.of(
                                "contactIds",
                                List.of(third),
                                "occurredAt",
                                base.plus(2, ChronoUnit.DAYS).toString(),
                                "channel",
                                "CALL",
                                "initiatedBy",
                                "THEM",
                                "favor",
                                "NONE"))
                .json()
                .get("interactionId")
                .asText();
        assertThat(owner.patch(
                                "/api/interactions/" + corrected,
                                Map.of(
                                        "occurredAt",
                                        base.plus(3, ChronoUnit.DAYS).toString(),
                                        "favor",
                                        "GAVE"))
                        .status())
                .isIn(200, 204);
        assertThat(owner.delete("/api/interactions/" + shared + "?reason=wrong%20person")
                        .status())
                .isEqualTo(204);
        assertThat(owner.patch(
                                "/api/contacts/" + second,
                                Map.of("displayName", "Renamed", "city", "Porto", "tags", List.of("moved", "friend")))
                        .status())
                .isIn(200, 204);
        assertThat(owner.post(
                                "/api/contacts/" + second + "/snooze",
                                Map.of(
                                        "until",
                                        Instant.now().plus(9, ChronoUnit.DAYS).toString()))
                        .status())
                .isIn(200, 204);
        assertThat(owner.post(
                                "/api/contacts/" + third + "/snooze",
                                Map.of(
                                        "until",
                                        Instant.now().plus(9, ChronoUnit.DAYS).toString()))
                        .status())
                .isIn(200, 204);
        assertThat(owner.delete("/api/contacts/" + third + "/snooze").status()).isIn(200, 204);
        assertThat(owner.delete("/api/contacts/" + fourth + "/cadence").status())
                .isIn(200, 204);
        assertThat(owner.post("/api/contacts/" + fourth + "/archive", Map.of()).status())
                .isIn(200, 204);
        assertThat(owner.post("/api/contacts/" + first + "/archive", Map.of()).status())
                .isIn(200, 204);
        assertThat(owner.post("/api/contacts/" + first + "/restore", Map.of()).status())
                .isIn(200, 204);
        UUID ownerId = UUID.fromString(owner.get("/api/me").json().get("userId").asText());
        List<Map<String, Object>> contacts = goingColdRows(ownerId);
        List<Map<String, Object>> interactions = jdbc.queryForList(
                "SELECT * FROM going_cold_interaction WHERE owner_id = ? ORDER BY interaction_id, contact_id", ownerId);
        assertThat(contacts).hasSize(4);
        assertThat(interactions).hasSize(4);
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        contacts.forEach(row -> byId.put(row.get("contact_id").toString(), row));
        assertThat(byId.get(first))
                .containsEntry("asks", 0)
                .containsEntry("gives", 1)
                .containsEntry("archived", false);
        assertThat(byId.get(second))
                .containsEntry("display_name", "Renamed")
                .containsEntry("city", "Porto")
                .containsEntry("tags", "friend,moved")
                .containsEntry("asks", 0)
                .containsEntry("last_interaction_at", null);
        assertThat(byId.get(second).get("snoozed_until")).isNotNull();
        assertThat(byId.get(third)).containsEntry("gives", 1).containsEntry("snoozed_until", null);
        assertThat(((java.sql.Timestamp) byId.get(third).get("last_interaction_at")).toInstant())
                .isEqualTo(base.plus(3, ChronoUnit.DAYS));
        assertThat(byId.get(fourth)).containsEntry("archived", true).containsEntry("cadence_days", null);
        int version = admin().get("/api/admin/projections/going-cold")
                .json()
                .get("version")
                .asInt();

        assertThat(admin().post("/api/admin/projections/going-cold/rebuild", Map.of())
                        .status())
                .isEqualTo(202);
        Eventually.until(
                "the rebuild to switch",
                () -> admin().get("/api/admin/projections/going-cold")
                                .json()
                                .get("version")
                                .asInt()
                        == version + 1);

        assertThat(goingColdRows(ownerId)).isEqualTo(contacts);
        assertThat(jdbc.queryForList(
                        "SELECT * FROM going_cold_interaction WHERE owner_id = ? ORDER BY interaction_id, contact_id",
                        ownerId))
                .isEqualTo(interactions);
        // The indexes the new version was built without were created when its replay finished (docs/adr/0028).
        assertThat(jdbc.queryForObject("""
                        SELECT cardinality(r.deferred_indexes) > 0 AND r.replay_finished_at IS NOT NULL
                               AND (SELECT count(*) FROM pg_indexes i WHERE i.indexdef = ANY(r.deferred_indexes))
                                   = cardinality(r.deferred_indexes)
                        FROM projection_rebuild r WHERE r.projection = 'going-cold' AND r.to_version = ?""", Boolean.class, version + 1)).isTrue();
    }

    private List<Map<String, Object>> goingColdRows(UUID ownerId) {
        return jdbc.queryForList("""
                SELECT contact_id, display_name, city, time_zone, array_to_string(tags, ',') AS tags, cadence_days,
                       cadence_set_at, last_interaction_at, asks, gives, snoozed_until, archived, version
                FROM going_cold WHERE owner_id = ? ORDER BY contact_id""", ownerId);
    }

    /** A writer that failed fails the test at once, with its own cause. */
    private static boolean writerAlive(CompletableFuture<Void> writer) {
        if (writer.isCompletedExceptionally()) {
            writer.join();
        }
        return true;
    }

    private String addTracked(Api owner, String name, int cadenceDays, Map<String, Expected> expected) {
        String id = ProjectionAdminIT.addContact(owner, name);
        assertThat(owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", cadenceDays))
                        .status())
                .isEqualTo(200);
        expected.put(id, new Expected(name, cadenceDays, List.of(), 0, 0));
        return id;
    }

    private void log(Api owner, String contactId, String favor, Map<String, Expected> expected) {
        Instant at = base.plus(minutes.incrementAndGet(), ChronoUnit.MINUTES);
        var logged = owner.post(
                "/api/interactions",
                Map.of(
                        "contactIds",
                        List.of(contactId),
                        "occurredAt",
                        at.toString(),
                        "channel",
                        "MESSAGE",
                        "initiatedBy",
                        "THEM",
                        "favor",
                        favor));
        assertThat(logged.status()).isEqualTo(201);
        expected.computeIfPresent(contactId, (id, contact) -> contact.with(at, favor));
    }
}
