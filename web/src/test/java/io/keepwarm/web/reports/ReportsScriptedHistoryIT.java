package io.keepwarm.web.reports;

import static io.keepwarm.web.reports.ScriptedHistory.at;
import static io.keepwarm.web.reports.ScriptedHistory.interaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports over a scripted history whose expected answers are worked out by hand (below, next to each number).
 * The history lives in early 2011 so that nothing else this owner has can fall into its window.
 *
 * <pre>
 * recorded             event
 * 2011-01-01 00:00     Ada Lovelace added (London, Europe/Paris, #math), cadence 30 days
 * 2011-01-01 00:00     Bob Kahn added (no zone), cadence 10 days
 * 2011-01-02 00:00     Dee Dee added, cadence 14 days
 * 2011-01-03 00:00     Fay Wray added, cadence 30 days
 * 2011-01-05 00:00     Cyd Charisse added (America/New_York), cadence 7 days — never contacted
 * 2011-01-10 00:00     i1 with Ada, occurred 01-10, CALL, ME
 * 2011-01-12 00:00     Bob's tags set to #internet
 * 2011-01-15 00:00     Dee archived
 * 2011-01-20 00:00     i2 with Bob, occurred 01-20, MESSAGE, THEM, ASKED
 * 2011-01-20 00:00     Fay snoozed until 02-15
 * ---- asOf T = 2011-02-01 12:00 ----
 * 2011-02-01 18:00     i5 with Bob, occurred 02-01 18:00 (after T), CALL, ME
 * 2011-02-03 00:00     Eve added, cadence 21 days; i6 with Eve backfilled to 01-28, VIDEO, ME
 * 2011-02-05 00:00     i3 with Ada backfilled to 01-25, IN_PERSON, MUTUAL, GAVE
 * 2011-02-10 00:00     i2 corrected: occurred 01-15, favor NONE
 * 2011-02-12 00:00     i1 retracted
 * 2011-02-14 00:00     i4 with Ada and Bob, occurred 02-14, EMAIL, THEM, ASKED
 * 2011-02-20 00:00     Ada's cadence changed to 60 days
 * 2011-02-25 00:00     Ada renamed Ada King
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsScriptedHistoryIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String T = "2011-02-01T12:00:00Z";

    @Autowired
    EventStore eventStore;

    @Autowired
    TransactionTemplate transaction;

    private Api owner;
    private ContactId ada;
    private ContactId bob;
    private ContactId cyd;

    /** Once per class (one test instance), so every test sees this history exactly once. */
    @BeforeEach
    void script() {
        if (owner != null) {
            return;
        }
        owner = newOwner();
        ScriptedHistory history = new ScriptedHistory(eventStore, transaction, ScriptedHistory.ownerOf(owner, jdbc));
        ada = history.addContact(at("2011-01-01T00:00:00Z"), "Ada Lovelace", "London", "Europe/Paris", "math");
        history.setCadence(at("2011-01-01T00:00:00Z"), ada, 30);
        bob = history.addContact(at("2011-01-01T00:00:00Z"), "Bob Kahn", null, null);
        history.setCadence(at("2011-01-01T00:00:00Z"), bob, 10);
        ContactId dee = history.addContact(at("2011-01-02T00:00:00Z"), "Dee Dee", null, null);
        history.setCadence(at("2011-01-02T00:00:00Z"), dee, 14);
        ContactId fay = history.addContact(at("2011-01-03T00:00:00Z"), "Fay Wray", null, null);
        history.setCadence(at("2011-01-03T00:00:00Z"), fay, 30);
        cyd = history.addContact(at("2011-01-05T00:00:00Z"), "Cyd Charisse", null, "America/New_York");
        history.setCadence(at("2011-01-05T00:00:00Z"), cyd, 7);
        InteractionId i1 = history.logInteraction(
                at("2011-01-10T00:00:00Z"),
                interaction("2011-01-10T00:00:00Z", Channel.CALL, InitiatedBy.ME, Favor.NONE),
                ada);
        history.updateDetails(at("2011-01-12T00:00:00Z"), bob, "Bob Kahn", null, null, "internet");
        history.archive(at("2011-01-15T00:00:00Z"), dee);
        InteractionId i2 = history.logInteraction(
                at("2011-01-20T00:00:00Z"),
                interaction("2011-01-20T00:00:00Z", Channel.MESSAGE, InitiatedBy.THEM, Favor.ASKED),
                bob);
        history.snooze(at("2011-01-20T00:00:00Z"), fay, at("2011-02-15T00:00:00Z"));
        // ---- T ----
        history.logInteraction(
                at("2011-02-01T18:00:00Z"),
                interaction("2011-02-01T18:00:00Z", Channel.CALL, InitiatedBy.ME, Favor.NONE),
                bob);
        ContactId eve = history.addContact(at("2011-02-03T00:00:00Z"), "Eve Arden", null, null);
        history.setCadence(at("2011-02-03T00:00:00Z"), eve, 21);
        history.logInteraction(
                at("2011-02-03T00:00:00Z"),
                interaction("2011-01-28T00:00:00Z", Channel.VIDEO, InitiatedBy.ME, Favor.NONE),
                eve);
        history.logInteraction(
                at("2011-02-05T00:00:00Z"),
                interaction("2011-01-25T00:00:00Z", Channel.IN_PERSON, InitiatedBy.MUTUAL, Favor.GAVE),
                ada);
        history.correctInteraction(
                at("2011-02-10T00:00:00Z"),
                i2,
                interaction("2011-01-15T00:00:00Z", Channel.MESSAGE, InitiatedBy.THEM, Favor.NONE));
        history.retractInteraction(at("2011-02-12T00:00:00Z"), i1);
        history.logInteraction(
                at("2011-02-14T00:00:00Z"),
                interaction("2011-02-14T00:00:00Z", Channel.EMAIL, InitiatedBy.THEM, Favor.ASKED),
                ada,
                bob);
        history.setCadence(at("2011-02-20T00:00:00Z"), ada, 60);
        history.updateDetails(at("2011-02-25T00:00:00Z"), ada, "Ada King", "London", "Europe/Paris", "math");
    }

    /**
     * As seen at T: i1 and i2 as first logged; nothing recorded after T.
     * <ul>
     *   <li>Cyd: never contacted, ref = 01-05 − 7 d = 2010-12-29; r = 34.5 d / 7 d = 4.928571… → 4.9286, COLD,
     *       warmth 0, due 01-05; 12:00Z is 07:00 in New York.</li>
     *   <li>Bob: last 01-20 (i2); r = 12.5 / 10 = 1.25, OVERDUE, warmth round(100 × 2^−1.25) = round(42.04) = 42,
     *       asks 1, balance −1, due 01-30.</li>
     *   <li>Ada: last 01-10 (i1); r = 22.5 / 30 = 0.75, WARM, warmth round(59.46) = 59, ask-ready, due 02-09;
     *       12:00Z is 13:00 in Paris, reachable. Cadence 30 and her old name: the later changes were recorded
     *       after T.</li>
     *   <li>Not listed: Dee (archived), Fay (snoozed until 02-15), Eve (added after T).</li>
     * </ul>
     */
    @Test
    void as_seen_at_the_time_the_report_holds_only_what_was_recorded_by_then() {
        var report = owner.get("/api/reports/network?asOf=" + T + "&knownAt=" + T);

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.header("Content-Type")).startsWith("application/json");
        JsonNode body = report.json();
        assertThat(body.get("asOf").asText()).isEqualTo(T);
        assertThat(body.get("knownAt").asText()).isEqualTo(T);
        assertThat(body.get("items")).isEqualTo(json("""
                [
                  %s,
                  {"contactId": "%s", "displayName": "Bob Kahn", "city": null, "timeZone": null, "tags": ["internet"],
                   "cadenceDays": 10, "lastInteractionAt": "2011-01-20T00:00:00Z", "dueAt": "2011-01-30T00:00:00Z",
                   "ratio": 1.25, "status": "OVERDUE", "warmth": 42, "neverContacted": false, "asks": 1, "gives": 0,
                   "balance": -1, "askReady": false, "localTime": null, "reachableNow": null, "snoozedUntil": null},
                  {"contactId": "%s", "displayName": "Ada Lovelace", "city": "London", "timeZone": "Europe/Paris",
                   "tags": ["math"], "cadenceDays": 30, "lastInteractionAt": "2011-01-10T00:00:00Z",
                   "dueAt": "2011-02-09T00:00:00Z", "ratio": 0.75, "status": "WARM", "warmth": 59,
                   "neverContacted": false, "asks": 0, "gives": 0, "balance": 0, "askReady": true,
                   "localTime": "2011-02-01T13:00:00+01:00", "reachableNow": true, "snoozedUntil": null}
                ]""".formatted(cyd(), bob, ada)));
        assertThat(report.body()).contains("\"ratio\":4.9286", "\"ratio\":1.2500", "\"ratio\":0.7500");
    }

    /**
     * As known now: the backfilled i3 (01-25, GAVE) counts, i1 is retracted, i2 moved to 01-15 and is no longer an
     * ask. i5 (after T) and i4 (02-14) occurred after T; Ada's new cadence and name were recorded after T.
     * <ul>
     *   <li>Cyd: unchanged, 4.9286 COLD.</li>
     *   <li>Bob: last 01-15; r = 17.5 / 10 = 1.75, OVERDUE, warmth round(29.73) = 30, no asks, due 01-25.</li>
     *   <li>Ada: last 01-25; r = 7.5 / 30 = 0.25, WARM, warmth round(84.09) = 84, gives 1, balance 1, due 02-24.</li>
     * </ul>
     */
    @Test
    void as_known_now_the_same_date_shows_backfills_corrections_and_retractions_recorded_after_it() {
        var report = owner.get("/api/reports/network?asOf=" + T);

        assertThat(report.status()).isEqualTo(200);
        JsonNode body = report.json();
        assertThat(body.get("asOf").asText()).isEqualTo(T);
        assertThat(body.get("knownAt").isNull()).isTrue();
        assertThat(body.get("items")).isEqualTo(json("""
                [
                  %s,
                  {"contactId": "%s", "displayName": "Bob Kahn", "city": null, "timeZone": null, "tags": ["internet"],
                   "cadenceDays": 10, "lastInteractionAt": "2011-01-15T00:00:00Z", "dueAt": "2011-01-25T00:00:00Z",
                   "ratio": 1.75, "status": "OVERDUE", "warmth": 30, "neverContacted": false, "asks": 0, "gives": 0,
                   "balance": 0, "askReady": false, "localTime": null, "reachableNow": null, "snoozedUntil": null},
                  {"contactId": "%s", "displayName": "Ada Lovelace", "city": "London", "timeZone": "Europe/Paris",
                   "tags": ["math"], "cadenceDays": 30, "lastInteractionAt": "2011-01-25T00:00:00Z",
                   "dueAt": "2011-02-24T00:00:00Z", "ratio": 0.25, "status": "WARM", "warmth": 84,
                   "neverContacted": false, "asks": 0, "gives": 1, "balance": 1, "askReady": true,
                   "localTime": "2011-02-01T13:00:00+01:00", "reachableNow": true, "snoozedUntil": null}
                ]""".formatted(cyd(), bob, ada)));
    }

    /**
     * Months of 2011-01 and 2011-02 in UTC, as known now (i1 retracted, i2 corrected).
     * <ul>
     *   <li>January: i2 (01-15, MESSAGE, THEM), i3 (01-25, IN_PERSON, MUTUAL, GAVE), i6 (01-28, VIDEO, ME) —
     *       3 interactions, 1 give, contacts Bob, Ada, Eve. At 02-01 00:00 the view lists Ada (last 01-25,
     *       7/30 = 0.23 WARM), Bob (last 01-15, 17/10 = 1.7 OVERDUE) and Cyd (34/7 = 4.86 COLD): 1 of 3.</li>
     *   <li>February: i5 (02-01 18:00, CALL, ME), i4 (02-14, EMAIL, THEM, ASKED, with Ada and Bob counted once) —
     *       2 interactions, 1 ask, contacts Ada and Bob. At 03-01 the view lists Ada (cadence 60 since 02-20, last
     *       02-14, 15/60 = 0.25 WARM), Bob (last 02-14, 15/10 = 1.5 OVERDUE), Cyd (62/7 COLD), Eve (last 01-28,
     *       32/21 = 1.52 OVERDUE) and Fay (snooze over, never contacted, ref 2010-12-04, 87/30 = 2.9 COLD): 1 of 5.
     *       Dee stays archived.</li>
     * </ul>
     */
    @Test
    void activity_per_month_counts_touches_asks_gives_and_adherence_as_known_now() {
        var report = owner.get("/api/reports/activity?from=2011-01-01T00:00:00Z&to=2011-03-01T00:00:00Z&groupBy=month");

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json()).isEqualTo(json("""
                {"from": "2011-01-01T00:00:00Z", "to": "2011-03-01T00:00:00Z", "groupBy": "month", "zone": "UTC",
                 "periods": [
                  {"period": "2011-01", "start": "2011-01-01T00:00:00Z", "end": "2011-02-01T00:00:00Z",
                   "interactions": 3,
                   "byChannel": {"IN_PERSON": 1, "CALL": 0, "VIDEO": 1, "MESSAGE": 1, "EMAIL": 0, "SOCIAL": 0,
                                 "EVENT": 0, "LETTER": 0},
                   "byInitiatedBy": {"ME": 1, "THEM": 1, "MUTUAL": 1},
                   "asks": 0, "gives": 1, "contactsTouched": 3, "trackedContacts": 3, "adherence": 0.3333},
                  {"period": "2011-02", "start": "2011-02-01T00:00:00Z", "end": "2011-03-01T00:00:00Z",
                   "interactions": 2,
                   "byChannel": {"IN_PERSON": 0, "CALL": 1, "VIDEO": 0, "MESSAGE": 0, "EMAIL": 1, "SOCIAL": 0,
                                 "EVENT": 0, "LETTER": 0},
                   "byInitiatedBy": {"ME": 1, "THEM": 1, "MUTUAL": 0},
                   "asks": 1, "gives": 0, "contactsTouched": 2, "trackedContacts": 5, "adherence": 0.2000}
                 ]}"""));
        assertThat(report.body()).contains("\"adherence\":0.3333", "\"adherence\":0.2000");
    }

    /**
     * ISO weeks in Paris from Monday 2011-01-24 00:00Z (01:00 in Paris, so the first week is cut to start there):
     * W04 ends Sunday midnight Paris = 01-30 23:00Z and holds i3 and i6; W05 holds i5 (i4 is on 02-14, outside);
     * W06 is a one-hour sliver up to `to`, with nothing in it, and still appears.
     */
    @Test
    void activity_per_iso_week_in_a_zone_keeps_empty_periods_and_cuts_the_ends_to_the_range() {
        var report = owner.get("/api/reports/activity?from=2011-01-24T00:00:00Z&to=2011-02-07T00:00:00Z"
                + "&groupBy=week&zone=Europe/Paris");

        assertThat(report.status()).isEqualTo(200);
        JsonNode periods = report.json().get("periods");
        assertThat(report.json().get("zone").asText()).isEqualTo("Europe/Paris");
        assertThat(periods).hasSize(3);
        assertThat(periods.get(0).get("period").asText()).isEqualTo("2011-W04");
        assertThat(periods.get(0).get("start").asText()).isEqualTo("2011-01-24T00:00:00Z");
        assertThat(periods.get(0).get("end").asText()).isEqualTo("2011-01-30T23:00:00Z");
        assertThat(periods.get(0).get("interactions").asInt()).isEqualTo(2);
        assertThat(periods.get(1).get("period").asText()).isEqualTo("2011-W05");
        assertThat(periods.get(1).get("end").asText()).isEqualTo("2011-02-06T23:00:00Z");
        assertThat(periods.get(1).get("interactions").asInt()).isEqualTo(1);
        assertThat(periods.get(2).get("period").asText()).isEqualTo("2011-W06");
        assertThat(periods.get(2).get("start").asText()).isEqualTo("2011-02-06T23:00:00Z");
        assertThat(periods.get(2).get("end").asText()).isEqualTo("2011-02-07T00:00:00Z");
        assertThat(periods.get(2).get("interactions").asInt()).isZero();
        assertThat(periods.get(2).get("contactsTouched").asInt()).isZero();
        assertThat(periods.get(2).get("byChannel").get("CALL").asInt()).isZero();
    }

    @Test
    void the_same_question_gives_byte_identical_answers() {
        for (String path : new String[] {
            "/api/reports/network?asOf=" + T,
            "/api/reports/network?asOf=" + T + "&knownAt=" + T,
            "/api/reports/activity?from=2011-01-01T00:00:00Z&to=2011-03-01T00:00:00Z&groupBy=week"
        }) {
            for (String accept : new String[] {"application/json", "text/csv"}) {
                var first = owner.get(path, accept);
                var second = owner.get(path, accept);
                assertThat(first.status()).isEqualTo(200);
                assertThat(second.body()).as(path + " as " + accept).isEqualTo(first.body());
            }
        }
    }

    private String cyd() {
        return """
                {"contactId": "%s", "displayName": "Cyd Charisse", "city": null, "timeZone": "America/New_York",
                 "tags": [], "cadenceDays": 7, "lastInteractionAt": null, "dueAt": "2011-01-05T00:00:00Z",
                 "ratio": 4.9286, "status": "COLD", "warmth": 0, "neverContacted": true, "asks": 0, "gives": 0,
                 "balance": 0, "askReady": false, "localTime": "2011-02-01T07:00:00-05:00", "reachableNow": false,
                 "snoozedUntil": null}""".formatted(cyd);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
