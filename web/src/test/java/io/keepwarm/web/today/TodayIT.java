package io.keepwarm.web.today;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.interaction;
import static io.keepwarm.web.testsupport.Fixtures.logInteraction;
import static io.keepwarm.web.testsupport.Fixtures.setCadence;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/today} on a scripted network (SPEC §9). The owner lives in Auckland; the plan is asked for at
 * Monday 2027-03-01 13:00 NZDT (00:00 UTC): the owner's day (09:00–20:00 NZDT) is still Sunday in Honolulu and
 * already Monday in Tokyo. Every contact is on a 60-day cadence.
 */
class TodayIT extends IntegrationTest {

    static final String AT = "2027-03-01T00:00:00Z";

    private Api owner;
    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeEach
    void scriptedNetwork() {
        owner = newOwner();
        assertThat(owner.patch("/api/me/settings", Map.of("timeZone", "Pacific/Auckland"))
                        .status())
                .isEqualTo(200);
        // owes a give: asked twice, gave once; last spoke 2026-11-01 (120 days before AT: r = 2.0)
        String olga = tracked("Olga Owed", "Acme", "Osaka", "Asia/Tokyo");
        log(olga, "2026-10-01T00:00:00Z", "ASKED");
        log(olga, "2026-10-15T00:00:00Z", "ASKED");
        log(olga, "2026-11-01T00:00:00Z", "GAVE");
        // a tie at r = 1.6667 (last spoke 2026-11-21): Tokyo is reachable during the owner's Monday, Honolulu not
        log(tracked("=Hana Honolulu", null, "Honolulu", "Pacific/Honolulu"), "2026-11-21T00:00:00Z", "NONE");
        log(tracked("Toru Tokyo", null, "Tokyo", "Asia/Tokyo"), "2026-11-21T00:00:00Z", "NONE");
        // colder than the tie (2026-11-05, r = 1.9333) but at Olga's company: passed over, then filling up
        log(tracked("Akira Acme", "ACME ", "Kyoto", "Asia/Tokyo"), "2026-11-05T00:00:00Z", "NONE");
        // the coldest of all, but snoozed past AT
        String sam = tracked("Sam Snoozed", null, null, null);
        log(sam, "2026-09-01T00:00:00Z", "NONE");
        assertThat(owner.post("/api/contacts/" + sam + "/snooze", Map.of("until", "2027-03-02T00:00:00Z"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void the_plan_is_coldest_first_owed_gives_first_spread_over_companies_with_reachable_ties_first() {
        JsonNode plan = plan("limit=5");

        assertThat(plan.get("date").asText()).as("the owner's today").isEqualTo("2027-03-01");
        assertThat(plan.get("timeZone").asText()).isEqualTo("Pacific/Auckland");
        assertThat(names(plan)).containsExactly("Olga Owed", "Toru Tokyo", "=Hana Honolulu", "Akira Acme");
        JsonNode olga = plan.get("items").get(0);
        assertThat(olga.get("suggestedTouch").asText()).isEqualTo("GIVE");
        assertThat(olga.get("reason").asText())
                .isEqualTo("last spoke 120 days ago, every 60 days; you asked twice and gave once: offer help");
        assertThat(olga.get("organization").asText()).isEqualTo("Acme");
        assertThat(olga.get("rank").asInt()).isEqualTo(1);
        JsonNode toru = plan.get("items").get(1);
        assertThat(toru.get("reachableToday").asBoolean()).isTrue();
        assertThat(toru.get("reason").asText()).isEqualTo("last spoke 100 days ago, every 60 days: check in");
        JsonNode hana = plan.get("items").get(2);
        assertThat(hana.get("reachableToday").asBoolean()).isFalse();
        assertThat(hana.get("localTime").asText()).isEqualTo("2027-02-28T14:00:00-10:00");
        assertThat(hana.get("reason").asText())
                .isEqualTo("last spoke 100 days ago, every 60 days; outside your hours today where they are: "
                        + "check in");
        assertThat(plan("limit=5")).as("the same data and day, the same plan").isEqualTo(plan);
        assertThat(names(plan("limit=2"))).containsExactly("Olga Owed", "Toru Tokyo");
    }

    @Test
    void the_account_s_days_change_the_order_of_a_tie_and_the_snoozed_contact_returns_when_its_snooze_ends() {
        assertThat(owner.patch("/api/me/settings", Map.of("reachableDays", List.of("SUNDAY", "MONDAY")))
                        .status())
                .isEqualTo(200);

        JsonNode plan = plan("limit=5");
        assertThat(names(plan))
                .as("Honolulu's Sunday is now a reachable day that overlaps the owner's Monday; ties by name")
                .containsExactly("Olga Owed", "=Hana Honolulu", "Toru Tokyo", "Akira Acme");

        JsonNode later = owner.get("/api/today?at=2027-03-02T00:00:00Z").json();
        assertThat(names(later).get(0)).isEqualTo("Sam Snoozed");
        assertThat(later.get("items").get(0).get("reason").asText())
                .isEqualTo("last spoke 182 days ago, every 60 days: reconnect");
    }

    @Test
    void today_and_going_cold_answer_csv_with_formula_safe_cells() throws Exception {
        var csv = owner.get("/api/today?limit=5&at=" + AT, "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<CSVRecord> rows = records(csv.body());
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).get("reason"))
                .isEqualTo("last spoke 120 days ago, every 60 days; you asked twice and gave once: offer help");
        assertThat(rows.get(0).get("suggestedTouch")).isEqualTo("GIVE");
        assertThat(rows.get(2).get("displayName")).isEqualTo("'=Hana Honolulu");
        assertThat(rows.get(2).get("localTime")).isEqualTo("2027-02-28T14:00:00-10:00");

        var goingCold = owner.get("/api/going-cold?at=" + AT, "text/csv");
        assertThat(goingCold.status()).isEqualTo(200);
        assertThat(goingCold.header("Content-Type")).startsWith("text/csv");
        List<CSVRecord> cold = records(goingCold.body());
        assertThat(cold)
                .extracting(r -> r.get("displayName"))
                .containsExactly("Olga Owed", "Akira Acme", "'=Hana Honolulu", "Toru Tokyo");
        assertThat(cold.get(0).get("at")).isEqualTo(AT);
        assertThat(cold.get(0).get("balance")).isEqualTo("-1");
        JsonNode json = owner.get("/api/going-cold?at=" + AT).json();
        assertThat(json.get("items")).hasSize(cold.size());
    }

    private JsonNode plan(String query) {
        var answer = owner.get("/api/today?" + query + "&at=" + AT);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    private String tracked(String name, String organization, String city, String zone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", name);
        if (organization != null) {
            body.put("organization", organization);
        }
        if (city != null) {
            body.put("city", city);
        }
        if (zone != null) {
            body.put("timeZone", zone);
        }
        String id = addContact(owner, body);
        setCadence(owner, id, 60);
        ids.put(name, id);
        return id;
    }

    private void log(String contactId, String occurredAt, String favor) {
        Map<String, Object> body = interaction(Instant.parse(occurredAt), contactId);
        body.put("favor", favor);
        logInteraction(owner, body);
    }

    private static List<String> names(JsonNode plan) {
        List<String> names = new ArrayList<>();
        plan.get("items").forEach(row -> names.add(row.get("displayName").asText()));
        return names;
    }

    private static List<CSVRecord> records(String csv) throws Exception {
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();
    }
}
