package io.keepwarm.application.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void iso_weeks_start_on_monday_and_take_the_week_based_year() {
        // 2021-01-01 is a Friday of ISO week 2020-W53.
        List<ReportPeriod> weeks = ReportPeriod.covering(
                Instant.parse("2021-01-01T00:00:00Z"), Instant.parse("2021-01-11T00:00:00Z"), GroupBy.WEEK, UTC);

        assertThat(weeks)
                .containsExactly(
                        new ReportPeriod(
                                "2020-W53",
                                Instant.parse("2021-01-01T00:00:00Z"),
                                Instant.parse("2021-01-04T00:00:00Z")),
                        new ReportPeriod(
                                "2021-W01",
                                Instant.parse("2021-01-04T00:00:00Z"),
                                Instant.parse("2021-01-11T00:00:00Z")));
    }

    @Test
    void months_follow_the_zone_across_daylight_saving_time() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        List<ReportPeriod> months = ReportPeriod.covering(
                Instant.parse("2025-02-28T23:00:00Z"), Instant.parse("2025-04-30T22:00:00Z"), GroupBy.MONTH, paris);

        assertThat(months)
                .containsExactly(
                        new ReportPeriod(
                                "2025-03",
                                Instant.parse("2025-02-28T23:00:00Z"),
                                Instant.parse("2025-03-31T22:00:00Z")),
                        new ReportPeriod(
                                "2025-04",
                                Instant.parse("2025-03-31T22:00:00Z"),
                                Instant.parse("2025-04-30T22:00:00Z")));
    }

    @Test
    void the_first_and_last_periods_are_cut_to_the_range() {
        List<ReportPeriod> months = ReportPeriod.covering(
                Instant.parse("2025-01-15T12:00:00Z"), Instant.parse("2025-03-02T00:00:00Z"), GroupBy.MONTH, UTC);

        assertThat(months).extracting(ReportPeriod::period).containsExactly("2025-01", "2025-02", "2025-03");
        assertThat(months.get(0).start()).isEqualTo(Instant.parse("2025-01-15T12:00:00Z"));
        assertThat(months.get(2).end()).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
    }

    @Test
    void an_empty_range_has_no_periods() {
        Instant at = Instant.parse("2025-01-15T12:00:00Z");
        assertThat(ReportPeriod.covering(at, at, GroupBy.WEEK, UTC)).isEmpty();
    }
}
