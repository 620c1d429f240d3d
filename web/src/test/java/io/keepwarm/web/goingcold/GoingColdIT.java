package io.keepwarm.web.goingcold;

import static io.keepwarm.web.testsupport.Fixtures.archive;
import static io.keepwarm.web.testsupport.Fixtures.interaction;
import static io.keepwarm.web.testsupport.Fixtures.logInteraction;
import static io.keepwarm.web.testsupport.Fixtures.setCadence;
import static io.keepwarm.web.testsupport.ProblemAssert.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Fixtures;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/going-cold} with each of its parameters (SPEC §2, §3). */
class GoingColdIT extends IntegrationTest {

    private static final String ALL = "status=WARM,DUE_SOON,OVERDUE,COLD";

    /** A whole-second instant 100 days back: interactions happen here, the view is read at {@code base + n days}. */
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(100));

    /**
     * Every contact here is known from a year before {@code base}: the view at an instant before a contact was known
     * leaves it out (SPEC §3), and these tests read the view at instants around the interactions they backfill.
     */
    private String addContact(Api owner, String displayName) {
        return addContact(owner, Map.of("displayName", displayName));
    }

    private String addContact(Api owner, Map<String, ?> body) {
        Map<String, Object> known = new java.util.HashMap<>(body);
        known.putIfAbsent("knownSince", base.minus(Duration.ofDays(365)).toString());
        return Fixtures.addContact(owner, known);
    }

    private String addTracked(Api owner, String displayName, int everyDays) {
        String id = addContact(owner, displayName);
        setCadence(owner, id, everyDays);
        return id;
    }

    private Instant day(double days) {
        return base.plus(Duration.ofMillis(Math.round(days * 86_400_000d)));
    }

    private static JsonNode view(Api owner, String query) {
        var answer = owner.get("/api/going-cold" + (query.isEmpty() ? "" : "?" + query));
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    private static List<String> names(JsonNode view) {
        List<String> names = new ArrayList<>();
        view.get("items").forEach(row -> names.add(row.get("displayName").asText()));
        return names;
    }

    private static JsonNode onlyRow(JsonNode view) {
        assertThat(view.get("items")).hasSize(1);
        return view.get("items").get(0);
    }

    @Test
    void a_row_holds_every_field_of_the_rules_evaluated_at_the_instant_asked_about() {
        Api owner = newOwner();
        String id = addContact(
                owner,
                Map.of(
                        "displayName",
                        "Yukihiro Matsumoto",
                        "city",
                        "Matsue",
                        "timeZone",
                        "Asia/Tokyo",
                        "tags",
                        List.of("ruby")));
        setCadence(owner, id, 10);
        Map<String, Object> gave = interaction(base, id);
        gave.put("favor", "GAVE");
        logInteraction(owner, gave);
        Instant at = day(15);

        JsonNode view = view(owner, "at=" + at);

        assertThat(Instant.parse(view.get("at").asText())).isEqualTo(at);
        JsonNode row = onlyRow(view);
        assertThat(row.get("contactId").asText()).isEqualTo(id);
        assertThat(row.get("displayName").asText()).isEqualTo("Yukihiro Matsumoto");
        assertThat(row.get("city").asText()).isEqualTo("Matsue");
        assertThat(row.get("timeZone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(row.get("tags").toString()).isEqualTo("[\"ruby\"]");
        assertThat(row.get("cadenceDays").asInt()).isEqualTo(10);
        assertThat(Instant.parse(row.get("lastInteractionAt").asText())).isEqualTo(base);
        assertThat(Instant.parse(row.get("dueAt").asText())).isEqualTo(day(10));
        // instants are written as Instant.toString writes them (InstantJson)
        assertThat(row.get("dueAt").asText()).isEqualTo(day(10).toString());
        assertThat(view.get("at").asText()).isEqualTo(at.toString());
        assertThat(row.get("ratio").decimalValue()).isEqualByComparingTo(new BigDecimal("1.5"));
        assertThat(row.get("status").asText()).isEqualTo("OVERDUE");
        assertThat(row.get("warmth").asInt()).isEqualTo(35);
        assertThat(row.get("neverContacted").asBoolean()).isFalse();
        assertThat(row.get("asks").asInt()).isZero();
        assertThat(row.get("gives").asInt()).isEqualTo(1);
        assertThat(row.get("balance").asInt()).isEqualTo(1);
        assertThat(row.get("askReady").asBoolean()).as("warmth 35 is below 50").isFalse();
        OffsetDateTime local = at.atZone(ZoneId.of("Asia/Tokyo")).toOffsetDateTime();
        assertThat(row.get("localTime").asText())
                .as("the wall clock with its offset")
                .endsWith("+09:00");
        assertThat(OffsetDateTime.parse(row.get("localTime").asText()))
                .isEqualTo(local.truncatedTo(ChronoUnit.SECONDS));
        assertThat(row.get("reachableNow").asBoolean())
                .as("09:00-20:00 Monday to Friday, the defaults")
                .isEqualTo(local.getHour() >= 9
                        && local.getHour() < 20
                        && local.getDayOfWeek().getValue() <= 5);
        assertThat(row.get("snoozedUntil").isNull()).isTrue();
    }

    @Test
    void status_follows_the_ratio_at_its_boundaries_and_warm_rows_show_only_when_asked_for() {
        Api owner = newOwner();
        String id = addTracked(owner, "Boundary", 10);
        logInteraction(owner, base, id);

        assertThat(onlyRow(view(owner, ALL + "&at=" + day(7.99))).get("status").asText())
                .isEqualTo("WARM");
        assertThat(onlyRow(view(owner, ALL + "&at=" + day(8))).get("status").asText())
                .isEqualTo("DUE_SOON");
        assertThat(onlyRow(view(owner, ALL + "&at=" + day(9.99))).get("status").asText())
                .isEqualTo("DUE_SOON");
        assertThat(onlyRow(view(owner, ALL + "&at=" + day(10))).get("status").asText())
                .isEqualTo("OVERDUE");
        assertThat(onlyRow(view(owner, ALL + "&at=" + day(19.99))).get("status").asText())
                .isEqualTo("OVERDUE");
        JsonNode cold = onlyRow(view(owner, ALL + "&at=" + day(20)));
        assertThat(cold.get("status").asText()).isEqualTo("COLD");
        assertThat(cold.get("warmth").asInt()).isEqualTo(25);
        JsonNode fresh = onlyRow(view(owner, ALL + "&at=" + base));
        assertThat(fresh.get("warmth").asInt()).isEqualTo(100);

        assertThat(view(owner, "at=" + day(5)).get("items"))
                .as("WARM is not in the default statuses")
                .isEmpty();
        assertThat(names(view(owner, "at=" + day(8)))).containsExactly("Boundary");
    }

    @Test
    void the_status_parameter_is_a_comma_list_that_ignores_case() {
        Api owner = newOwner();
        String warm = addTracked(owner, "Warm One", 10);
        logInteraction(owner, day(95), warm);
        String cold = addTracked(owner, "Cold One", 10);
        logInteraction(owner, base, cold);
        Instant now = day(100);

        assertThat(names(view(owner, "status=warm&at=" + now))).containsExactly("Warm One");
        assertThat(names(view(owner, "status=COLD,Warm&at=" + now))).containsExactly("Cold One", "Warm One");
        assertThat(names(view(owner, "status=DUE_SOON&at=" + now))).isEmpty();
        assertThat(names(view(owner, "at=" + now))).containsExactly("Cold One");
    }

    @Test
    void rows_come_coldest_first_then_by_display_name_then_by_contact_id() {
        Api owner = newOwner();
        String coldest = addTracked(owner, "Zed Coldest", 10);
        logInteraction(owner, base, coldest);
        String bea = addTracked(owner, "Bea", 10);
        String abe = addTracked(owner, "Abe", 10);
        String twin1 = addTracked(owner, "Twin", 10);
        String twin2 = addTracked(owner, "Twin", 10);
        logInteraction(owner, day(10), bea, abe, twin1, twin2);
        String overdue = addTracked(owner, "Aaron Overdue", 12);
        logInteraction(owner, day(10), overdue);

        JsonNode view = view(owner, "at=" + day(25));

        assertThat(names(view)).containsExactly("Zed Coldest", "Abe", "Bea", "Twin", "Twin", "Aaron Overdue");
        String firstTwin = view.get("items").get(3).get("contactId").asText();
        String secondTwin = view.get("items").get(4).get("contactId").asText();
        assertThat(firstTwin).isLessThan(secondTwin);
        assertThat(List.of(firstTwin, secondTwin)).containsExactlyInAnyOrder(twin1, twin2);
    }

    @Test
    void tag_and_city_narrow_the_view_ignoring_case() {
        Api owner = newOwner();
        String berlin =
                addContact(owner, Map.of("displayName", "Berliner", "city", "Berlin", "tags", List.of("founders")));
        String paris = addContact(
                owner, Map.of("displayName", "Parisienne", "city", "Paris", "tags", List.of("founders", "design")));
        for (String id : List.of(berlin, paris)) {
            setCadence(owner, id, 10);
        }
        logInteraction(owner, base, berlin, paris);
        Instant at = day(30);

        assertThat(names(view(owner, "tag=FOUNDERS&at=" + at))).containsExactly("Berliner", "Parisienne");
        assertThat(names(view(owner, "tag=design&at=" + at))).containsExactly("Parisienne");
        assertThat(names(view(owner, "city=berlin&at=" + at))).containsExactly("Berliner");
        assertThat(names(view(owner, "city=Paris&tag=founders&at=" + at))).containsExactly("Parisienne");
        assertThat(names(view(owner, "city=Rome&at=" + at))).isEmpty();
    }

    @Test
    void limit_keeps_the_coldest_rows() {
        Api owner = newOwner();
        for (int cadence : List.of(10, 20, 30)) {
            String id = addTracked(owner, "Every " + cadence, cadence);
            logInteraction(owner, base, id);
        }

        assertThat(names(view(owner, "limit=2&at=" + day(90)))).containsExactly("Every 10", "Every 20");
        assertThat(names(view(owner, "limit=1000&at=" + day(90)))).hasSize(3);
    }

    @Test
    void the_at_parameter_evaluates_the_rules_at_that_instant_with_todays_knowledge() {
        Api owner = newOwner();
        String id = addTracked(owner, "Time Traveller", 10);
        logInteraction(owner, base, id);

        JsonNode before = onlyRow(view(owner, ALL + "&at=" + day(4)));
        JsonNode after = onlyRow(view(owner, ALL + "&at=" + day(40)));

        assertThat(before.get("ratio").decimalValue()).isEqualByComparingTo("0.4");
        assertThat(before.get("status").asText()).isEqualTo("WARM");
        assertThat(after.get("ratio").decimalValue()).isEqualByComparingTo("4");
        assertThat(after.get("status").asText()).isEqualTo("COLD");
        assertThat(after.get("warmth").asInt()).isEqualTo(6);
    }

    @Test
    void bad_parameters_are_a_400_naming_the_parameter() {
        Api owner = newOwner();

        assertInvalid(owner.get("/api/going-cold?status=FREEZING"), "status");
        assertInvalid(owner.get("/api/going-cold?status=COLD,LUKEWARM"), "status");
        assertInvalid(owner.get("/api/going-cold?limit=0"), "limit");
        assertInvalid(owner.get("/api/going-cold?limit=1001"), "limit");
        assertInvalid(owner.get("/api/going-cold?limit=many"), "limit");
        assertInvalid(owner.get("/api/going-cold?at=yesterday"), "at");
        assertInvalid(owner.get("/api/going-cold?at=%2B1000000000-01-01T00:00:00Z"), "at");
        assertInvalid(owner.get("/api/going-cold?at=-1000000000-01-01T00:00:00Z"), "at");
        assertInvalid(owner.get("/api/going-cold?at=%2B10000-01-01T00:00:00Z"), "at");
        assertThat(owner.get("/api/going-cold?at=9999-12-31T23:59:59Z").status())
                .isEqualTo(200);
        assertThat(owner.get("/api/going-cold?at=0001-01-01T00:00:00Z").status())
                .isEqualTo(200);
        assertInvalid(owner.get("/api/going-cold?includeSnoozed=perhaps"), "includeSnoozed");
    }

    @Test
    void a_never_contacted_contact_is_due_the_moment_it_is_tracked_with_warmth_zero() {
        Api owner = newOwner();
        String id = addContact(owner, "Stranger");
        Instant before = Instant.now();
        setCadence(owner, id, 21);

        JsonNode row = onlyRow(view(owner, ""));

        assertThat(row.get("contactId").asText()).isEqualTo(id);
        assertThat(row.get("neverContacted").asBoolean()).isTrue();
        assertThat(row.get("warmth").asInt()).isZero();
        assertThat(row.get("lastInteractionAt").isNull()).isTrue();
        assertThat(row.get("status").asText()).isEqualTo("OVERDUE");
        assertThat(row.get("askReady").asBoolean()).isFalse();
        assertThat(Instant.parse(row.get("dueAt").asText())).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
        assertThat(row.get("reachableNow").isNull())
                .as("no time zone: unknown, not false")
                .isTrue();
        assertThat(row.get("localTime").isNull()).isTrue();
    }

    @Test
    void contacts_without_a_cadence_are_not_in_the_view_and_clearing_the_cadence_removes_one() {
        Api owner = newOwner();
        String untracked = addContact(owner, "Untracked");
        logInteraction(owner, base, untracked);
        String tracked = addTracked(owner, "Tracked", 10);
        logInteraction(owner, base, tracked);
        assertThat(names(view(owner, ALL))).containsExactly("Tracked");

        assertThat(owner.delete("/api/contacts/" + tracked + "/cadence").status())
                .isEqualTo(204);

        assertThat(view(owner, ALL).get("items")).isEmpty();
    }

    @Test
    void a_snoozed_contact_is_hidden_until_the_snooze_ends_unless_snoozed_ones_are_asked_for() {
        Api owner = newOwner();
        String id = addTracked(owner, "Snoozer", 10);
        logInteraction(owner, base, id);
        Instant until = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(10));
        assertThat(owner.post("/api/contacts/" + id + "/snooze", Map.of("until", until.toString()))
                        .status())
                .isEqualTo(200);

        assertThat(view(owner, "").get("items")).isEmpty();
        assertThat(view(owner, "at=" + until.minusSeconds(1)).get("items")).isEmpty();
        JsonNode included = onlyRow(view(owner, "includeSnoozed=true"));
        assertThat(Instant.parse(included.get("snoozedUntil").asText())).isEqualTo(until);
        assertThat(names(view(owner, "at=" + until))).containsExactly("Snoozer");

        assertThat(owner.delete("/api/contacts/" + id + "/snooze").status()).isEqualTo(204);
        assertThat(names(view(owner, ""))).containsExactly("Snoozer");
    }

    @Test
    void an_archived_contact_is_not_in_the_view_even_with_snoozed_ones_and_comes_back_when_restored() {
        Api owner = newOwner();
        String id = addTracked(owner, "Archivist", 10);
        logInteraction(owner, base, id);
        archive(owner, id);

        assertThat(view(owner, ALL + "&includeSnoozed=true").get("items")).isEmpty();

        assertThat(owner.post("/api/contacts/" + id + "/restore", null).status())
                .isEqualTo(200);
        assertThat(names(view(owner, ""))).containsExactly("Archivist");
    }

    @Test
    void asks_and_gives_count_non_retracted_favours_and_decide_ask_readiness() {
        Api owner = newOwner();
        String id = addTracked(owner, "Mentor", 10);
        Map<String, Object> ask = interaction(base, id);
        ask.put("favor", "ASKED");
        logInteraction(owner, ask);
        String warm = ALL + "&at=" + day(2);

        JsonNode owing = onlyRow(view(owner, warm));
        assertThat(owing.get("warmth").asInt()).isEqualTo(87);
        assertThat(owing.get("asks").asInt()).isEqualTo(1);
        assertThat(owing.get("balance").asInt()).isEqualTo(-1);
        assertThat(owing.get("askReady").asBoolean()).as("balance below zero").isFalse();

        Map<String, Object> give = interaction(base, id);
        give.put("favor", "GAVE");
        String given = logInteraction(owner, give);
        JsonNode even = onlyRow(view(owner, warm));
        assertThat(even.get("gives").asInt()).isEqualTo(1);
        assertThat(even.get("balance").asInt()).isZero();
        assertThat(even.get("askReady").asBoolean()).isTrue();

        assertThat(owner.delete("/api/interactions/" + given).status()).isEqualTo(204);
        JsonNode retracted = onlyRow(view(owner, warm));
        assertThat(retracted.get("gives").asInt()).isZero();
        assertThat(retracted.get("askReady").asBoolean()).isFalse();
    }

    @Test
    void the_view_holds_only_the_callers_own_contacts() {
        Api owner = newOwner();
        Api other = newOwner();
        String theirs = addTracked(other, "Not Yours", 10);
        logInteraction(other, base, theirs);

        assertThat(view(owner, ALL + "&includeSnoozed=true").get("items")).isEmpty();
        assertThat(names(view(other, ALL))).containsExactly("Not Yours");
    }

    @Test
    void writes_show_in_the_view_on_the_very_next_read() {
        Api owner = newOwner();
        String id = addContact(owner, "Just Tracked");

        setCadence(owner, id, 30);
        assertThat(names(view(owner, ""))).containsExactly("Just Tracked");

        logInteraction(owner, Instant.now(), id);
        assertThat(view(owner, "").get("items")).isEmpty();
        assertThat(onlyRow(view(owner, "status=WARM")).get("neverContacted").asBoolean())
                .isFalse();
    }
}
