package io.keepwarm.web.reports;

import static io.keepwarm.web.reports.ReportsMatchGoingColdIT.cadence;
import static io.keepwarm.web.reports.ReportsMatchGoingColdIT.interaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * CSV injection (OWASP): no cell of any CSV keepwarm writes begins with {@code =}, {@code +}, {@code -}, {@code @},
 * a tab or a carriage return unless it is a plain number, so opening an export in a spreadsheet runs nothing.
 * The CSV endpoints today: {@code GET /api/reports/network} and {@code GET /api/reports/activity} with
 * {@code Accept: text/csv}.
 */
class CsvFormulaInjectionIT extends IntegrationTest {

    private static final List<String> FORMULAS =
            List.of("=HYPERLINK(\"http://x\",\"click\")", "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3");

    @Test
    void names_and_cities_that_are_formulas_come_out_of_the_network_report_as_text() {
        Api owner = newOwner();
        for (String formula : FORMULAS) {
            String id = owner.post("/api/contacts", Map.of("displayName", formula, "city", formula))
                    .json()
                    .get("contactId")
                    .asText();
            cadence(owner, id, 30);
        }
        String asOf =
                Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toString();

        Api.Response csv = owner.get("/api/reports/network?asOf=" + asOf, "text/csv");

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        List<CSVRecord> records = parse(csv.body());
        assertThat(records).hasSize(FORMULAS.size());
        List<String> names = new ArrayList<>();
        for (CSVRecord record : records) {
            names.add(record.get("displayName"));
            assertThat(record.get("city")).isEqualTo(record.get("displayName"));
        }
        assertThat(names)
                .containsExactlyInAnyOrderElementsOf(
                        FORMULAS.stream().map(formula -> "'" + formula).toList());
        assertEveryCellIsSafe(records);
        // The JSON is data for programs, not a spreadsheet: it keeps the names exactly.
        List<String> jsonNames = new ArrayList<>();
        owner.get("/api/reports/network?asOf=" + asOf)
                .json()
                .path("items")
                .forEach(item -> jsonNames.add(item.path("displayName").asText()));
        assertThat(jsonNames).containsExactlyInAnyOrderElementsOf(FORMULAS);
    }

    @Test
    void the_activity_report_csv_has_no_cell_a_spreadsheet_would_run() {
        Api owner = newOwner();
        String id = owner.post("/api/contacts", Map.of("displayName", "=1+1"))
                .json()
                .get("contactId")
                .asText();
        interaction(owner, Instant.now().minus(Duration.ofDays(3)), "CALL", "ME", "ASKED", id);

        Api.Response csv = owner.get(
                "/api/reports/activity?from="
                        + Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.DAYS)
                        + "&to=" + Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS)
                        + "&groupBy=week",
                "text/csv");

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        List<CSVRecord> records = parse(csv.body());
        assertThat(records).isNotEmpty();
        assertThat(records.stream()
                        .mapToInt(r -> Integer.parseInt(r.get("interactions")))
                        .sum())
                .isEqualTo(1);
        assertEveryCellIsSafe(records);
    }

    private static void assertEveryCellIsSafe(List<CSVRecord> records) {
        for (CSVRecord record : records) {
            for (String cell : record) {
                if (!cell.isEmpty() && !cell.matches("-?[0-9]+(\\.[0-9]+)?")) {
                    assertThat("=+-@\t\r".indexOf(cell.charAt(0)))
                            .as("cell %s of %s", cell, record)
                            .isNegative();
                }
            }
        }
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
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
