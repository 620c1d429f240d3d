package io.keepwarm.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Eventually;
import io.keepwarm.web.testsupport.IntegrationTest;
import io.keepwarm.web.testsupport.ProjectionFaults;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterIT extends IntegrationTest {

    private static final String ALL = "/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD";

    @AfterEach
    void noFaults() {
        ProjectionFaults.reset();
    }

    @Test
    void a_poison_event_is_parked_with_its_contact_the_rest_flows_on_and_a_retry_after_the_fix_applies_it() {
        Api owner = newOwner();
        String poisoned = ProjectionAdminIT.addContact(owner, "Poisoned Pat");
        String healthy = ProjectionAdminIT.addContact(owner, "Healthy Hal");
        owner.put("/api/contacts/" + poisoned + "/cadence", Map.of("everyDays", 30));
        owner.put("/api/contacts/" + healthy + "/cadence", Map.of("everyDays", 30));
        Instant earlier = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant later = earlier.plus(1, ChronoUnit.DAYS);

        ProjectionFaults.poison(UUID.fromString(poisoned));
        assertThat(log(owner, poisoned, earlier, "ASKED").status()).isEqualTo(201);
        assertThat(log(owner, poisoned, later, "GAVE").status()).isEqualTo(201);
        assertThat(log(owner, healthy, later, "ASKED").status()).isEqualTo(201);

        // the healthy contact's interaction flowed past the parked one; the poisoned contact waits
        JsonNode rows = owner.get(ALL).json().get("items");
        assertThat(row(rows, healthy).get("lastInteractionAt").asText()).isEqualTo(later.toString());
        assertThat(row(rows, healthy).get("asks").asInt()).isEqualTo(1);
        assertThat(row(rows, poisoned).get("neverContacted").asBoolean()).isTrue();
        // the other projections are not poisoned and have both interactions
        assertThat(owner.get("/api/contacts/" + poisoned + "/history").json().get("items"))
                .hasSize(4);

        JsonNode letters = Eventually.until(
                        "both interactions of the poisoned contact in the dead-letter queue",
                        () -> admin().get("/api/admin/projections/going-cold/dead-letters"),
                        answer -> answer.json().get("items").size() == 2)
                .json()
                .get("items");
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.get("contactId").asText()).isEqualTo(poisoned);
            assertThat(letter.get("type").asText()).isEqualTo("InteractionLogged");
            assertThat(letter.get("eventId").asText()).isNotBlank();
            assertThat(letter.get("enqueuedAt").isNull()).isFalse();
        });
        assertThat(letters.get(0).get("causeMessage").asText()).contains("poisoned for a test");
        assertThat(letters.get(0).get("causeType").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letters.get(1).get("causeMessage").isNull())
                .as("queued behind the first, not failed itself")
                .isTrue();
        JsonNode status = admin().get("/api/admin/projections/going-cold").json();
        assertThat(status.get("deadLetters").asLong()).isEqualTo(2);
        assertThat(status.get("state").asText()).isEqualTo("RUNNING");

        ProjectionFaults.cure(UUID.fromString(poisoned));
        var retried = admin().post("/api/admin/projections/going-cold/dead-letters/retry", Map.of());
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("sequencesRetried").asInt()).isEqualTo(1);
        assertThat(retried.json().get("remaining").asLong()).isZero();

        JsonNode fixed = row(owner.get(ALL).json().get("items"), poisoned);
        assertThat(fixed.get("lastInteractionAt").asText()).isEqualTo(later.toString());
        assertThat(fixed.get("asks").asInt()).isEqualTo(1);
        assertThat(fixed.get("gives").asInt()).isEqualTo(1);
        assertThat(admin().get("/api/admin/projections/going-cold/dead-letters")
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(admin().get("/api/admin/projections/going-cold")
                        .json()
                        .get("deadLetters")
                        .asLong())
                .isZero();

        // and the contact's later events are handled live again
        Instant latest = later.plus(1, ChronoUnit.DAYS);
        assertThat(log(owner, poisoned, latest, "NONE").status()).isEqualTo(201);
        assertThat(row(owner.get(ALL).json().get("items"), poisoned)
                        .get("lastInteractionAt")
                        .asText())
                .isEqualTo(latest.toString());
    }

    @Test
    void dead_letters_are_for_admins_only() {
        assertThat(newOwner()
                        .get("/api/admin/projections/going-cold/dead-letters")
                        .status())
                .isEqualTo(403);
        assertThat(newOwner()
                        .post("/api/admin/projections/going-cold/dead-letters/retry", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(admin().get("/api/admin/projections/nothing/dead-letters").status())
                .isEqualTo(404);
    }

    private static Api.Response log(Api owner, String contactId, Instant at, String favor) {
        return owner.post(
                "/api/interactions",
                Map.of(
                        "contactIds",
                        List.of(contactId),
                        "occurredAt",
                        at.toString(),
                        "channel",
                        "CALL",
                        "initiatedBy",
                        "ME",
                        "favor",
                        favor));
    }

    private static JsonNode row(JsonNode rows, String contactId) {
        for (JsonNode row : rows) {
            if (row.get("contactId").asText().equals(contactId)) {
                return row;
            }
        }
        throw new AssertionError("no going-cold row for " + contactId + " in " + rows);
    }
}
