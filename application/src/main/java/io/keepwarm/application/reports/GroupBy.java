package io.keepwarm.application.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** How the activity report cuts time: ISO weeks (Monday to Sunday) or calendar months, in the report's zone. */
public enum GroupBy {
    WEEK {
        @Override
        LocalDate startOf(LocalDate day) {
            return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }

        @Override
        LocalDate next(LocalDate start) {
            return start.plusWeeks(1);
        }

        @Override
        String label(LocalDate start) {
            return String.format(
                    Locale.ROOT,
                    "%d-W%02d",
                    start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
    },

    MONTH {
        @Override
        LocalDate startOf(LocalDate day) {
            return day.withDayOfMonth(1);
        }

        @Override
        LocalDate next(LocalDate start) {
            return start.plusMonths(1);
        }

        @Override
        String label(LocalDate start) {
            return YearMonth.from(start).toString();
        }
    };

    /** The first day of the period that holds {@code day}. */
    abstract LocalDate startOf(LocalDate day);

    /** The first day of the period after the one starting on {@code start}. */
    abstract LocalDate next(LocalDate start);

    /** The period's name: {@code 2025-W09} (ISO week-based year and week) or {@code 2025-03}. */
    abstract String label(LocalDate start);

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code week} or {@code month}, in any case; null when it is neither. */
    public static GroupBy parse(String value) {
        for (GroupBy groupBy : values()) {
            if (groupBy.name().equalsIgnoreCase(value.strip())) {
                return groupBy;
            }
        }
        return null;
    }
}
