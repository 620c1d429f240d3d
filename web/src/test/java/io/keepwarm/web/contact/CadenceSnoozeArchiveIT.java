package io.keepwarm.web.contact;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.addTracked;
import static io.keepwarm.web.testsupport.Fixtures.archive;
import static io.keepwarm.web.testsupport.Fixtures.interaction;
import static io.keepwarm.web.testsupport.ProblemAssert.assertInvalid;
import static io.keepwarm.web.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT/DELETE /api/contacts/{id}/cadence}, {@code POST/DELETE …/snooze}, {@code POST …/archive} and
 * {@code …/restore}.
 */
class CadenceSnoozeArchiveIT extends IntegrationTest {

    // --- cadence ---------------------------------------------------------------------------------------------

    @Test
    void setting_a_cadence_answers_the_contact_tracked_and_due_at_once_as_never_contacted() {
        Api owner = newOwner();
        String id = addContact(owner, "Claude Shannon");
        Instant before = Instant.now();

        var set = owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", 21));

        Instant after = Instant.now();
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.header("ETag")).isEqualTo("\"1\"");
        JsonNode contact = set.json();
        assertThat(contact.get("cadenceDays").asInt()).isEqualTo(21);
        assertThat(contact.get("neverContacted").asBoolean()).isTrue();
        assertThat(contact.get("warmth").asInt()).isZero();
        assertThat(contact.get("status").asText()).isEqualTo("OVERDUE");
        assertThat(contact.get("lastInteractionAt").isNull()).isTrue();
        assertThat(Instant.parse(contact.get("dueAt").asText()))
                .isBetween(before.truncatedTo(ChronoUnit.MILLIS), after);
    }

    @Test
    void the_cadence_accepts_1_and_3650_days() {
        Api owner = newOwner();
        String id = addContact(owner, "Edges");

        assertThat(owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", 1))
                        .json()
                        .get("cadenceDays")
                        .asInt())
                .isEqualTo(1);
        assertThat(owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", 3650))
                        .json()
                        .get("cadenceDays")
                        .asInt())
                .isEqualTo(3650);
    }

    @Test
    void a_preset_names_its_cadence_and_a_bad_or_doubled_one_is_a_400_that_appends_nothing() {
        Api owner = newOwner();
        String id = addContact(owner, "Preset Person");
        String path = "/api/contacts/" + id + "/cadence";

        assertThat(owner.put(path, Map.of("preset", "B"))
                        .json()
                        .get("cadenceDays")
                        .asInt())
                .isEqualTo(60);
        assertThat(owner.put(path, Map.of("preset", "D"))
                        .json()
                        .get("cadenceDays")
                        .asInt())
                .isEqualTo(365);
        long before = eventCount();
        assertInvalid(owner.put(path, Map.of("preset", "E")), "preset");
        assertInvalid(owner.put(path, Map.of("preset", "a")), "preset");
        assertInvalid(owner.put(path, Map.of("preset", "A", "everyDays", 21)), "preset");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void setting_the_cadence_it_already_has_appends_nothing() {
        Api owner = newOwner();
        String id = addTracked(owner, "Same Again", 60);
        long before = eventCount();

        var again = owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", 60));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("ETag")).isEqualTo("\"1\"");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_cadence_outside_1_to_3650_days_missing_or_not_an_integer_is_a_400_naming_everyDays() {
        Api owner = newOwner();
        String id = addContact(owner, "Out Of Range");
        String path = "/api/contacts/" + id + "/cadence";
        long before = eventCount();

        assertInvalid(owner.put(path, Map.of("everyDays", 0)), "everyDays");
        assertInvalid(owner.put(path, Map.of("everyDays", -5)), "everyDays");
        assertInvalid(owner.put(path, Map.of("everyDays", 3651)), "everyDays");
        assertInvalid(owner.put(path, Map.of()), "everyDays");
        assertInvalid(owner.put(path, null), "body");
        assertInvalid(owner.put(path, Map.of("everyDays", "often")), "everyDays");
        assertInvalid(owner.put(path, Map.of("everyDays", 1.5)), "everyDays");
        assertInvalid(owner.put(path, Map.of("everyDays", 7, "startingAt", "2026-01-01T00:00:00Z")), "startingAt");

        assertThat(eventCount()).isEqualTo(before);
        assertThat(owner.get("/api/contacts/" + id).json().get("cadenceDays").isNull())
                .isTrue();
    }

    @Test
    void clearing_the_cadence_answers_204_and_stops_tracking_and_clearing_again_appends_nothing() {
        Api owner = newOwner();
        String id = addTracked(owner, "Untracked Soon", 30);

        var cleared = owner.delete("/api/contacts/" + id + "/cadence");

        assertThat(cleared.status()).isEqualTo(204);
        JsonNode contact = owner.get("/api/contacts/" + id).json();
        assertThat(contact.get("cadenceDays").isNull()).isTrue();
        assertThat(contact.get("status").isNull()).isTrue();
        long before = eventCount();
        assertThat(owner.delete("/api/contacts/" + id + "/cadence").status()).isEqualTo(204);
        assertThat(eventCount()).isEqualTo(before);
    }

    // --- snooze ----------------------------------------------------------------------------------------------

    @Test
    void snoozing_answers_the_contact_with_snoozedUntil_and_waking_answers_204_and_clears_it() {
        Api owner = newOwner();
        String id = addTracked(owner, "Sleepy", 21);
        Instant until = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);

        var snoozed = owner.post("/api/contacts/" + id + "/snooze", Map.of("until", until.toString()));

        assertThat(snoozed.status()).isEqualTo(200);
        assertThat(Instant.parse(snoozed.json().get("snoozedUntil").asText())).isEqualTo(until);
        var woken = owner.delete("/api/contacts/" + id + "/snooze");
        assertThat(woken.status()).isEqualTo(204);
        assertThat(owner.get("/api/contacts/" + id).json().get("snoozedUntil").isNull())
                .isTrue();
    }

    @Test
    void snoozing_to_the_same_instant_again_or_waking_a_contact_that_is_not_snoozed_appends_nothing() {
        Api owner = newOwner();
        String id = addTracked(owner, "Idempotent Sleeper", 21);
        long beforeWake = eventCount();
        assertThat(owner.delete("/api/contacts/" + id + "/snooze").status()).isEqualTo(204);
        assertThat(eventCount()).isEqualTo(beforeWake);

        String until = Instant.now()
                .plus(Duration.ofDays(3))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        assertThat(owner.post("/api/contacts/" + id + "/snooze", Map.of("until", until))
                        .status())
                .isEqualTo(200);
        long beforeRepeat = eventCount();
        assertThat(owner.post("/api/contacts/" + id + "/snooze", Map.of("until", until))
                        .status())
                .isEqualTo(200);
        assertThat(eventCount()).isEqualTo(beforeRepeat);
    }

    @Test
    void snoozing_into_the_past_beyond_year_9999_without_until_or_with_a_malformed_instant_is_a_400_naming_until() {
        Api owner = newOwner();
        String id = addTracked(owner, "Wide Awake", 21);
        String path = "/api/contacts/" + id + "/snooze";
        Map<String, Object> nullUntil = new HashMap<>();
        nullUntil.put("until", null);
        long before = eventCount();

        assertInvalid(
                owner.post(
                        path,
                        Map.of("until", Instant.now().minus(Duration.ofHours(1)).toString())),
                "until");
        assertInvalid(owner.post(path, Map.of()), "until");
        assertInvalid(owner.post(path, null), "body");
        assertInvalid(owner.post(path, nullUntil), "until");
        assertInvalid(owner.post(path, Map.of("until", "next tuesday")), "until");
        assertInvalid(owner.post(path, Map.of("until", "+300000-01-01T00:00:00Z")), "until");
        assertInvalid(owner.post(path, Map.of("until", "+10000-01-01T00:00:00Z")), "until");

        assertThat(eventCount()).isEqualTo(before);
        assertThat(owner.get("/api/contacts/" + id).json().get("snoozedUntil").isNull())
                .isTrue();
    }

    @Test
    void a_snooze_may_last_until_the_end_of_year_9999() {
        Api owner = newOwner();
        String id = addTracked(owner, "Long Sleeper", 21);

        var snoozed = owner.post("/api/contacts/" + id + "/snooze", Map.of("until", "9999-12-31T23:59:59Z"));

        assertThat(snoozed.status()).isEqualTo(200);
        assertThat(snoozed.json().get("snoozedUntil").asText()).isEqualTo("9999-12-31T23:59:59Z");
    }

    // --- archive and restore ---------------------------------------------------------------------------------

    @Test
    void archiving_answers_the_contact_archived_and_restoring_brings_it_back() {
        Api owner = newOwner();
        String id = addTracked(owner, "Away For A While", 60);

        var archived = owner.post("/api/contacts/" + id + "/archive", null);

        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.json().get("archived").asBoolean()).isTrue();
        assertThat(owner.get("/api/contacts/" + id).json().get("archived").asBoolean())
                .isTrue();
        var restored = owner.post("/api/contacts/" + id + "/restore", null);
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().get("archived").asBoolean()).isFalse();
        assertThat(restored.json().get("cadenceDays").asInt())
                .as("restoring keeps the cadence")
                .isEqualTo(60);
    }

    @Test
    void archiving_an_archived_contact_or_restoring_an_active_one_appends_nothing() {
        Api owner = newOwner();
        String id = addContact(owner, "Steady");
        long beforeRestore = eventCount();
        assertThat(owner.post("/api/contacts/" + id + "/restore", null).status())
                .isEqualTo(200);
        assertThat(eventCount()).isEqualTo(beforeRestore);

        archive(owner, id);
        long beforeArchive = eventCount();
        assertThat(owner.post("/api/contacts/" + id + "/archive", null).status())
                .isEqualTo(200);
        assertThat(eventCount()).isEqualTo(beforeArchive);
    }

    @Test
    void an_archived_contact_refuses_cadence_snooze_details_and_interactions_with_409_and_appends_nothing() {
        Api owner = newOwner();
        String id = addTracked(owner, "In The Archive", 21);
        String until = Instant.now().plus(Duration.ofDays(2)).toString();
        archive(owner, id);
        long before = eventCount();

        assertProblem(owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", 60)), 409);
        assertProblem(owner.delete("/api/contacts/" + id + "/cadence"), 409);
        assertProblem(owner.post("/api/contacts/" + id + "/snooze", Map.of("until", until)), 409);
        assertProblem(owner.delete("/api/contacts/" + id + "/snooze"), 409);
        assertProblem(owner.patch("/api/contacts/" + id, Map.of("role", "Retired")), 409);
        JsonNode problem = assertProblem(
                owner.post("/api/interactions", interaction(Instant.now().minus(Duration.ofDays(1)), id)), 409);
        assertThat(problem.get("type").asText()).endsWith("/contact.archived");

        assertThat(eventCount()).isEqualTo(before);
        JsonNode contact = owner.get("/api/contacts/" + id).json();
        assertThat(contact.get("cadenceDays").asInt()).isEqualTo(21);
        assertThat(contact.get("role").isNull()).isTrue();
    }

    @Test
    void a_restored_contact_accepts_changes_again() {
        Api owner = newOwner();
        String id = addTracked(owner, "Back Again", 21);
        archive(owner, id);
        assertThat(owner.post("/api/contacts/" + id + "/restore", null).status())
                .isEqualTo(200);

        assertThat(owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", 90))
                        .status())
                .isEqualTo(200);
        assertThat(owner.get("/api/contacts/" + id).json().get("cadenceDays").asInt())
                .isEqualTo(90);
        assertThat(owner.get("/api/contacts?limit=10")
                        .json()
                        .get("items")
                        .get(0)
                        .get("archived")
                        .asBoolean())
                .isFalse();
        assertThat(owner.get("/api/contacts/" + id).header("ETag")).isEqualTo("\"4\"");
    }
}
