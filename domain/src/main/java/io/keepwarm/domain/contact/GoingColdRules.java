package io.keepwarm.domain.contact;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The going-cold rules of SPEC §2, in one place. The live going-cold projection, the replayed history
 * reports and the tests all call this class; nothing else computes a ratio, a status or a warmth.
 */
public final class GoingColdRules {

    public static final double DUE_SOON_FROM = 0.8;
    public static final double OVERDUE_FROM = 1.0;
    public static final double COLD_FROM = 2.0;
    public static final int ASK_READY_WARMTH = 50;
    public static final LocalTime REACHABLE_FROM = LocalTime.of(9, 0);
    public static final LocalTime REACHABLE_UNTIL = LocalTime.of(20, 0);

    private static final double MILLIS_PER_DAY = 86_400_000d;

    private GoingColdRules() {
    }

    /** Assesses a tracked relationship at instant {@code at}. */
    public static GoingCold assess(Relationship relationship, Instant at) {
        int cadenceDays = relationship.cadenceDays();
        Duration period = Duration.ofDays(cadenceDays);
        boolean neverContacted = relationship.lastInteractionAt() == null;
        Instant reference = neverContacted
                ? relationship.cadenceSetAt().minus(period)
                : relationship.lastInteractionAt();
        Instant dueAt = reference.plus(period);
        double ratio = Duration.between(reference, at).toMillis() / (cadenceDays * MILLIS_PER_DAY);
        int warmth = neverContacted ? 0 : warmth(ratio);
        int balance = relationship.gives() - relationship.asks();
        LocalDateTime localTime = relationship.timeZone() == null
                ? null
                : LocalDateTime.ofInstant(at, relationship.timeZone()).truncatedTo(ChronoUnit.SECONDS);
        boolean reachableNow = localTime != null
                && !localTime.toLocalTime().isBefore(REACHABLE_FROM)
                && localTime.toLocalTime().isBefore(REACHABLE_UNTIL);
        return new GoingCold(relationship.lastInteractionAt(), dueAt, ratio, status(ratio), warmth, neverContacted,
                relationship.asks(), relationship.gives(), balance,
                warmth >= ASK_READY_WARMTH && balance >= 0, localTime, reachableNow);
    }

    public static GoingColdStatus status(double ratio) {
        if (ratio >= COLD_FROM) {
            return GoingColdStatus.COLD;
        }
        if (ratio >= OVERDUE_FROM) {
            return GoingColdStatus.OVERDUE;
        }
        if (ratio >= DUE_SOON_FROM) {
            return GoingColdStatus.DUE_SOON;
        }
        return GoingColdStatus.WARM;
    }

    /** round(100 × 2^(−r)), kept within 0–100 (a ratio below zero, e.g. evaluated before the last touch, is 100). */
    public static int warmth(double ratio) {
        return (int) Math.min(100, Math.round(100 * Math.pow(2, -ratio)));
    }

    /**
     * Whether a contact appears in the going-cold view at {@code at}: it has a cadence, is neither archived nor
     * forgotten, and is not snoozed (unless snoozed contacts are asked for).
     */
    public static boolean isListed(boolean tracked, boolean archived, Instant snoozedUntil, Instant at,
                                   boolean includeSnoozed) {
        if (!tracked || archived) {
            return false;
        }
        return includeSnoozed || snoozedUntil == null || !at.isBefore(snoozedUntil);
    }

    /**
     * The view's order: coldest (highest ratio) first, ties by display name, then by contact id. Contact ids compare
     * as unsigned 128-bit numbers, which is their text order and PostgreSQL's {@code uuid} order;
     * {@link UUID#compareTo} compares signed halves and would disagree with an SQL {@code ORDER BY contact_id}.
     */
    public static <T> Comparator<T> coldestFirst(ToDoubleFunction<T> ratio, Function<T, String> displayName,
                                                 Function<T, UUID> contactId) {
        return Comparator.comparingDouble(ratio).reversed()
                .thenComparing(displayName, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(contactId, GoingColdRules::compareUnsigned);
    }

    private static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
