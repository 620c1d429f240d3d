package io.keepwarm.application.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * One period of the activity report: its name, and the instants it covers, [start, end), cut to the report's
 * range. A period is a calendar week or month in the report's zone, so across a daylight-saving change it is an
 * hour shorter or longer than 7 × 24 h.
 */
public record ReportPeriod(String period, Instant start, Instant end) {

    /** The periods that cover [from, to), first to last; none when {@code from} is not before {@code to}. */
    public static List<ReportPeriod> covering(Instant from, Instant to, GroupBy groupBy, ZoneId zone) {
        List<ReportPeriod> periods = new ArrayList<>();
        if (!from.isBefore(to)) {
            return periods;
        }
        LocalDate day = groupBy.startOf(from.atZone(zone).toLocalDate());
        Instant start = day.atStartOfDay(zone).toInstant();
        while (start.isBefore(to)) {
            LocalDate nextDay = groupBy.next(day);
            Instant end = nextDay.atStartOfDay(zone).toInstant();
            periods.add(new ReportPeriod(
                    groupBy.label(day), start.isBefore(from) ? from : start, end.isAfter(to) ? to : end));
            day = nextDay;
            start = end;
        }
        return periods;
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
