package io.keepwarm.web.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4's invariant: for {@code asOf} at or after the last recorded event, the network report rebuilt from the
 * event store equals the live going-cold view at that instant with every status.
 */
class ReportsMatchGoingColdIT extends IntegrationTest {

    private static final Duration PROJECTION_PATIENCE = Duration.ofSeconds(30);

    @Test
    void after_the_last_event_the_network_report_equals_the_live_going_cold_view_with_every_status() {
        Api owner = newOwner();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String tag = "inv-" + Long.toHexString(System.nanoTime());

        String ann = contact(owner, "Ann Backfill", "Europe/Berlin", tag);
        cadence(owner, ann, 21);
        interaction(owner, now.minus(Duration.ofDays(30)), "CALL", "ME", "NONE", ann);
        String latest = interaction(owner, now.minus(Duration.ofDays(5)), "EMAIL", "ME", "NONE", ann);
        interaction(owner, now.minus(Duration.ofDays(40)), "VIDEO", "THEM", "ASKED", ann); // backfilled, older
        assertThat(owner.delete("/api/interactions/" + latest + "?reason=wrong+person")
                        .status())
                .isEqualTo(204);

        String ben = contact(owner, "Ben Corrected", null, tag);
        cadence(owner, ben, 60);
        String gave = interaction(owner, now.minus(Duration.ofDays(50)), "IN_PERSON", "MUTUAL", "GAVE", ben);
        assertThat(owner.patch(
                                "/api/interactions/" + gave,
                                Map.of(
                                        "occurredAt",
                                        now.minus(Duration.ofDays(70)).toString(),
                                        "favor",
                                        "ASKED"))
                        .status())
                .isEqualTo(204);

        String cat = contact(owner, "Cat Never", "Asia/Tokyo", tag);
        cadence(owner, cat, 7);

        String dan = contact(owner, "Dan Shared", "America/Chicago", tag);
        cadence(owner, dan, 14);
        interaction(owner, now.minus(Duration.ofDays(12)), "EVENT", "MUTUAL", "NONE", dan, ben);

        String eve = contact(owner, "Eve Snoozed", null, tag);
        cadence(owner, eve, 30);
        assertThat(owner.post(
                                "/api/contacts/" + eve + "/snooze",
                                Map.of("until", now.plus(Duration.ofDays(10)).toString()))
                        .status())
                .isLessThan(300);

        String fay = contact(owner, "Fay Archived", null, tag);
        cadence(owner, fay, 30);
        assertThat(owner.post("/api/contacts/" + fay + "/archive", Map.of()).status())
                .isLessThan(300);

        String gus = contact(owner, "Gus Untracked", null, tag);

        String ivy = contact(owner, "Ivy Forgotten", null, tag);
        cadence(owner, ivy, 30);
        interaction(owner, now.minus(Duration.ofDays(2)), "CALL", "ME", "NONE", ivy);
        assertThat(owner.delete("/api/contacts/" + ivy).status()).isEqualTo(204);

        // Events keep nanoseconds, PostgreSQL keeps microseconds: the report must show what the view shows.
        String hugo = contact(owner, "Hugo Nanos", null, tag);
        cadence(owner, hugo, 10);
        interaction(owner, now.minus(Duration.ofDays(3)).plusNanos(123_456_789), "SOCIAL", "THEM", "NONE", hugo);

        String asOf = Instant.now().plusSeconds(1).toString();
        JsonNode report = null;
        JsonNode view = null;
        long deadline = System.nanoTime() + PROJECTION_PATIENCE.toNanos();
        do {
            // Scripted histories of other tests reach the live view asynchronously; the report never waits.
            var reportResponse = owner.get("/api/reports/network?asOf=" + asOf);
            var viewResponse =
                    owner.get("/api/going-cold?at=" + asOf + "&status=WARM,DUE_SOON,OVERDUE,COLD&limit=1000");
            assertThat(reportResponse.status()).isEqualTo(200);
            assertThat(viewResponse.status()).isEqualTo(200);
            report = reportResponse.json().get("items");
            view = viewResponse.json().get("items");
        } while (!report.equals(view) && System.nanoTime() < deadline && pause());

        assertThat(report).isEqualTo(view);
        assertThat(report.size()).isLessThan(1000);
        List<String> mine = ids(report, List.of(ann, ben, cat, dan, eve, fay, gus, hugo, ivy));
        assertThat(mine).containsExactlyInAnyOrder(ann, ben, cat, dan, hugo);
        Map<String, JsonNode> byId = byId(report);
        assertThat(byId.get(ann).get("lastInteractionAt").asText())
                .as("retracting the latest moves the last touch back, the older backfill does not move it")
                .isEqualTo(now.minus(Duration.ofDays(30)).toString());
        assertThat(byId.get(ann).get("asks").asInt()).isEqualTo(1);
        assertThat(byId.get(ben).get("lastInteractionAt").asText())
                .isEqualTo(now.minus(Duration.ofDays(12)).toString());
        assertThat(byId.get(ben).get("asks").asInt()).isEqualTo(1);
        assertThat(byId.get(ben).get("gives").asInt()).isZero();
        assertThat(byId.get(cat).get("neverContacted").asBoolean()).isTrue();
        assertThat(byId.get(hugo).get("lastInteractionAt").asText())
                .isEqualTo(now.minus(Duration.ofDays(3)).plusNanos(123_457_000).toString());
    }

    private static boolean pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    static String contact(Api owner, String name, String timeZone, String tag) {
        Map<String, Object> body = new HashMap<>(Map.of("displayName", name, "tags", List.of(tag)));
        if (timeZone != null) {
            body.put("timeZone", timeZone);
        }
        var created = owner.post("/api/contacts", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("contactId").asText();
    }

    static void cadence(Api owner, String contactId, int everyDays) {
        var set = owner.put("/api/contacts/" + contactId + "/cadence", Map.of("everyDays", everyDays));
        assertThat(set.status()).as(set.toString()).isLessThan(300);
    }

    static String interaction(
            Api owner, Instant occurredAt, String channel, String initiatedBy, String favor, String... contactIds) {
        var logged = owner.post(
                "/api/interactions",
                Map.of(
                        "contactIds",
                        List.of(contactIds),
                        "occurredAt",
                        occurredAt.toString(),
                        "channel",
                        channel,
                        "initiatedBy",
                        initiatedBy,
                        "favor",
                        favor));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        return logged.json().get("interactionId").asText();
    }

    private static List<String> ids(JsonNode items, List<String> among) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> {
            if (among.contains(item.get("contactId").asText())) {
                ids.add(item.get("contactId").asText());
            }
        });
        return ids;
    }

    private static Map<String, JsonNode> byId(JsonNode items) {
        Map<String, JsonNode> byId = new HashMap<>();
        items.forEach(item -> byId.put(item.get("contactId").asText(), item));
        return byId;
    }
}
