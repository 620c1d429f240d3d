package io.keepwarm.web.imports;

import static io.keepwarm.web.imports.ImportSupport.CSV;
import static io.keepwarm.web.imports.ImportSupport.commit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scripted history of issue 13: a LinkedIn export with connections made from 2019 to 2026 and two years of
 * interactions kept in a spreadsheet, imported today. The network of a date in 2025 holds the people known then
 * with the statuses they had; as keepwarm knew it the day before the import, it was empty; the activity report's
 * past months count tracked contacts and adherence.
 */
class ImportedHistoryIT extends IntegrationTest {

    private static final DateTimeFormatter CONNECTED_ON = DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH);

    /** Person i connected on 2019-01-10 plus i × 6 months: 16 people from 2019 to 2026. */
    private static LocalDate connected(int i) {
        return LocalDate.of(2019, 1, 10).plusMonths(6L * i);
    }

    private static byte[] linkedIn() {
        StringBuilder csv = new StringBuilder("Notes:\r\n\"Some email addresses may be missing.\"\r\n\r\n"
                + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
        for (int i = 0; i < 16; i++) {
            csv.append("Person,Number")
                    .append(i)
                    .append(",https://www.linkedin.com/in/person-number-")
                    .append(i)
                    .append(",person")
                    .append(i)
                    .append("@example.com,Example Co,Engineer,")
                    .append(connected(i).format(CONNECTED_ON))
                    .append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Two years of touches, 2024-12 to 2026-11: person 0 every month on the 1st; person 1 every month until
     * March 2025 only; person 2 asked for a favour each quarter.
     */
    private static byte[] interactions() {
        StringBuilder csv = new StringBuilder("date,contacts,channel,initiatedBy,favor,note\n");
        for (int month = 0; month < 24; month++) {
            LocalDate day = LocalDate.of(2024, 12, 1).plusMonths(month);
            csv.append(day).append(",person0@example.com,CALL,ME,NONE,monthly call\n");
            if (day.isBefore(LocalDate.of(2025, 4, 1))) {
                csv.append(day).append(",Person Number1,MESSAGE,THEM,NONE,\n");
            }
            if (month % 3 == 0) {
                csv.append(day).append(",person2@example.com,VIDEO,ME,ASKED,quarterly ask\n");
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void the_network_and_activity_of_the_past_show_what_the_imported_history_says() {
        Api owner = newOwner();
        Instant beforeImport = Instant.now().minusSeconds(86_400);

        JsonNode people = commit(owner, linkedIn(), CSV, "cadenceDays=30&rampPerDay=5");
        assertThat(people.get("counts").get("CREATE").asInt()).isEqualTo(16);
        JsonNode touches = commit(owner, interactions(), CSV, "");
        assertThat(touches.get("counts").get("ERROR").asInt()).isZero();

        Instant asOf = Instant.parse("2025-06-15T00:00:00Z");
        JsonNode network = owner.get("/api/reports/network?asOf=" + asOf).json();
        Map<String, JsonNode> rows = new HashMap<>();
        network.get("items").forEach(row -> rows.put(row.get("displayName").asText(), row));
        // known by 2025-06-15: connected 2019-01 … 2025-01, persons 0 to 12
        assertThat(rows.keySet()).hasSize(13);
        for (int i = 0; i < 16; i++) {
            boolean known =
                    !connected(i).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(asOf);
            assertThat(rows.containsKey("Person Number" + i)).as("person %d", i).isEqualTo(known);
        }
        // person 0: last call 2025-06-01, 14 days of 30
        assertThat(rows.get("Person Number0").get("status").asText()).isEqualTo("WARM");
        assertThat(Instant.parse(
                        rows.get("Person Number0").get("lastInteractionAt").asText()))
                .isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        // person 1: last message 2025-03-01, 106 days of 30
        assertThat(rows.get("Person Number1").get("status").asText()).isEqualTo("COLD");
        // person 2: asked on 2025-06-01
        assertThat(rows.get("Person Number2").get("asks").asInt()).isEqualTo(3);
        assertThat(rows.get("Person Number5").get("neverContacted").asBoolean()).isTrue();
        assertThat(rows.values())
                .allSatisfy(row ->
                        assertThat(row.get("ratio").decimalValue().signum()).isGreaterThanOrEqualTo(0));

        JsonNode asKnownThen = owner.get("/api/reports/network?asOf=" + asOf + "&knownAt=" + beforeImport)
                .json();
        assertThat(asKnownThen.get("items")).isEmpty();

        JsonNode goingCold = owner.get("/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD&at=" + asOf)
                .json();
        assertThat(goingCold.get("items")).hasSize(13);

        JsonNode activity = owner.get(
                        "/api/reports/activity?from=2025-01-01T00:00:00Z&to=2026-07-01T00:00:00Z&groupBy=month&zone=UTC")
                .json();
        Map<String, JsonNode> months = new HashMap<>();
        activity.get("periods")
                .forEach(period -> months.put(period.get("period").asText(), period));
        JsonNode june = months.get("2025-06");
        assertThat(june.get("trackedContacts").asInt()).isEqualTo(13);
        assertThat(june.get("interactions").asInt()).isEqualTo(2);
        assertThat(june.get("adherence").isNull()).isFalse();
        JsonNode january = months.get("2025-01");
        assertThat(january.get("trackedContacts").asInt()).isEqualTo(13);
        assertThat(january.get("adherence").decimalValue().signum()).isPositive();
    }
}
