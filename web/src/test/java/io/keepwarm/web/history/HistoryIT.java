package io.keepwarm.web.history;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.addTracked;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@code GET /api/contacts/{id}/history} and {@code GET /api/history}: the audit trail (SPEC §3). */
class HistoryIT extends IntegrationTest {

    private static Instant daysAgo(int days) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(days));
    }

    private static List<JsonNode> entries(Api owner, String path) {
        var answer = owner.get(path);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        answer.json().get("items").forEach(entries::add);
        return entries;
    }

    private static List<JsonNode> contactHistory(Api owner, String contactId) {
        return entries(owner, "/api/contacts/" + contactId + "/history?limit=500");
    }

    private static List<String> types(List<JsonNode> entries) {
        return entries.stream().map(entry -> entry.get("type").asText()).toList();
    }

    private static JsonNode last(List<JsonNode> entries) {
        return entries.get(entries.size() - 1);
    }

    /** Follows nextCursor from the first page to the last; returns every page's entries in order. */
    private static List<List<JsonNode>> pages(Api owner, String path, int limit) {
        List<List<JsonNode>> pages = new ArrayList<>();
        String cursor = null;
        do {
            String separator = path.contains("?") ? "&" : "?";
            var page = owner.get(path + separator + "limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            List<JsonNode> items = new ArrayList<>();
            page.json().get("items").forEach(items::add);
            pages.add(items);
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null && pages.size() < 50);
        return pages;
    }

    @Test
    void a_contacts_history_lists_every_event_oldest_first_with_the_spec_fields_right_after_each_write() {
        Api owner = newOwner();
        String me = owner.get("/api/me").json().get("userId").asText();
        String id = addContact(owner.with("X-Request-Id", "req-add"), "Linus Torvalds");
        Instant occurredAt = daysAgo(3);
        String until = Instant.now().plus(Duration.ofDays(5)).toString();
        List<String> expectedTypes = new ArrayList<>(List.of("ContactAdded"));
        List<String> requestIds = new ArrayList<>(List.of("req-add"));
        record Step(String type, String requestId, Function<Api, Integer> write) {}
        List<Step> steps = List.of(
                new Step("CadenceSet", "req-cadence", api -> api.put(
                                "/api/contacts/" + id + "/cadence", Map.of("everyDays", 21))
                        .status()),
                new Step("InteractionLogged", "req-log", api -> api.post(
                                "/api/interactions", interaction(occurredAt, id))
                        .status()),
                new Step("ContactDetailsUpdated", "req-patch", api -> api.patch(
                                "/api/contacts/" + id, Map.of("city", "Portland"))
                        .status()),
                new Step("ContactSnoozed", "req-snooze", api -> api.post(
                                "/api/contacts/" + id + "/snooze", Map.of("until", until))
                        .status()),
                new Step("ContactWoken", "req-wake", api -> api.delete("/api/contacts/" + id + "/snooze")
                        .status()),
                new Step("ContactArchived", "req-archive", api -> api.post("/api/contacts/" + id + "/archive", null)
                        .status()),
                new Step("ContactRestored", "req-restore", api -> api.post("/api/contacts/" + id + "/restore", null)
                        .status()),
                new Step("CadenceCleared", "req-clear", api -> api.delete("/api/contacts/" + id + "/cadence")
                        .status()));

        for (Step step : steps) {
            assertThat(step.write().apply(owner.with("X-Request-Id", step.requestId())))
                    .isBetween(200, 204);
            expectedTypes.add(step.type());
            requestIds.add(step.requestId());
            assertThat(last(contactHistory(owner, id)).get("type").asText())
                    .as("read right after %s", step.type())
                    .isEqualTo(step.type());
        }

        List<JsonNode> history = contactHistory(owner, id);
        assertThat(types(history)).isEqualTo(expectedTypes);
        Set<String> eventIds = new HashSet<>();
        long previousPosition = Long.MIN_VALUE;
        Instant previousRecordedAt = Instant.MIN;
        for (int i = 0; i < history.size(); i++) {
            JsonNode entry = history.get(i);
            String type = entry.get("type").asText();
            assertThat(entry.get("position").asLong())
                    .as("position of %s", type)
                    .isGreaterThan(previousPosition);
            previousPosition = entry.get("position").asLong();
            assertThat(eventIds.add(entry.get("eventId").asText()))
                    .as("eventId of %s is unique", type)
                    .isTrue();
            assertThat(entry.get("eventId").asText()).isNotBlank();
            assertThat(entry.get("contactId").asText()).isEqualTo(id);
            Instant recordedAt = Instant.parse(entry.get("recordedAt").asText());
            assertThat(recordedAt).as("recordedAt of %s", type).isAfterOrEqualTo(previousRecordedAt);
            previousRecordedAt = recordedAt;
            assertThat(entry.get("actorId").asText()).isEqualTo(me);
            assertThat(entry.get("correlationId").asText()).isEqualTo(requestIds.get(i));
            assertThat(entry.get("summary").asText()).as("summary of %s", type).isNotBlank();
            assertThat(entry.get("data").get("contactId").asText()).isEqualTo(id);
            assertThat(entry.get("data").has("ownerId")).isFalse();
            if (type.equals("InteractionLogged")) {
                assertThat(Instant.parse(entry.get("occurredAt").asText())).isEqualTo(occurredAt);
            } else {
                assertThat(entry.get("occurredAt").isNull())
                        .as("occurredAt of %s", type)
                        .isTrue();
            }
        }
        assertThat(history.get(1).get("data").get("everyDays").asInt()).isEqualTo(21);
        assertThat(history.get(1).get("summary").asText()).contains("21");
    }

    @Test
    void a_write_without_a_request_id_is_correlated_by_the_generated_one_it_answered_with() {
        Api owner = newOwner();
        String id = addContact(owner, "No Request Id");

        var set = owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", 7));

        String generated = set.header("X-Request-Id");
        assertThat(generated).isNotBlank();
        assertThat(last(contactHistory(owner, id)).get("correlationId").asText())
                .isEqualTo(generated);
    }

    @Test
    void a_correction_shows_the_values_before_and_after_in_the_entrys_data() {
        Api owner = newOwner();
        String id = addContact(owner, "Ken Thompson");
        Instant first = daysAgo(10);
        Map<String, Object> body = interaction(first, id);
        body.put("note", "lunch at Bell Labs");
        String interaction = logInteraction(owner, body);
        Instant corrected = daysAgo(9);
        Map<String, Object> patch = new java.util.HashMap<>();
        patch.put("occurredAt", corrected.toString());
        patch.put("channel", "IN_PERSON");
        patch.put("note", null);

        assertThat(owner.patch("/api/interactions/" + interaction, patch).status())
                .isEqualTo(204);

        JsonNode entry = last(contactHistory(owner, id));
        assertThat(entry.get("type").asText()).isEqualTo("InteractionCorrected");
        assertThat(Instant.parse(entry.get("occurredAt").asText())).isEqualTo(corrected);
        JsonNode data = entry.get("data");
        assertThat(data.get("interactionId").asText()).isEqualTo(interaction);
        assertThat(Instant.parse(data.get("before").get("occurredAt").asText())).isEqualTo(first);
        assertThat(Instant.parse(data.get("after").get("occurredAt").asText())).isEqualTo(corrected);
        assertThat(data.get("before").get("channel").asText()).isEqualTo("CALL");
        assertThat(data.get("after").get("channel").asText()).isEqualTo("IN_PERSON");
        JsonNode changes = data.get("changes");
        assertThat(Instant.parse(changes.get("occurredAt").get("before").asText()))
                .isEqualTo(first);
        assertThat(Instant.parse(changes.get("occurredAt").get("after").asText()))
                .isEqualTo(corrected);
        assertThat(changes.get("channel").get("before").asText()).isEqualTo("CALL");
        assertThat(changes.get("channel").get("after").asText()).isEqualTo("IN_PERSON");
        assertThat(changes.get("note").get("before").asText()).isEqualTo("lunch at Bell Labs");
        assertThat(changes.get("note").get("after").isNull()).isTrue();
        assertThat(changes.has("initiatedBy"))
                .as("unchanged fields are not listed as changes")
                .isFalse();
        assertThat(changes.has("favor")).isFalse();
    }

    @Test
    void a_retraction_is_an_entry_of_its_own_with_its_reason_and_the_logged_entry_stays() {
        Api owner = newOwner();
        String id = addContact(owner, "Dennis Ritchie");
        String interaction = logInteraction(owner, daysAgo(2), id);

        assertThat(owner.delete("/api/interactions/" + interaction + "?reason=duplicate%20entry")
                        .status())
                .isEqualTo(204);

        List<JsonNode> history = contactHistory(owner, id);
        assertThat(types(history)).containsExactly("ContactAdded", "InteractionLogged", "InteractionRetracted");
        JsonNode retraction = history.get(2);
        assertThat(retraction.get("data").get("interactionId").asText()).isEqualTo(interaction);
        assertThat(retraction.get("data").get("reason").toString()).contains("duplicate entry");
        assertThat(history.get(1).get("data").get("interactionId").asText()).isEqualTo(interaction);
    }

    @Test
    void a_contacts_history_pages_by_limit_and_cursor_without_gaps_or_repeats() {
        Api owner = newOwner();
        String id = addTracked(owner, "Paged", 10);
        for (int day = 1; day <= 5; day++) {
            logInteraction(owner, daysAgo(day), id);
        }
        List<JsonNode> all = contactHistory(owner, id);
        assertThat(all).hasSize(7);

        List<List<JsonNode>> pages = pages(owner, "/api/contacts/" + id + "/history", 3);

        assertThat(pages.stream().map(List::size).toList()).containsExactly(3, 3, 1);
        List<String> paged = pages.stream()
                .flatMap(List::stream)
                .map(e -> e.get("eventId").asText())
                .toList();
        assertThat(paged)
                .isEqualTo(all.stream().map(e -> e.get("eventId").asText()).toList());
    }

    @Test
    void the_owners_history_holds_every_contact_of_the_owner_and_no_one_elses_and_pages() {
        Api owner = newOwner();
        Api other = newOwner();
        String a = addContact(owner, "Owner's A");
        String b = addContact(owner, "Owner's B");
        String theirs = addContact(other, "Someone else's");
        logInteraction(other, daysAgo(1), theirs);
        logInteraction(owner.with("X-Request-Id", "req-together"), interaction(daysAgo(1), a, b));

        List<JsonNode> all = entries(owner, "/api/history?limit=500");

        assertThat(all).hasSize(4);
        assertThat(all.stream().map(e -> e.get("contactId").asText()).distinct().toList())
                .containsExactlyInAnyOrder(a, b);
        List<JsonNode> logged = all.stream()
                .filter(e -> e.get("type").asText().equals("InteractionLogged"))
                .toList();
        assertThat(logged).hasSize(2);
        assertThat(logged)
                .allSatisfy(e -> assertThat(e.get("correlationId").asText()).isEqualTo("req-together"));
        assertThat(logged.get(0).get("data").get("interactionId").asText())
                .isEqualTo(logged.get(1).get("data").get("interactionId").asText());
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).get("position").asLong())
                    .isGreaterThan(all.get(i - 1).get("position").asLong());
        }

        List<List<JsonNode>> pages = pages(owner, "/api/history", 3);
        assertThat(pages.stream().map(List::size).toList()).containsExactly(3, 1);
        assertThat(pages.stream()
                        .flatMap(List::stream)
                        .map(e -> e.get("eventId").asText())
                        .toList())
                .isEqualTo(all.stream().map(e -> e.get("eventId").asText()).toList());
        assertThat(entries(other, "/api/history")).hasSize(2);
    }

    @Test
    void since_keeps_the_owners_entries_recorded_at_or_after_it() {
        Api owner = newOwner();
        String id = addContact(owner, "Since When");
        for (int day = 1; day <= 3; day++) {
            logInteraction(owner, daysAgo(day), id);
        }
        List<JsonNode> all = entries(owner, "/api/history?limit=500");
        Instant since = Instant.parse(all.get(2).get("recordedAt").asText());
        List<String> expected = all.stream()
                .filter(e -> !Instant.parse(e.get("recordedAt").asText()).isBefore(since))
                .map(e -> e.get("eventId").asText())
                .toList();

        List<JsonNode> recent = entries(owner, "/api/history?since=" + since);

        assertThat(recent.stream().map(e -> e.get("eventId").asText()).toList()).isEqualTo(expected);
        assertThat(expected)
                .hasSizeBetween(2, 3)
                .contains(all.get(2).get("eventId").asText());
        assertThat(entries(owner, "/api/history?since=" + Instant.now().plus(Duration.ofDays(1))))
                .isEmpty();
        List<List<JsonNode>> pages = pages(owner, "/api/history?since=" + since, 1);
        assertThat(pages.stream()
                        .flatMap(List::stream)
                        .map(e -> e.get("eventId").asText())
                        .toList())
                .isEqualTo(expected);
    }

    @Test
    void bad_history_parameters_are_a_400_naming_the_parameter() {
        Api owner = newOwner();
        String id = addContact(owner, "Parameters");

        assertInvalid(owner.get("/api/history?cursor=yesterday"), "cursor");
        assertInvalid(owner.get("/api/history?limit=0"), "limit");
        assertInvalid(owner.get("/api/history?limit=1001"), "limit");
        assertInvalid(owner.get("/api/history?since=last-week"), "since");
        assertInvalid(owner.get("/api/history?since=-300000-01-01T00:00:00Z"), "since");
        assertInvalid(owner.get("/api/history?since=%2B300000-01-01T00:00:00Z"), "since");
        assertInvalid(owner.get("/api/history?since=%2B1000000000-01-01T00:00:00Z"), "since");
        assertThat(owner.get("/api/history?since=0001-01-01T00:00:00Z").status())
                .isEqualTo(200);
        assertInvalid(owner.get("/api/contacts/" + id + "/history?cursor=abc"), "cursor");
        assertInvalid(owner.get("/api/contacts/" + id + "/history?limit=-1"), "limit");
    }

    @Test
    void the_history_of_an_unknown_contact_is_a_404_problem() {
        Api owner = newOwner();

        assertProblem(owner.get("/api/contacts/" + unknownId() + "/history"), 404);
        assertInvalid(owner.get("/api/contacts/" + UUID.randomUUID().toString().substring(0, 8) + "/history"), "id");
    }
}
