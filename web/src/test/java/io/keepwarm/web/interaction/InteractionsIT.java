package io.keepwarm.web.interaction;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.addTracked;
import static io.keepwarm.web.testsupport.Fixtures.archive;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code POST /api/interactions}, {@code PATCH} and {@code DELETE /api/interactions/{id}}. */
class InteractionsIT extends IntegrationTest {

    /** Whole seconds in the past, so instants compare exactly after a round trip through PostgreSQL. */
    private static Instant daysAgo(int days) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(days));
    }

    private static Instant lastInteractionAt(Api owner, String contactId) {
        JsonNode last = owner.get("/api/contacts/" + contactId).json().get("lastInteractionAt");
        return last.isNull() ? null : Instant.parse(last.asText());
    }

    private static List<String> historyTypes(Api owner, String contactId) {
        List<String> types = new ArrayList<>();
        owner.get("/api/contacts/" + contactId + "/history?limit=500")
                .json()
                .get("items")
                .forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    // --- logging ---------------------------------------------------------------------------------------------

    @Test
    void logging_an_interaction_answers_201_with_its_id_and_the_contact_shows_it_at_once() {
        Api owner = newOwner();
        String id = addTracked(owner, "Tim Berners-Lee", 30);
        Instant occurredAt = daysAgo(3);
        long before = eventCount();

        var logged = owner.post("/api/interactions", interaction(occurredAt, id));

        assertThat(logged.status()).isEqualTo(201);
        assertThat(UUID.fromString(logged.json().get("interactionId").asText())).isNotNull();
        assertThat(logged.json().get("contactIds").toString()).isEqualTo("[\"" + id + "\"]");
        assertThat(eventCount()).isEqualTo(before + 1);
        assertThat(lastInteractionAt(owner, id)).isEqualTo(occurredAt);
        assertThat(owner.get("/api/contacts/" + id).json().get("status").asText())
                .isEqualTo("WARM");
    }

    @Test
    void a_client_supplied_interaction_id_is_kept() {
        Api owner = newOwner();
        String id = addContact(owner, "Vint Cerf");
        String interactionId = UUID.randomUUID().toString();
        Map<String, Object> body = interaction(daysAgo(1), id);
        body.put("interactionId", interactionId);
        body.put("favor", "GAVE");
        body.put("note", "Introduced him to a founder.\nFollow up in May.");

        var logged = owner.post("/api/interactions", body);

        assertThat(logged.status()).isEqualTo(201);
        assertThat(logged.json().get("interactionId").asText()).isEqualTo(interactionId);
    }

    @Test
    void an_interaction_may_be_logged_a_little_in_the_future_but_not_more_than_five_minutes() {
        Api owner = newOwner();
        String id = addContact(owner, "Clock Skew");

        assertThat(owner.post("/api/interactions", interaction(Instant.now().plus(Duration.ofMinutes(2)), id))
                        .status())
                .isEqualTo(201);
        long before = eventCount();
        assertInvalid(
                owner.post("/api/interactions", interaction(Instant.now().plus(Duration.ofMinutes(6)), id)),
                "occurredAt");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void logging_with_several_contacts_records_it_on_each_of_them() {
        Api owner = newOwner();
        String a = addTracked(owner, "Bob Kahn", 30);
        String b = addTracked(owner, "Vint Cerf", 30);
        Instant occurredAt = daysAgo(2);
        long before = eventCount();

        var logged = owner.post("/api/interactions", interaction(occurredAt, a, b));

        assertThat(logged.status()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        logged.json().get("contactIds").forEach(node -> ids.add(node.asText()));
        assertThat(ids).containsExactlyInAnyOrder(a, b);
        assertThat(eventCount()).isEqualTo(before + 2);
        assertThat(lastInteractionAt(owner, a)).isEqualTo(occurredAt);
        assertThat(lastInteractionAt(owner, b)).isEqualTo(occurredAt);
    }

    @Test
    void an_interaction_with_fifty_contacts_is_logged_on_all_fifty() {
        Api owner = newOwner();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(addContact(owner, "Guest " + i));
        }
        long before = eventCount();

        var logged = owner.post("/api/interactions", interaction(daysAgo(1), ids.toArray(String[]::new)));

        assertThat(logged.status()).isEqualTo(201);
        assertThat(logged.json().get("contactIds")).hasSize(50);
        assertThat(eventCount()).isEqualTo(before + 50);
        assertThat(historyTypes(owner, ids.get(49))).contains("InteractionLogged");
    }

    @Test
    void an_interaction_naming_an_unknown_contact_is_404_and_appends_nothing_for_any_contact() {
        Api owner = newOwner();
        String known = addTracked(owner, "Known", 30);
        String missing = unknownId();
        long before = eventCount();

        JsonNode problem = assertProblem(owner.post("/api/interactions", interaction(daysAgo(1), known, missing)), 404);

        assertThat(problem.get("detail").asText()).contains(missing);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(lastInteractionAt(owner, known)).isNull();
        assertThat(historyTypes(owner, known)).doesNotContain("InteractionLogged");
    }

    @Test
    void an_interaction_naming_an_archived_contact_is_409_and_appends_nothing_for_any_contact() {
        Api owner = newOwner();
        String active = addTracked(owner, "Active", 30);
        String archived = addTracked(owner, "Archived", 30);
        archive(owner, archived);
        long before = eventCount();

        assertProblem(owner.post("/api/interactions", interaction(daysAgo(1), active, archived)), 409);
        assertProblem(owner.post("/api/interactions", interaction(daysAgo(1), archived, active)), 409);

        assertThat(eventCount()).isEqualTo(before);
        assertThat(lastInteractionAt(owner, active)).isNull();
        assertThat(historyTypes(owner, active)).doesNotContain("InteractionLogged");
    }

    @Test
    void an_interaction_naming_another_owners_contact_is_404_and_appends_nothing_for_any_contact() {
        Api owner = newOwner();
        Api stranger = newOwner();
        String mine = addTracked(owner, "Mine", 30);
        String theirs = addTracked(stranger, "Theirs", 30);
        long before = eventCount();

        JsonNode problem = assertProblem(owner.post("/api/interactions", interaction(daysAgo(1), mine, theirs)), 404);

        assertThat(problem.get("detail").asText()).isEqualTo("contact " + theirs + " not found");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(lastInteractionAt(owner, mine)).isNull();
        assertThat(lastInteractionAt(stranger, theirs)).isNull();
        assertThat(historyTypes(stranger, theirs)).doesNotContain("InteractionLogged");
    }

    @Test
    void the_same_id_with_the_same_body_again_answers_200_and_appends_nothing() {
        Api owner = newOwner();
        String a = addContact(owner, "Repeat A");
        String b = addContact(owner, "Repeat B");
        Map<String, Object> body = interaction(daysAgo(4), a, b);
        body.put("interactionId", UUID.randomUUID().toString());
        body.put("favor", "ASKED");
        body.put("note", "coffee");
        assertThat(owner.post("/api/interactions", body).status()).isEqualTo(201);
        long before = eventCount();

        var again = owner.post("/api/interactions", body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("interactionId").asText()).isEqualTo(body.get("interactionId"));
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void concurrent_resends_of_one_interaction_append_it_once_and_only_one_of_them_answers_201() throws Exception {
        Api owner = newOwner();
        String a = addContact(owner, "Double Click A");
        String b = addContact(owner, "Double Click B");
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                Map<String, Object> body = interaction(daysAgo(1), a, b);
                body.put("interactionId", UUID.randomUUID().toString());
                long before = eventCount();
                List<Future<Api.Response>> sent = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    sent.add(clients.submit(() -> owner.post("/api/interactions", body)));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Api.Response> answer : sent) {
                    statuses.add(answer.get(60, TimeUnit.SECONDS).status());
                }

                assertThat(eventCount()).as("round %d", round).isEqualTo(before + 2);
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(201, 200, 200, 200);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void the_same_id_with_another_body_or_other_contacts_is_409_and_appends_nothing() {
        Api owner = newOwner();
        String a = addContact(owner, "Conflict A");
        String b = addContact(owner, "Conflict B");
        String interactionId = UUID.randomUUID().toString();
        Map<String, Object> body = interaction(daysAgo(4), a);
        body.put("interactionId", interactionId);
        assertThat(owner.post("/api/interactions", body).status()).isEqualTo(201);
        long before = eventCount();

        Map<String, Object> otherChannel = new HashMap<>(body);
        otherChannel.put("channel", "VIDEO");
        assertProblem(owner.post("/api/interactions", otherChannel), 409);
        Map<String, Object> otherContacts = new HashMap<>(body);
        otherContacts.put("contactIds", List.of(a, b));
        assertProblem(owner.post("/api/interactions", otherContacts), 409);
        Map<String, Object> otherNote = new HashMap<>(body);
        otherNote.put("note", "something else");
        assertProblem(owner.post("/api/interactions", otherNote), 409);

        assertThat(eventCount()).isEqualTo(before);
        assertThat(historyTypes(owner, b)).doesNotContain("InteractionLogged");
    }

    @Test
    void a_bad_interaction_names_each_bad_field_and_appends_nothing() {
        Api owner = newOwner();
        String id = addContact(owner, "Validated");
        long before = eventCount();

        assertInvalid(
                owner.post("/api/interactions", Map.of("contactIds", List.of(id))),
                "occurredAt",
                "channel",
                "initiatedBy");
        Map<String, Object> badChannel = interaction(daysAgo(1), id);
        badChannel.put("channel", "TELEGRAPH");
        assertInvalid(owner.post("/api/interactions", badChannel), "channel");
        Map<String, Object> badFavor = interaction(daysAgo(1), id);
        badFavor.put("favor", "MAYBE");
        assertInvalid(owner.post("/api/interactions", badFavor), "favor");
        Map<String, Object> longNote = interaction(daysAgo(1), id);
        longNote.put("note", "n".repeat(4001));
        assertInvalid(owner.post("/api/interactions", longNote), "note");
        Map<String, Object> badInstant = interaction(daysAgo(1), id);
        badInstant.put("occurredAt", "last week");
        assertInvalid(owner.post("/api/interactions", badInstant), "occurredAt");
        Map<String, Object> unknownField = interaction(daysAgo(1), id);
        unknownField.put("mood", "great");
        assertInvalid(owner.post("/api/interactions", unknownField), "mood");
        Map<String, Object> badId = interaction(daysAgo(1), id);
        badId.put("contactIds", List.of("not-a-uuid"));
        assertThat(assertProblem(owner.post("/api/interactions", badId), 400)
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asText())
                .startsWith("contactIds");

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void an_occurredAt_before_1900_is_a_400_naming_it_and_appends_nothing() {
        Api owner = newOwner();
        String id = addTracked(owner, "Ancient History", 30);
        long before = eventCount();

        assertInvalid(
                owner.post("/api/interactions", interaction(Instant.parse("-300000-01-01T00:00:00Z"), id)),
                "occurredAt");
        assertInvalid(
                owner.post("/api/interactions", interaction(Instant.parse("1899-12-31T23:59:59Z"), id)), "occurredAt");

        assertThat(eventCount()).isEqualTo(before);
        assertThat(owner.post("/api/interactions", interaction(Instant.parse("1900-01-01T00:00:00Z"), id))
                        .status())
                .isEqualTo(201);
        assertThat(lastInteractionAt(owner, id)).isEqualTo(Instant.parse("1900-01-01T00:00:00Z"));
    }

    @Test
    void an_interaction_needs_one_to_fifty_distinct_contacts() {
        Api owner = newOwner();
        String id = addContact(owner, "Crowd");
        List<String> fiftyOne = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add(unknownId());
        }
        Map<String, Object> noContacts = interaction(daysAgo(1));
        noContacts.remove("contactIds");
        Map<String, Object> withNull = interaction(daysAgo(1), id);
        List<String> nullId = new ArrayList<>();
        nullId.add(null);
        withNull.put("contactIds", nullId);
        long before = eventCount();

        assertInvalid(owner.post("/api/interactions", noContacts), "contactIds");
        assertInvalid(owner.post("/api/interactions", null), "body");
        assertInvalid(owner.post("/api/interactions", interaction(daysAgo(1))), "contactIds");
        assertInvalid(owner.post("/api/interactions", interaction(daysAgo(1), id, id)), "contactIds");
        assertInvalid(
                owner.post("/api/interactions", interaction(daysAgo(1), fiftyOne.toArray(String[]::new))),
                "contactIds");
        assertInvalid(owner.post("/api/interactions", withNull), "contactIds[0]");

        assertThat(eventCount()).isEqualTo(before);
    }

    // --- backfill and retraction ------------------------------------------------------------------------------

    @Test
    void a_backfilled_older_interaction_does_not_move_the_last_contact_back() {
        Api owner = newOwner();
        String id = addTracked(owner, "Backfilled", 30);
        Instant recent = daysAgo(2);
        logInteraction(owner, recent, id);

        logInteraction(owner, daysAgo(40), id);

        assertThat(lastInteractionAt(owner, id)).isEqualTo(recent);
    }

    @Test
    void retracting_the_latest_interaction_answers_204_and_moves_the_last_contact_back_to_the_one_before() {
        Api owner = newOwner();
        String id = addTracked(owner, "Retracted", 30);
        Instant older = daysAgo(20);
        logInteraction(owner, older, id);
        String latest = logInteraction(owner, daysAgo(1), id);
        long before = eventCount();

        var retracted = owner.delete("/api/interactions/" + latest + "?reason=logged%20on%20the%20wrong%20person");

        assertThat(retracted.status()).isEqualTo(204);
        assertThat(eventCount()).isEqualTo(before + 1);
        assertThat(lastInteractionAt(owner, id)).isEqualTo(older);
    }

    @Test
    void retracting_the_only_interaction_makes_the_contact_never_contacted_again() {
        Api owner = newOwner();
        String id = addTracked(owner, "Only Once", 30);
        String only = logInteraction(owner, daysAgo(1), id);

        assertThat(owner.delete("/api/interactions/" + only).status()).isEqualTo(204);

        JsonNode contact = owner.get("/api/contacts/" + id).json();
        assertThat(contact.get("lastInteractionAt").isNull()).isTrue();
        assertThat(contact.get("neverContacted").asBoolean()).isTrue();
    }

    @Test
    void retracting_an_older_interaction_keeps_the_last_contact() {
        Api owner = newOwner();
        String id = addTracked(owner, "Older Retracted", 30);
        String older = logInteraction(owner, daysAgo(20), id);
        Instant latest = daysAgo(1);
        logInteraction(owner, latest, id);

        assertThat(owner.delete("/api/interactions/" + older).status()).isEqualTo(204);

        assertThat(lastInteractionAt(owner, id)).isEqualTo(latest);
    }

    @Test
    void retracting_a_multi_contact_interaction_retracts_it_on_every_contact() {
        Api owner = newOwner();
        String a = addTracked(owner, "Group A", 30);
        String b = addTracked(owner, "Group B", 30);
        String together = logInteraction(owner, daysAgo(1), a, b);
        long before = eventCount();

        assertThat(owner.delete("/api/interactions/" + together).status()).isEqualTo(204);

        assertThat(eventCount()).isEqualTo(before + 2);
        assertThat(lastInteractionAt(owner, a)).isNull();
        assertThat(lastInteractionAt(owner, b)).isNull();
    }

    @Test
    void retracting_twice_appends_nothing_the_second_time() {
        Api owner = newOwner();
        String id = addContact(owner, "Twice");
        String interaction = logInteraction(owner, daysAgo(1), id);
        assertThat(owner.delete("/api/interactions/" + interaction).status()).isEqualTo(204);
        long before = eventCount();

        assertThat(owner.delete("/api/interactions/" + interaction).status()).isEqualTo(204);

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void retracting_an_unknown_or_another_owners_interaction_is_404_and_appends_nothing() {
        Api owner = newOwner();
        Api stranger = newOwner();
        String theirs = logInteraction(stranger, daysAgo(1), addContact(stranger, "Theirs"));
        long before = eventCount();

        assertProblem(owner.delete("/api/interactions/" + unknownId()), 404);
        JsonNode problem = assertProblem(owner.delete("/api/interactions/" + theirs), 404);

        assertThat(problem.get("detail").asText()).isEqualTo("interaction " + theirs + " not found");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_retraction_reason_longer_than_allowed_is_a_400_naming_reason_and_appends_nothing() {
        Api owner = newOwner();
        String interaction = logInteraction(owner, daysAgo(1), addContact(owner, "Reasoned"));
        long before = eventCount();

        assertInvalid(owner.delete("/api/interactions/" + interaction + "?reason=" + "r".repeat(1001)), "reason");

        assertThat(eventCount()).isEqualTo(before);
    }

    // --- correction ------------------------------------------------------------------------------------------

    @Test
    void correcting_an_interaction_answers_204_and_moves_the_last_contact_with_it() {
        Api owner = newOwner();
        String id = addTracked(owner, "Corrected", 30);
        String interaction = logInteraction(owner, daysAgo(10), id);
        Instant corrected = daysAgo(3);
        long before = eventCount();

        var answer = owner.patch(
                "/api/interactions/" + interaction,
                Map.of("occurredAt", corrected.toString(), "channel", "VIDEO", "favor", "GAVE"));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(eventCount()).isEqualTo(before + 1);
        JsonNode contact = owner.get("/api/contacts/" + id).json();
        assertThat(Instant.parse(contact.get("lastInteractionAt").asText())).isEqualTo(corrected);
        assertThat(contact.get("gives").asInt()).isEqualTo(1);
    }

    @Test
    void correcting_a_multi_contact_interaction_corrects_it_on_every_contact() {
        Api owner = newOwner();
        String a = addTracked(owner, "Pair A", 30);
        String b = addTracked(owner, "Pair B", 30);
        String interaction = logInteraction(owner, daysAgo(10), a, b);
        Instant corrected = daysAgo(5);
        long before = eventCount();

        assertThat(owner.patch("/api/interactions/" + interaction, Map.of("occurredAt", corrected.toString()))
                        .status())
                .isEqualTo(204);

        assertThat(eventCount()).isEqualTo(before + 2);
        assertThat(lastInteractionAt(owner, a)).isEqualTo(corrected);
        assertThat(lastInteractionAt(owner, b)).isEqualTo(corrected);
    }

    @Test
    void a_correction_that_changes_nothing_appends_nothing() {
        Api owner = newOwner();
        String id = addContact(owner, "Unchanged");
        Map<String, Object> body = interaction(daysAgo(2), id);
        String interaction = logInteraction(owner, body);
        long before = eventCount();

        assertThat(owner.patch("/api/interactions/" + interaction, Map.of("channel", "CALL", "initiatedBy", "ME"))
                        .status())
                .isEqualTo(204);

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_bad_correction_names_each_bad_field_and_appends_nothing() {
        Api owner = newOwner();
        String id = addContact(owner, "Badly Corrected");
        String other = addContact(owner, "Someone Else");
        String interaction = logInteraction(owner, daysAgo(2), id);
        String path = "/api/interactions/" + interaction;
        Map<String, Object> clearChannel = new HashMap<>();
        clearChannel.put("channel", null);
        long before = eventCount();

        assertInvalid(owner.patch(path, Map.of("contactIds", List.of(other))), "contactIds");
        assertInvalid(owner.patch(path, Map.of("interactionId", unknownId())), "interactionId");
        assertInvalid(owner.patch(path, Map.of("mood", "great", "channel", "PIGEON")), "mood", "channel");
        assertInvalid(owner.patch(path, clearChannel), "channel");
        assertInvalid(
                owner.patch(
                        path,
                        Map.of(
                                "occurredAt",
                                Instant.now().plus(Duration.ofHours(1)).toString())),
                "occurredAt");
        assertInvalid(owner.patch(path, Map.of("occurredAt", "soon")), "occurredAt");
        assertInvalid(owner.patch(path, Map.of("occurredAt", "-300000-01-01T00:00:00Z")), "occurredAt");
        assertInvalid(owner.patch(path, Map.of("note", 42)), "note");
        assertInvalid(owner.patch(path, Map.of("note", "n".repeat(4001))), "note");
        assertInvalid(owner.patch(path, List.of("not an object")), "body");

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void correcting_an_unknown_or_another_owners_interaction_is_404_and_appends_nothing() {
        Api owner = newOwner();
        Api stranger = newOwner();
        String theirs = logInteraction(stranger, daysAgo(1), addContact(stranger, "Theirs"));
        long before = eventCount();

        assertProblem(owner.patch("/api/interactions/" + unknownId(), Map.of("channel", "EMAIL")), 404);
        JsonNode problem = assertProblem(owner.patch("/api/interactions/" + theirs, Map.of("channel", "EMAIL")), 404);

        assertThat(problem.get("detail").asText()).isEqualTo("interaction " + theirs + " not found");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void correcting_a_retracted_interaction_is_409_and_appends_nothing() {
        Api owner = newOwner();
        String interaction = logInteraction(owner, daysAgo(1), addContact(owner, "Gone"));
        assertThat(owner.delete("/api/interactions/" + interaction).status()).isEqualTo(204);
        long before = eventCount();

        assertProblem(owner.patch("/api/interactions/" + interaction, Map.of("channel", "EMAIL")), 409);

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void interactions_with_an_archived_contact_can_still_be_corrected_and_retracted() {
        Api owner = newOwner();
        String id = addContact(owner, "Archived Later");
        String interaction = logInteraction(owner, daysAgo(3), id);
        archive(owner, id);

        assertThat(owner.patch("/api/interactions/" + interaction, Map.of("channel", "EMAIL"))
                        .status())
                .isEqualTo(204);
        assertThat(owner.delete("/api/interactions/" + interaction).status()).isEqualTo(204);
        assertThat(historyTypes(owner, id)).endsWith("InteractionCorrected", "InteractionRetracted");
    }

    @Test
    void correcting_only_the_note_keeps_the_favour_and_so_the_asks() {
        Api owner = newOwner();
        String id = addTracked(owner, "Barbara Liskov", 30);
        Map<String, Object> body = interaction(daysAgo(2), id);
        body.put("favor", "ASKED");
        String interactionId = logInteraction(owner, body);

        var corrected = owner.send(
                "PATCH",
                "/api/interactions/" + interactionId,
                Map.of("note", "She said yes."),
                "application/merge-patch+json");

        assertThat(corrected.status()).as("%s", corrected).isEqualTo(204);
        JsonNode contact = owner.get("/api/contacts/" + id).json();
        assertThat(contact.get("asks").asInt()).isEqualTo(1);
        assertThat(owner.get("/api/interactions/" + interactionId)
                        .json()
                        .get("favor")
                        .asText())
                .isEqualTo("ASKED");
    }
}
