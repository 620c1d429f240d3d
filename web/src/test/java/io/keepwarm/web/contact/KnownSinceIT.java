package io.keepwarm.web.contact;

import static io.keepwarm.web.testsupport.ProblemAssert.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Fixtures;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A relationship's own start ({@code knownSince}) and a cadence's {@code effectiveFrom} and {@code firstDueAt}
 * (SPEC §2, §4), and events stored before they existed, which read as occurred = recorded.
 */
class KnownSinceIT extends IntegrationTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void known_since_is_set_on_add_shown_and_moved_by_a_merge_patch() {
        Api owner = newOwner();
        String id =
                Fixtures.addContact(owner, Map.of("displayName", "Old Friend", "knownSince", "2019-05-01T00:00:00Z"));

        JsonNode contact = owner.get("/api/contacts/" + id).json();
        assertThat(contact.get("knownSince").asText()).isEqualTo("2019-05-01T00:00:00Z");
        assertThat(owner.get("/api/contacts")
                        .json()
                        .get("items")
                        .get(0)
                        .get("knownSince")
                        .asText())
                .isEqualTo("2019-05-01T00:00:00Z");

        var patched = owner.patch("/api/contacts/" + id, Map.of("knownSince", "2018-01-01T00:00:00Z"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("knownSince").asText()).isEqualTo("2018-01-01T00:00:00Z");

        long before = eventCount();
        assertInvalid(
                owner.patch(
                        "/api/contacts/" + id,
                        Map.of("knownSince", now.plus(Duration.ofDays(2)).toString())),
                "knownSince");
        assertInvalid(owner.patch("/api/contacts/" + id, Map.of("knownSince", "yesterday")), "knownSince");
        assertInvalid(
                owner.post(
                        "/api/contacts",
                        Map.of(
                                "displayName",
                                "Future",
                                "knownSince",
                                now.plus(Duration.ofDays(2)).toString())),
                "knownSince");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_contact_added_without_known_since_is_known_from_when_it_was_added() {
        Api owner = newOwner();
        String id = Fixtures.addTracked(owner, "New Friend", 10);

        JsonNode contact = owner.get("/api/contacts/" + id).json();
        assertThat(contact.get("knownSince").asText())
                .isEqualTo(contact.get("addedAt").asText());
        String all = "/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD&at=";
        assertThat(owner.get(all + now.minus(Duration.ofDays(1))).json().get("items"))
                .isEmpty();
        assertThat(owner.get(all + now.plus(Duration.ofDays(1))).json().get("items"))
                .hasSize(1);
    }

    @Test
    void a_cadence_may_take_effect_in_the_past_and_be_first_due_later_never_negative() {
        Api owner = newOwner();
        String id = Fixtures.addContact(owner, Map.of("displayName", "Ramped", "knownSince", "2020-01-01T00:00:00Z"));
        Instant firstDue = now.plus(Duration.ofDays(20));

        var set = owner.put(
                "/api/contacts/" + id + "/cadence",
                Map.of("everyDays", 30, "effectiveFrom", "2020-01-01T00:00:00Z", "firstDueAt", firstDue.toString()));

        assertThat(set.status()).as("%s", set).isEqualTo(200);
        assertThat(Instant.parse(set.json().get("dueAt").asText())).isEqualTo(firstDue);
        assertThat(set.json().get("status").asText()).isEqualTo("WARM");
        JsonNode early =
                owner.get("/api/going-cold?status=WARM&at=2020-06-01T00:00:00Z").json();
        assertThat(early.get("items").get(0).get("ratio").decimalValue().signum())
                .isZero();

        long before = eventCount();
        assertInvalid(
                owner.put(
                        "/api/contacts/" + id + "/cadence",
                        Map.of(
                                "everyDays",
                                30,
                                "effectiveFrom",
                                now.plus(Duration.ofDays(3)).toString())),
                "effectiveFrom");
        assertThat(owner.put(
                                "/api/contacts/" + id + "/cadence",
                                Map.of(
                                        "everyDays",
                                        30,
                                        "effectiveFrom",
                                        "2020-01-01T00:00:00Z",
                                        "firstDueAt",
                                        firstDue.toString()))
                        .status())
                .isEqualTo(200);
        assertThat(eventCount())
                .as("setting the same cadence again appends nothing")
                .isEqualTo(before);
    }

    @Test
    void events_stored_in_revision_1_read_as_occurred_when_recorded() {
        Api owner = newOwner();
        String id = Fixtures.addTracked(owner, "From Before", 30);
        // store the contact's events as revision 1 wrote them: no knownSince, no effectiveFrom, no firstDueAt
        jdbc.update("""
                UPDATE domain_event_entry
                SET payload_revision = '1',
                    payload = convert_to((convert_from(payload, 'UTF8')::jsonb - 'knownSince' - 'effectiveFrom'
                                          - 'firstDueAt')::text, 'UTF8')
                WHERE aggregate_identifier = ?""", id);
        String setAt = stored(id, "CadenceSet", "setAt");
        String addedAt = stored(id, "ContactAdded", "addedAt");
        long before = eventCount();

        // the aggregate reads knownSince = addedAt and effectiveFrom = firstDueAt = setAt: saying so changes nothing
        assertThat(owner.patch("/api/contacts/" + id, Map.of("knownSince", addedAt))
                        .status())
                .isEqualTo(200);
        assertThat(owner.put(
                                "/api/contacts/" + id + "/cadence",
                                Map.of("everyDays", 30, "effectiveFrom", setAt, "firstDueAt", setAt))
                        .status())
                .isEqualTo(200);
        assertThat(eventCount()).isEqualTo(before);
        // and the reports, which read through the same upcasters, see it known and tracked from then on
        JsonNode network = owner.get("/api/reports/network?asOf=" + now.plus(Duration.ofMinutes(1)))
                .json();
        assertThat(network.get("items")).hasSize(1);
        assertThat(network.get("items").get(0).get("neverContacted").asBoolean())
                .isTrue();
    }

    /** A field of a contact's stored event, as the event holds it (to the nanosecond). */
    private String stored(String contactId, String type, String field) {
        return jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8')::jsonb ->> ? FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND payload_type LIKE ?",
                String.class,
                field,
                contactId,
                "%." + type);
    }
}
