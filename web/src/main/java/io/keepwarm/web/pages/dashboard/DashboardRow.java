package io.keepwarm.web.pages.dashboard;

import io.keepwarm.application.goingcold.GoingColdRow;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A going-cold row as the dashboard shows it: the row itself (every figure comes from the going-cold query) and
 * its wording. Nothing here decides anything; it only says it.
 */
public record DashboardRow(GoingColdRow row, String statusLabel, String ratio, String localTime, String balance) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

    public static DashboardRow of(GoingColdRow row) {
        return new DashboardRow(row, statusLabel(row), ratio(row), localTime(row), balance(row));
    }

    public static String statusLabel(GoingColdRow row) {
        return switch (row.status()) {
            case WARM -> "Warm";
            case DUE_SOON -> "Due soon";
            case OVERDUE -> "Overdue";
            case COLD -> "Cold";
        };
    }

    /** "74 of 21 days"; a contact never contacted counts from the day its cadence began. */
    static String ratio(GoingColdRow row) {
        long days = row.daysSinceReference();
        return days + " of " + row.cadenceDays() + (row.cadenceDays() == 1 ? " day" : " days");
    }

    static String localTime(GoingColdRow row) {
        return row.localTime() == null ? null : CLOCK.format(row.localTime());
    }

    /** Who owes whom: gives minus asks, in words; null when neither ever happened. */
    static String balance(GoingColdRow row) {
        if (row.asks() == 0 && row.gives() == 0) {
            return null;
        }
        if (row.balance() > 0) {
            return "gave " + row.balance() + " more";
        }
        if (row.balance() < 0) {
            return "asked " + -row.balance() + " more";
        }
        return "even";
    }
}
