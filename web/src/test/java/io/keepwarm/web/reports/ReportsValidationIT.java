package io.keepwarm.web.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad report parameters are 400 problem responses naming each bad field. */
class ReportsValidationIT extends IntegrationTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/reports/network                                                       | asOf",
                "/api/reports/network?asOf=                                                 | asOf",
                "/api/reports/network?asOf=yesterday                                        | asOf",
                "/api/reports/network?asOf=2026-03-01                                       | asOf",
                "/api/reports/network?asOf=2026-03-01T00:00:00Z&knownAt=soon                | knownAt",
                "/api/reports/activity?to=2026-03-01T00:00:00Z                              | from",
                "/api/reports/activity?from=2026-03-01T00:00:00Z                            | to",
                "/api/reports/activity?from=2026-13-01T00:00:00Z&to=2026-03-01T00:00:00Z    | from",
                "/api/reports/activity?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z    | from",
                "/api/reports/activity?from=2016-01-01T00:00:00Z&to=2026-01-01T00:00:01Z    | to",
                "/api/reports/activity?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&groupBy=day | groupBy",
                "/api/reports/activity?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&zone=Mars/Olympus | zone",
            })
    void a_bad_parameter_is_a_400_naming_it(String path, String field) {
        var response = newOwner().get(path);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
        assertThat(response.json().get("type").asText()).endsWith("/validation");
        assertThat(fields(response)).containsExactly(field);
    }

    @Test
    void every_bad_field_is_named_at_once() {
        var response = newOwner().get("/api/reports/activity?from=later&groupBy=year&zone=Nowhere");

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response)).containsExactlyInAnyOrder("from", "to", "groupBy", "zone");
    }

    @Test
    void a_range_of_exactly_ten_years_and_an_offset_instant_are_accepted() {
        Api owner = newOwner();
        var tenYears =
                owner.get("/api/reports/activity?from=2016-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&groupBy=MONTH");
        assertThat(tenYears.status()).as(tenYears.toString()).isEqualTo(200);
        assertThat(tenYears.json().get("periods")).hasSize(120);

        var offset = owner.get("/api/reports/network?asOf=2026-03-01T09:30:00%2B01:00");
        assertThat(offset.status()).as(offset.toString()).isEqualTo(200);
        assertThat(offset.json().get("asOf").asText()).isEqualTo("2026-03-01T08:30:00Z");
    }

    @Test
    void a_csv_client_still_gets_its_error_as_a_problem() {
        var response = newOwner().get("/api/reports/network?asOf=nope", "text/csv");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(response)).containsExactly("asOf");
    }

    @Test
    void a_client_that_accepts_neither_json_nor_csv_is_answered_406() {
        var response = newOwner().get("/api/reports/network?asOf=2026-03-01T00:00:00Z", "application/xml");

        assertThat(response.status()).isEqualTo(406);
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }
}
