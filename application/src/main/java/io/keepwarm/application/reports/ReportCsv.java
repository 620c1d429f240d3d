package io.keepwarm.application.reports;

import io.keepwarm.application.csv.SpreadsheetSafeCsv;
import io.keepwarm.application.goingcold.GoingColdRow;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.InitiatedBy;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports as CSV (RFC 4180: comma separated, CRLF line ends, a field quoted when it holds a comma, quote or
 * line break, quotes doubled), with a header row. Values are written as the JSON shows them: instants in ISO-8601
 * UTC, local times with their offset as {@code 2026-03-01T09:30:00+01:00}, ratios with four decimals; an absent value is an empty field;
 * tags are joined with {@code ;}. Text that a spreadsheet would run as a formula is written as text
 * ({@link SpreadsheetSafeCsv}).
 */
public final class ReportCsv {

    /** The columns of a going-cold row, as the JSON names them (the network report, going-cold and today). */
    public static final List<String> ROW_HEADER = List.of(
            "contactId",
            "displayName",
            "city",
            "timeZone",
            "tags",
            "cadenceDays",
            "lastInteractionAt",
            "dueAt",
            "ratio",
            "status",
            "warmth",
            "neverContacted",
            "asks",
            "gives",
            "balance",
            "askReady",
            "localTime",
            "reachableNow",
            "snoozedUntil");

    public static final List<String> NETWORK_HEADER = concat(List.of("asOf", "knownAt"), ROW_HEADER);

    public static final List<String> ACTIVITY_HEADER = activityHeader();

    private ReportCsv() {}

    public static String network(NetworkReport report) {
        return write(NETWORK_HEADER, printer -> {
            for (GoingColdRow row : report.items()) {
                List<Object> values = new ArrayList<>(java.util.Arrays.asList(report.asOf(), report.knownAt()));
                values.addAll(values(row));
                printer.printRecord(values);
            }
        });
    }

    /** The cells of one going-cold row, in {@link #ROW_HEADER}'s order. */
    public static List<Object> values(GoingColdRow row) {
        return java.util.Arrays.asList(
                row.contactId(),
                row.displayName(),
                row.city(),
                row.timeZone(),
                String.join(";", row.tags()),
                row.cadenceDays(),
                row.lastInteractionAt(),
                row.dueAt(),
                row.ratio().toPlainString(),
                row.status(),
                row.warmth(),
                row.neverContacted(),
                row.asks(),
                row.gives(),
                row.balance(),
                row.askReady(),
                row.localTime() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(row.localTime()),
                row.reachableNow(),
                row.snoozedUntil());
    }

    public static List<String> concat(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return List.copyOf(all);
    }

    public static String activity(ActivityReport report) {
        return write(ACTIVITY_HEADER, printer -> {
            for (ActivityPeriod period : report.periods()) {
                List<Object> values =
                        new ArrayList<>(List.of(period.period(), period.start(), period.end(), period.interactions()));
                for (Channel channel : Channel.values()) {
                    values.add(period.byChannel().get(channel));
                }
                for (InitiatedBy initiatedBy : InitiatedBy.values()) {
                    values.add(period.byInitiatedBy().get(initiatedBy));
                }
                values.addAll(java.util.Arrays.asList(
                        period.asks(),
                        period.gives(),
                        period.contactsTouched(),
                        period.trackedContacts(),
                        period.adherence() == null ? null : period.adherence().toPlainString()));
                printer.printRecord(values);
            }
        });
    }

    private static List<String> activityHeader() {
        List<String> header = new ArrayList<>(List.of("period", "start", "end", "interactions"));
        for (Channel channel : Channel.values()) {
            header.add("byChannel." + channel);
        }
        for (InitiatedBy initiatedBy : InitiatedBy.values()) {
            header.add("byInitiatedBy." + initiatedBy);
        }
        header.addAll(List.of("asks", "gives", "contactsTouched", "trackedContacts", "adherence"));
        return List.copyOf(header);
    }

    public static String write(List<String> header, SpreadsheetSafeCsv.Rows rows) {
        return SpreadsheetSafeCsv.write(header, rows);
    }
}
