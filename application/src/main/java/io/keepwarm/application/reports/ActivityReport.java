package io.keepwarm.application.reports;

import java.util.List;

/**
 * Activity per week or month over [from, to) in one zone (SPEC §4). Every period of the range is present, with
 * zeros where nothing happened.
 */
public record ActivityReport(
        java.time.Instant from, java.time.Instant to, String groupBy, String zone, List<ActivityPeriod> periods) {

    public ActivityReport {
        periods = List.copyOf(periods);
    }
}
