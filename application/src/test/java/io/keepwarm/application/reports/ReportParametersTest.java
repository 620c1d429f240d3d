package io.keepwarm.application.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportParametersTest {

    @Test
    void knownAt_is_optional_and_may_come_with_an_offset() {
        ReportParameters.Network network = ReportParameters.network("2026-03-01T10:00:00+01:00", null);

        assertThat(network.asOf()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(network.knownAt()).isNull();
    }

    @Test
    void an_unencoded_plus_of_an_offset_is_understood() {
        assertThat(ReportParameters.network("2026-03-01T10:00:00 01:00", null).asOf())
                .isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
    }

    @Test
    void activity_defaults_to_weeks_in_utc() {
        ReportParameters.Activity activity =
                ReportParameters.activity("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", null, null);

        assertThat(activity.groupBy()).isEqualTo(GroupBy.WEEK);
        assertThat(activity.zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void ten_years_is_the_longest_range_counted_in_the_zone() {
        assertThat(ReportParameters.activity(
                                "2016-01-01T00:00:00+01:00", "2026-01-01T00:00:00+01:00", "month", "Europe/Paris")
                        .to())
                .isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
        assertThat(fields(() ->
                        ReportParameters.activity("2016-01-01T00:00:00Z", "2026-01-01T00:00:00.001Z", null, null)))
                .containsExactly("to");
    }

    @Test
    void every_bad_field_is_reported_together() {
        assertThat(fields(() -> ReportParameters.activity(null, "tomorrow", "day", "Atlantis/Capital")))
                .containsExactly("from", "to", "groupBy", "zone");
        assertThat(fields(() -> ReportParameters.activity("2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z", null, null)))
                .containsExactly("from");
    }

    private static java.util.List<String> fields(Runnable call) {
        InvalidReportQuery violation = catchThrowableOfType(InvalidReportQuery.class, call::run);
        assertThat(violation).isNotNull();
        return violation.parameters().stream()
                .map(InvalidReportQuery.Parameter::name)
                .toList();
    }
}
