package io.keepwarm.application.reports;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports' query parameters as the API receives them (text), checked all at once: every bad field is named
 * in one 400 answer.
 */
public final class ReportParameters {

    public static final int MAX_RANGE_YEARS = 10;
    /** The zone when none is given and the account has none: UTC (an account's own zone comes first, SPEC §9). */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    public static final GroupBy DEFAULT_GROUP_BY = GroupBy.WEEK;

    private static final String INSTANT = "must be an ISO-8601 instant such as 2026-03-01T09:30:00Z";

    private ReportParameters() {}

    /** {@code reports/network}: the instant to rebuild, and the knowledge cut-off (null: everything recorded). */
    public record Network(Instant asOf, Instant knownAt) {}

    /** {@code reports/activity}: the range [from, to), the period and the zone the periods are cut in. */
    public record Activity(Instant from, Instant to, GroupBy groupBy, ZoneId zone) {}

    public static Network network(String asOf, String knownAt) {
        List<InvalidReportQuery.Parameter> violations = new ArrayList<>();
        Instant at = required("asOf", asOf, violations);
        Instant known = optional("knownAt", knownAt, violations);
        orThrow(violations);
        return new Network(at, known);
    }

    public static Activity activity(String from, String to, String groupBy, String zone) {
        return activity(from, to, groupBy, zone, DEFAULT_ZONE);
    }

    /** As {@link #activity(String, String, String, String)}, with {@code ownerZone} when no zone is given. */
    public static Activity activity(String from, String to, String groupBy, String zone, ZoneId ownerZone) {
        List<InvalidReportQuery.Parameter> violations = new ArrayList<>();
        Instant start = required("from", from, violations);
        Instant end = required("to", to, violations);
        GroupBy by = DEFAULT_GROUP_BY;
        if (groupBy != null && !groupBy.isBlank()) {
            by = GroupBy.parse(groupBy);
            if (by == null) {
                violations.add(new InvalidReportQuery.Parameter("groupBy", "must be week or month"));
            }
        }
        ZoneId zoneId = ownerZone;
        if (zone != null && !zone.isBlank()) {
            try {
                zoneId = ZoneId.of(zone.strip());
            } catch (DateTimeException e) {
                zoneId = null;
                violations.add(
                        new InvalidReportQuery.Parameter("zone", "must be an IANA time zone such as Europe/Paris"));
            }
        }
        if (start != null && end != null) {
            if (start.isAfter(end)) {
                violations.add(new InvalidReportQuery.Parameter("from", "must not be after to"));
            } else if (end.isAfter(start.atZone(zoneId == null ? DEFAULT_ZONE : zoneId)
                    .plusYears(MAX_RANGE_YEARS)
                    .toInstant())) {
                violations.add(new InvalidReportQuery.Parameter(
                        "to", "must be at most " + MAX_RANGE_YEARS + " years after from"));
            }
        }
        orThrow(violations);
        return new Activity(start, end, by, zoneId);
    }

    private static Instant required(String field, String value, List<InvalidReportQuery.Parameter> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new InvalidReportQuery.Parameter(field, "is required; " + INSTANT));
            return null;
        }
        return optional(field, value, violations);
    }

    private static Instant optional(String field, String value, List<InvalidReportQuery.Parameter> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            // An unencoded '+' of an offset arrives as a space; no instant contains a space otherwise.
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value.strip().replace(' ', '+'), Instant::from);
        } catch (DateTimeException e) {
            violations.add(new InvalidReportQuery.Parameter(field, INSTANT));
            return null;
        }
    }

    private static void orThrow(List<InvalidReportQuery.Parameter> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidReportQuery(violations);
        }
    }
}
