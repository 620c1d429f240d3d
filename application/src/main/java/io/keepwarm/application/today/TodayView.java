package io.keepwarm.application.today;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Today's plan at {@code at}: {@code date} is the owner's today in the owner's {@code timeZone}. */
public record TodayView(Instant at, LocalDate date, String timeZone, List<TodayRow> items) {}
