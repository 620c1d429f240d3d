package io.keepwarm.web.settings;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.logInteraction;
import static io.keepwarm.web.testsupport.Fixtures.setCadence;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET}/{@code PATCH /api/me/settings} (SPEC §9) and what the settings change elsewhere. */
class SettingsIT extends IntegrationTest {

    /** Saturday 2025-01-18 10:00 in Berlin. */
    private static final Instant SATURDAY_MORNING_IN_BERLIN = Instant.parse("2025-01-18T09:00:00Z");

    @Test
    void a_new_account_has_the_defaults() {
        JsonNode settings = newOwner().get("/api/me/settings").json();

        assertThat(settings.get("timeZone").asText()).isEqualTo("UTC");
        assertThat(settings.get("reachableHours").get("from").asText()).isEqualTo("09:00");
        assertThat(settings.get("reachableHours").get("until").asText()).isEqualTo("20:00");
        assertThat(texts(settings.get("reachableDays")))
                .containsExactly("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
        assertThat(settings.get("digest").get("frequency").asText()).isEqualTo("OFF");
        assertThat(settings.get("version").asLong()).isZero();
    }

    @Test
    void the_account_s_days_and_hours_decide_reachable_now_and_a_contact_without_a_zone_is_unknown() {
        Api owner = newOwner();
        // known since before the instant the view is asked at: a contact not yet known then is not listed
        String berlin = addContact(
                owner,
                Map.of("displayName", "Bea Berlin", "timeZone", "Europe/Berlin", "knownSince", "2024-01-01T00:00:00Z"));
        String nowhere = addContact(owner, Map.of("displayName", "Nora Nowhere", "knownSince", "2024-01-01T00:00:00Z"));
        for (String id : List.of(berlin, nowhere)) {
            setCadence(owner, id, 30);
            logInteraction(owner, Instant.parse("2024-12-01T10:00:00Z"), id);
        }
        String view = "/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD&at=" + SATURDAY_MORNING_IN_BERLIN;

        Map<String, JsonNode> before = rows(owner.get(view).json());
        assertThat(before.get("Bea Berlin").get("reachableNow").asBoolean())
                .as("Saturday is not a reachable day by default")
                .isFalse();
        assertThat(before.get("Bea Berlin").get("localTime").asText()).isEqualTo("2025-01-18T10:00:00+01:00");
        assertThat(before.get("Nora Nowhere").get("reachableNow").isNull()).isTrue();

        var patched = owner.patch(
                "/api/me/settings",
                Map.of(
                        "reachableDays",
                        List.of("saturday", "SUNDAY"),
                        "reachableHours",
                        Map.of("from", "10:00", "until", "12:00")));
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(texts(patched.json().get("reachableDays"))).containsExactly("SATURDAY", "SUNDAY");

        Map<String, JsonNode> after = rows(owner.get(view).json());
        assertThat(after.get("Bea Berlin").get("reachableNow").asBoolean()).isTrue();
        assertThat(after.get("Nora Nowhere").get("reachableNow").isNull()).isTrue();
    }

    @Test
    void the_activity_report_is_cut_in_the_account_s_zone_unless_another_is_asked_for() {
        Api owner = newOwner();
        String id = addContact(owner, "Ann");
        // 2025-01-31 23:30 UTC is already February in Paris
        logInteraction(owner, Instant.parse("2025-01-31T23:30:00Z"), id);
        String report = "/api/reports/activity?from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z&groupBy=month";

        JsonNode inUtc = owner.get(report).json();
        assertThat(inUtc.get("zone").asText()).isEqualTo("UTC");
        assertThat(inUtc.get("periods").get(0).get("interactions").asInt()).isEqualTo(1);

        assertThat(owner.patch("/api/me/settings", Map.of("timeZone", "Europe/Paris"))
                        .status())
                .isEqualTo(200);
        JsonNode inParis = owner.get(report).json();
        assertThat(inParis.get("zone").asText()).isEqualTo("Europe/Paris");
        assertThat(inParis.get("periods").get(1).get("start").asText()).isEqualTo("2025-01-31T23:00:00Z");
        assertThat(inParis.get("periods").get(0).get("interactions").asInt()).isZero();
        assertThat(inParis.get("periods").get(1).get("interactions").asInt()).isEqualTo(1);

        assertThat(owner.get(report + "&zone=UTC").json().get("zone").asText()).isEqualTo("UTC");
    }

    @Test
    void every_change_is_recorded_with_its_actor_and_request_and_an_empty_change_records_nothing() {
        Api owner = newOwner().with("X-Request-Id", "settings-change-1");
        String me = owner.get("/api/me").json().get("userId").asText();

        owner.patch("/api/me/settings", Map.of("timeZone", "Asia/Tokyo"));
        owner.patch("/api/me/settings", Map.of("timeZone", "Asia/Tokyo"));
        var weekly = owner.patch(
                "/api/me/settings",
                Map.of("digest", Map.of("frequency", "WEEKLY", "day", "MONDAY", "hour", 7, "email", "me@example.com")));
        assertThat(weekly.json().get("digest").get("day").asText()).isEqualTo("MONDAY");
        assertThat(weekly.json().get("version").asLong()).isEqualTo(2);

        JsonNode history = owner.get("/api/me/settings/history").json().get("items");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("version").asLong()).isEqualTo(1);
        assertThat(history.get(0).get("actorId").asText()).isEqualTo(me);
        assertThat(history.get(0).get("correlationId").asText()).isEqualTo("settings-change-1");
        assertThat(history.get(0).get("changes").get("timeZone").get("from").asText())
                .isEqualTo("UTC");
        assertThat(history.get(0).get("changes").get("timeZone").get("to").asText())
                .isEqualTo("Asia/Tokyo");
        assertThat(history.get(1)
                        .get("changes")
                        .get("digest")
                        .get("to")
                        .get("hour")
                        .asInt())
                .isEqualTo(7);
        assertThat(history.get(1).get("changes").has("timeZone")).isFalse();
    }

    @Test
    void a_bad_patch_names_every_bad_field_and_changes_nothing() {
        Api owner = newOwner();

        var bad = owner.patch(
                "/api/me/settings",
                Map.of(
                        "timeZone", "Mars/Olympus",
                        "reachableHours", Map.of("from", "20:00", "until", "09:00"),
                        "reachableDays", List.of("MONDAY", "Caturday"),
                        "digest", Map.of("frequency", "WEEKLY"),
                        "colour", "blue"));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "timeZone",
                        "reachableHours.until",
                        "reachableDays[1]",
                        "digest.day",
                        "digest.hour",
                        "digest.email",
                        "colour");
        assertThat(owner.get("/api/me/settings").json().get("version").asLong()).isZero();
        assertThat(owner.get("/api/me/settings/history").json().get("items")).isEmpty();
    }

    private static Map<String, JsonNode> rows(JsonNode view) {
        Map<String, JsonNode> rows = new java.util.HashMap<>();
        view.get("items").forEach(row -> rows.put(row.get("displayName").asText(), row));
        return rows;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
