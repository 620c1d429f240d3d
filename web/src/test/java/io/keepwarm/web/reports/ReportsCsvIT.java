package io.keepwarm.web.reports;

import static io.keepwarm.web.reports.ReportsMatchGoingColdIT.cadence;
import static io.keepwarm.web.reports.ReportsMatchGoingColdIT.interaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** {@code Accept: text/csv}: RFC 4180 with a header row, the same rows as the JSON. */
class ReportsCsvIT extends IntegrationTest {

    @Test
    void the_network_report_as_csv_has_a_header_row_and_quotes_what_needs_quoting() {
        Api owner = newOwner();
        String name = "O'Brien, \"Doc\"";
        Map<String, Object> body = new HashMap<>(Map.of(
                "displayName", name, "city", "Paris", "timeZone", "Europe/Paris", "tags", List.of("csv-b", "csv-a")));
        String contactId =
                owner.post("/api/contacts", body).json().get("contactId").asText();
        cadence(owner, contactId, 30);
        Instant touched = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(3));
        interaction(owner, touched, "CALL", "ME", "GAVE", contactId);
        String asOf =
                Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toString();

        var csv = owner.get("/api/reports/network?asOf=" + asOf, "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n", -1);
        assertThat(lines[0])
                .isEqualTo("asOf,knownAt,contactId,displayName,city,timeZone,tags,cadenceDays,"
                        + "lastInteractionAt,dueAt,ratio,status,warmth,neverContacted,asks,gives,balance,askReady,localTime,"
                        + "reachableNow,snoozedUntil");
        assertThat(lines[lines.length - 1]).as("every record ends with CRLF").isEmpty();
        assertThat(csv.body())
                .contains(",\"O'Brien, \"\"Doc\"\"\",Paris,Europe/Paris,csv-a;csv-b,30," + touched + ","
                        + touched.plus(Duration.ofDays(30)) + ",0.1000,WARM,");

        var json = owner.get("/api/reports/network?asOf=" + asOf).json().get("items");
        List<CSVRecord> records = parse(csv.body());
        assertThat(records).hasSize(json.size());
        for (int i = 0; i < records.size(); i++) {
            CSVRecord record = records.get(i);
            var item = json.get(i);
            assertThat(record.get("asOf")).isEqualTo(asOf);
            assertThat(record.get("knownAt")).isEmpty();
            assertThat(record.get("contactId")).isEqualTo(item.get("contactId").asText());
            assertThat(record.get("displayName"))
                    .isEqualTo(item.get("displayName").asText());
            assertThat(record.get("status")).isEqualTo(item.get("status").asText());
            assertThat(record.get("warmth")).isEqualTo(item.get("warmth").asText());
            assertThat(record.get("localTime")).isEqualTo(text(item.get("localTime")));
            assertThat(record.get("snoozedUntil")).isEmpty();
        }
        CSVRecord mine = records.stream()
                .filter(r -> r.get("contactId").equals(contactId))
                .findFirst()
                .orElseThrow();
        assertThat(mine.get("displayName")).isEqualTo(name);
        assertThat(mine.get("gives")).isEqualTo("1");
    }

    @Test
    void the_activity_report_as_csv_has_one_column_per_channel_and_initiator() {
        Api owner = newOwner();
        var csv = owner.get(
                "/api/reports/activity?from=2001-01-01T00:00:00Z&to=2001-03-01T00:00:00Z&groupBy=month", "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body())
                .isEqualTo(String.join(
                        "\r\n",
                        "period,start,end,interactions,byChannel.IN_PERSON,byChannel.CALL,byChannel.VIDEO,byChannel.MESSAGE,"
                                + "byChannel.EMAIL,byChannel.SOCIAL,byChannel.EVENT,byChannel.LETTER,byInitiatedBy.ME,"
                                + "byInitiatedBy.THEM,byInitiatedBy.MUTUAL,asks,gives,contactsTouched,trackedContacts,adherence",
                        "2001-01,2001-01-01T00:00:00Z,2001-02-01T00:00:00Z,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,",
                        "2001-02,2001-02-01T00:00:00Z,2001-03-01T00:00:00Z,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,",
                        ""));
    }

    @Test
    void csv_is_chosen_only_when_preferred_over_json() {
        Api owner = newOwner();
        String path = "/api/reports/network?asOf=2001-01-01T00:00:00Z";
        assertThat(owner.get(path, "application/json;q=0.5, text/csv").header("Content-Type"))
                .startsWith("text/csv");
        assertThat(owner.get(path, "text/csv;q=0.5, application/json").header("Content-Type"))
                .startsWith("application/json");
        assertThat(owner.get(path, "*/*").header("Content-Type")).startsWith("application/json");
        assertThat(owner.get(path).header("Content-Type")).startsWith("application/json");
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode value) {
        return value.isNull() ? "" : value.asText();
    }

    private static List<CSVRecord> parse(String csv) {
        try {
            return CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(new StringReader(csv))
                    .getRecords();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
