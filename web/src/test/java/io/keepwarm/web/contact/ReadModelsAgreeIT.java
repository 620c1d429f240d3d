package io.keepwarm.web.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A contact reads the same wherever it is shown: in the list, on its own, tracked or not (issue 12). */
class ReadModelsAgreeIT extends IntegrationTest {

    private static final List<String> GOING_COLD_FIELDS = List.of(
            "cadenceDays",
            "snoozedUntil",
            "lastInteractionAt",
            "dueAt",
            "ratio",
            "status",
            "warmth",
            "neverContacted",
            "asks",
            "gives",
            "balance",
            "askReady",
            "reachableNow");

    @Test
    void a_list_row_carries_the_same_going_cold_fields_as_the_contact_itself() {
        Api owner = newOwner();
        String tracked = add(owner, "Ada Tracked");
        owner.put("/api/contacts/" + tracked + "/cadence", Map.of("everyDays", 21));
        log(owner, tracked, Instant.now().minus(Duration.ofDays(30)), "ASKED");
        String neverContacted = add(owner, "Bea Never");
        owner.put("/api/contacts/" + neverContacted + "/cadence", Map.of("everyDays", 60));
        String untracked = add(owner, "Cyd Untracked");
        log(owner, untracked, Instant.now().minus(Duration.ofDays(3)), "GAVE");

        JsonNode rows = owner.get("/api/contacts").json().get("items");
        assertThat(rows).hasSize(3);
        for (JsonNode row : rows) {
            JsonNode one =
                    owner.get("/api/contacts/" + row.get("contactId").asText()).json();
            for (String field : GOING_COLD_FIELDS) {
                assertThat(row.get(field))
                        .as(row.get("displayName").asText() + ": " + field)
                        .isEqualTo(one.get(field));
            }
        }
        JsonNode ada = rows.get(0);
        assertThat(ada.get("cadenceDays").asInt()).isEqualTo(21);
        assertThat(ada.get("status").asText()).isEqualTo("OVERDUE");
        assertThat(ada.get("lastInteractionAt").isNull()).isFalse();
        assertThat(ada.get("asks").asInt()).isEqualTo(1);
    }

    @Test
    void clearing_the_cadence_keeps_the_last_interaction_asks_and_gives() {
        Api owner = newOwner();
        String id = add(owner, "Dora Cleared");
        owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", 21));
        Instant last = Instant.parse("2026-10-01T10:00:00Z");
        log(owner, id, last.minus(Duration.ofDays(5)), "ASKED");
        log(owner, id, last, "GAVE");
        log(owner, id, last.minus(Duration.ofDays(9)), "GAVE");

        assertThat(owner.delete("/api/contacts/" + id + "/cadence").status()).isEqualTo(204);

        for (JsonNode contact : List.of(
                owner.get("/api/contacts/" + id).json(),
                owner.get("/api/contacts").json().get("items").get(0))) {
            assertThat(contact.get("cadenceDays").isNull()).isTrue();
            assertThat(contact.get("status").isNull())
                    .as("no cadence, no status")
                    .isTrue();
            assertThat(contact.get("lastInteractionAt").asText()).isEqualTo(last.toString());
            assertThat(contact.get("asks").asInt()).isEqualTo(1);
            assertThat(contact.get("gives").asInt()).isEqualTo(2);
        }
    }

    private static String add(Api owner, String name) {
        return owner.post("/api/contacts", Map.of("displayName", name))
                .json()
                .get("contactId")
                .asText();
    }

    private static void log(Api owner, String contactId, Instant occurredAt, String favor) {
        var logged = owner.post(
                "/api/interactions",
                Map.of(
                        "interactionId",
                        UUID.randomUUID().toString(),
                        "contactIds",
                        List.of(contactId),
                        "occurredAt",
                        occurredAt.toString(),
                        "channel",
                        "CALL",
                        "initiatedBy",
                        "ME",
                        "favor",
                        favor));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
    }
}
