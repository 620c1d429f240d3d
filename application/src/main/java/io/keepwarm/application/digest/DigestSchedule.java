package io.keepwarm.application.digest;

import io.keepwarm.application.settings.AccountSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** When a weekly digest falls due: its day and hour in the account's zone. */
public final class DigestSchedule {

    private DigestSchedule() {}

    /**
     * The latest instant at or before {@code now} on the digest's day and hour in {@code zone}: the start of the
     * period whose digest is due. An hour that a DST change skips is the hour after it, as {@code atZone} shifts it.
     */
    public static Instant latestDue(AccountSettings.Digest digest, ZoneId zone, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate day = today.with(TemporalAdjusters.previousOrSame(digest.day()));
        Instant due = day.atTime(digest.hour(), 0).atZone(zone).toInstant();
        return due.isAfter(now)
                ? day.minusWeeks(1).atTime(digest.hour(), 0).atZone(zone).toInstant()
                : due;
    }
}
