package io.keepwarm.web.interaction;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.interaction;
import static io.keepwarm.web.testsupport.Fixtures.logInteraction;
import static io.keepwarm.web.testsupport.Fixtures.unknownId;
import static io.keepwarm.web.testsupport.ProblemAssert.assertInvalid;
import static io.keepwarm.web.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/interactions/{id}} and {@code GET /api/contacts/{id}/interactions}. */
class InteractionReadsIT extends IntegrationTest {

    private static Instant daysAgo(int days) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(days));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("interactionId").asText()));
        return ids;
    }

    @Test
    void an_interaction_reads_back_as_it_stands_after_a_correction_with_its_contacts() {
        Api owner = newOwner();
        String ada = addContact(owner, "Ada Lovelace");
        String grace = addContact(owner, "Grace Hopper");
        Map<String, Object> body = interaction(daysAgo(10), ada, grace);
        body.put("favor", "ASKED");
        body.put("note", "Asked for an intro to Babbage.");
        String id = logInteraction(owner, body);

        var corrected = owner.send(
                "PATCH",
                "/api/interactions/" + id,
                Map.of("occurredAt", daysAgo(9).toString(), "channel", "VIDEO", "note", "Asked for two intros."),
                "application/merge-patch+json");
        assertThat(corrected.status()).as("%s", corrected).isEqualTo(204);

        var read = owner.get("/api/interactions/" + id);
        assertThat(read.status()).as("%s", read).isEqualTo(200);
        JsonNode it = read.json();
        assertThat(it.get("interactionId").asText()).isEqualTo(id);
        List<String> contacts = new ArrayList<>();
        it.get("contactIds").forEach(c -> contacts.add(c.asText()));
        assertThat(contacts).containsExactlyInAnyOrder(ada, grace);
        assertThat(Instant.parse(it.get("occurredAt").asText())).isEqualTo(daysAgo(9));
        assertThat(it.get("channel").asText()).isEqualTo("VIDEO");
        assertThat(it.get("initiatedBy").asText()).isEqualTo("ME");
        assertThat(it.get("favor").asText()).isEqualTo("ASKED");
        assertThat(it.get("note").asText()).isEqualTo("Asked for two intros.");
        assertThat(it.get("corrections").asInt()).isEqualTo(1);
        assertThat(it.get("lastCorrectedAt").isNull()).isFalse();
        assertThat(it.get("retracted").asBoolean()).isFalse();
        assertThat(it.get("retractedAt").isNull()).isTrue();
    }

    @Test
    void a_retracted_interaction_reads_back_with_its_reason() {
        Api owner = newOwner();
        String ada = addContact(owner, "Ada Lovelace");
        String id = logInteraction(owner, daysAgo(3), ada);

        assertThat(owner.delete("/api/interactions/" + id + "?reason=logged%20on%20the%20wrong%20person")
                        .status())
                .isEqualTo(204);

        JsonNode it = owner.get("/api/interactions/" + id).json();
        assertThat(it.get("retracted").asBoolean()).isTrue();
        assertThat(it.get("retractedAt").isNull()).isFalse();
        assertThat(it.get("retractionReason").asText()).isEqualTo("logged on the wrong person");
    }

    @Test
    void another_owners_interaction_and_an_unknown_one_are_404_alike() {
        Api owner = newOwner();
        Api stranger = newOwner();
        String id = logInteraction(owner, daysAgo(1), addContact(owner, "Ada Lovelace"));

        JsonNode foreign = assertProblem(stranger.get("/api/interactions/" + id), 404);
        JsonNode unknown = assertProblem(owner.get("/api/interactions/" + unknownId()), 404);
        assertThat(foreign.get("code").asText()).isEqualTo(unknown.get("code").asText());
        assertProblem(stranger.get("/api/contacts/" + addContact(owner, "Grace Hopper") + "/interactions"), 404);
    }

    @Test
    void a_contacts_interactions_come_newest_first_by_when_they_occurred_and_page_without_gaps() {
        Api owner = newOwner();
        String ada = addContact(owner, "Ada Lovelace");
        String other = addContact(owner, "Grace Hopper");
        List<String> newestFirst = new ArrayList<>();
        for (int days : new int[] {1, 2, 3, 4, 5, 6, 7}) {
            newestFirst.add(logInteraction(owner, daysAgo(days * 10), ada));
        }
        // logged last but occurred earliest: a backfill sorts by when it happened, not when it was logged
        String backfilled = logInteraction(owner, daysAgo(400), ada);
        newestFirst.add(backfilled);
        logInteraction(owner, daysAgo(1), other);
        String retracted = newestFirst.get(2);
        owner.delete("/api/interactions/" + retracted);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = owner.get("/api/contacts/" + ada + "/interactions?limit=3"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);
        JsonNode first =
                owner.get("/api/contacts/" + ada + "/interactions?limit=5").json();
        assertThat(first.get("items").get(2).get("retracted").asBoolean()).isTrue();
        assertThat(first.get("items").get(1).get("retracted").asBoolean()).isFalse();
    }

    @Test
    void from_and_to_select_by_when_the_interaction_occurred_after_corrections() {
        Api owner = newOwner();
        String ada = addContact(owner, "Ada Lovelace");
        String old = logInteraction(owner, daysAgo(100), ada);
        String recent = logInteraction(owner, daysAgo(5), ada);
        String moved = logInteraction(owner, daysAgo(50), ada);
        owner.send(
                "PATCH",
                "/api/interactions/" + moved,
                Map.of("occurredAt", daysAgo(4).toString()),
                "application/merge-patch+json");

        JsonNode lastMonth = owner.get(
                        "/api/contacts/" + ada + "/interactions?from=" + daysAgo(30) + "&to=" + daysAgo(0))
                .json();
        assertThat(ids(lastMonth)).containsExactly(moved, recent);
        JsonNode before = owner.get("/api/contacts/" + ada + "/interactions?to=" + daysAgo(30))
                .json();
        assertThat(ids(before)).containsExactly(old);
    }

    @Test
    void bad_paging_and_ranges_are_400_naming_the_parameter() {
        Api owner = newOwner();
        String ada = addContact(owner, "Ada Lovelace");
        assertInvalid(owner.get("/api/contacts/" + ada + "/interactions?cursor=not-a-cursor"), "cursor");
        assertInvalid(owner.get("/api/contacts/" + ada + "/interactions?limit=0"), "limit");
        assertInvalid(
                owner.get("/api/contacts/" + ada + "/interactions?from=" + daysAgo(1) + "&to=" + daysAgo(2)), "to");
    }

    @Test
    void an_interaction_whose_contact_was_forgotten_is_read_from_a_participant_still_known() {
        Api owner = newOwner();
        String ada = addContact(owner, "Ada Lovelace");
        String grace = addContact(owner, "Grace Hopper");
        String shared = logInteraction(owner, daysAgo(2), ada, grace);
        String adaOnly = logInteraction(owner, daysAgo(3), ada);

        assertThat(owner.delete("/api/contacts/" + ada).status()).isEqualTo(204);

        assertProblem(owner.get("/api/interactions/" + adaOnly), 404);
        assertThat(owner.get("/api/interactions/" + shared).status()).isEqualTo(200);
        assertThat(ids(owner.get("/api/contacts/" + grace + "/interactions").json()))
                .containsExactly(shared);
    }
}
