package io.keepwarm.domain.contact;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When an account's owner reaches out (SPEC §9): the hours of a day, [from, until), and the days of the week. A
 * contact is reachable when its own wall clock, in its own zone, is within these hours on one of these days.
 */
public record ReachableHours(LocalTime from, LocalTime until, Set<DayOfWeek> days) {

    /** 09:00–20:00, Monday to Friday. */
    public static final ReachableHours DEFAULT = new ReachableHours(
            LocalTime.of(9, 0),
            LocalTime.of(20, 0),
            EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY));

    public ReachableHours {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("reachable hours must start before they end");
        }
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("reachable days must hold at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** Whether a wall-clock time (with its day) is within these hours on one of these days. */
    public boolean contains(ZonedDateTime local) {
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(until);
    }

    /**
     * Whether a contact in {@code contactZone} is reachable at some moment of the owner's day {@code ownerDate}:
     * the owner's hours that day, in the owner's zone, overlap the contact's hours on one of the contact's reachable
     * days, in the contact's zone. The owner's day is the date as the owner lives it, so across the date line the
     * contact's matching day may be the day before or after.
     */
    public boolean reachableDuring(LocalDate ownerDate, ZoneId ownerZone, ZoneId contactZone) {
        Instant start = ownerDate.atTime(from).atZone(ownerZone).toInstant();
        Instant end = ownerDate.atTime(until).atZone(ownerZone).toInstant();
        for (int offset = -2; offset <= 2; offset++) {
            LocalDate contactDate = ownerDate.plusDays(offset);
            if (!days.contains(contactDate.getDayOfWeek())) {
                continue;
            }
            Instant contactStart = contactDate.atTime(from).atZone(contactZone).toInstant();
            Instant contactEnd = contactDate.atTime(until).atZone(contactZone).toInstant();
            if (contactStart.isBefore(end) && start.isBefore(contactEnd)) {
                return true;
            }
        }
        return false;
    }
}
