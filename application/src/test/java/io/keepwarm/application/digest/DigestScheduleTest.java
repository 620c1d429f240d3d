package io.keepwarm.application.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.settings.AccountSettings.Digest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DigestScheduleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Digest MONDAY_SEVEN = Digest.weekly(DayOfWeek.MONDAY, 7, "me@example.com");

    @Test
    void the_period_starts_at_the_last_monday_seven_o_clock_in_the_account_s_zone() {
        // Wednesday 2027-01-06 12:00 in Paris: the period began on Monday the 4th at 07:00 CET (06:00 UTC)
        assertThat(DigestSchedule.latestDue(MONDAY_SEVEN, PARIS, Instant.parse("2027-01-06T11:00:00Z")))
                .isEqualTo(Instant.parse("2027-01-04T06:00:00Z"));
    }

    @Test
    void on_the_day_before_the_hour_it_is_last_week_s_and_from_the_hour_on_this_week_s() {
        Instant sixFiftyNine = Instant.parse("2027-01-04T05:59:59Z");
        Instant seven = Instant.parse("2027-01-04T06:00:00Z");

        assertThat(DigestSchedule.latestDue(MONDAY_SEVEN, PARIS, sixFiftyNine))
                .isEqualTo(Instant.parse("2026-12-28T06:00:00Z"));
        assertThat(DigestSchedule.latestDue(MONDAY_SEVEN, PARIS, seven)).isEqualTo(seven);
    }

    @Test
    void across_the_spring_change_the_hour_stays_seven_on_the_wall_clock() {
        // Paris moves to summer time on Sunday 2027-03-28: Monday the 29th at 07:00 is 05:00 UTC, the 22nd 06:00 UTC
        assertThat(DigestSchedule.latestDue(MONDAY_SEVEN, PARIS, Instant.parse("2027-03-29T12:00:00Z")))
                .isEqualTo(Instant.parse("2027-03-29T05:00:00Z"));
        assertThat(DigestSchedule.latestDue(MONDAY_SEVEN, PARIS, Instant.parse("2027-03-29T04:59:00Z")))
                .isEqualTo(Instant.parse("2027-03-22T06:00:00Z"));
    }

    @Test
    void the_day_is_the_account_s_day_not_utc_s() {
        // Monday 2027-01-04 00:30 in Auckland is still Sunday in UTC; a Monday 00:00 digest is due then
        Digest mondayMidnight = Digest.weekly(DayOfWeek.MONDAY, 0, "me@example.com");
        assertThat(DigestSchedule.latestDue(
                        mondayMidnight, ZoneId.of("Pacific/Auckland"), Instant.parse("2027-01-03T11:30:00Z")))
                .isEqualTo(Instant.parse("2027-01-03T11:00:00Z"));
    }
}
