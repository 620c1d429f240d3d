package io.keepwarm.domain.contact;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The going-cold rules of SPEC §2, in one place. The live going-cold projection, the replayed history
 * reports and the tests all call this class; nothing else computes a ratio, a status or a warmth.
 */
public final class GoingColdRules {

    public static final double DUE_SOON_FROM = 0.8;
    public static final double OVERDUE_FROM = 1.0;
    public static final double COLD_FROM = 2.0;
    public static final int ASK_READY_WARMTH = 50;

    /**
     * The thresholds as seconds per cadence day: 0.8, 1 and 2 × 86,400 s are whole numbers of seconds, so a status
     * is decided by comparing durations exactly, and the references with a given status at a given instant form
     * ranges with exact ends ({@link #referenceRanges}).
     */
    static final long DUE_SOON_SECONDS_PER_DAY = 69_120;

    static final long OVERDUE_SECONDS_PER_DAY = 86_400;
    static final long COLD_SECONDS_PER_DAY = 172_800;

    private static final double MILLIS_PER_DAY = 86_400_000d;

    private GoingColdRules() {}

    /** Assesses a tracked relationship at instant {@code at}, reachable within the default hours (SPEC §9). */
    public static GoingCold assess(Relationship relationship, Instant at) {
        return assess(relationship, at, ReachableHours.DEFAULT);
    }

    /**
     * Assesses a tracked relationship at instant {@code at}. {@code reachableNow} is the contact's wall clock within
     * the account's {@code reachable} hours and days; unknown (null) for a contact without a zone (SPEC §9).
     */
    public static GoingCold assess(Relationship relationship, Instant at, ReachableHours reachable) {
        int cadenceDays = relationship.cadenceDays();
        boolean neverContacted = relationship.lastInteractionAt() == null;
        Instant reference = reference(cadenceDays, relationship.cadenceSetAt(), relationship.lastInteractionAt());
        Instant dueAt = reference.plus(Duration.ofDays(cadenceDays));
        Duration elapsed = elapsed(reference, at);
        double ratio = elapsed.toMillis() / (cadenceDays * MILLIS_PER_DAY);
        int warmth = neverContacted ? 0 : warmth(ratio);
        int balance = relationship.gives() - relationship.asks();
        ZonedDateTime local = relationship.timeZone() == null
                ? null
                : at.atZone(relationship.timeZone()).truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime localTime = local == null ? null : local.toOffsetDateTime();
        Boolean reachableNow = local == null ? null : reachable.contains(local);
        return new GoingCold(
                relationship.lastInteractionAt(),
                dueAt,
                elapsed.toDays(),
                ratio,
                status(elapsed, cadenceDays),
                warmth,
                neverContacted,
                relationship.asks(),
                relationship.gives(),
                balance,
                warmth >= ASK_READY_WARMTH && balance >= 0,
                localTime,
                reachableNow);
    }

    /**
     * The reference instant {@code ref} of SPEC §2: the last interaction, or for a relationship never contacted its
     * {@code firstDueAt} less one cadence (so it is due the moment its cadence takes effect, or on the day an import's
     * ramp chose). For one cadence, the earlier the reference, the higher the ratio: what lets the database hand out
     * a cadence's coldest first.
     *
     * @param firstDueAt when the cadence takes effect: its explicit {@code firstDueAt}, else its
     *                   {@code effectiveFrom}, else the instant it was set
     */
    public static Instant reference(int cadenceDays, Instant firstDueAt, Instant lastInteractionAt) {
        return lastInteractionAt != null ? lastInteractionAt : firstDueAt.minus(Duration.ofDays(cadenceDays));
    }

    /** The ratio r at {@code at} as an exact fraction, for ordering (the shown ratio is a rounded double). */
    public static ExactRatio exactRatio(Instant reference, int cadenceDays, Instant at) {
        return new ExactRatio(elapsed(reference, at), cadenceDays);
    }

    /**
     * The time since the reference, never negative: asked about an instant before it (before the last touch, or
     * before a ramped first due date less one cadence) a relationship is at ratio 0, as warm as it gets, so no ratio
     * is ever negative.
     */
    private static Duration elapsed(Instant reference, Instant at) {
        Duration elapsed = Duration.between(reference, at);
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }

    /**
     * Whether a relationship is known at {@code at}: it began ({@code knownSince}) at or before it. A relationship
     * not yet begun is in no view and no report of that instant. Null (no start recorded) is always known.
     */
    public static boolean isKnownAt(Instant knownSince, Instant at) {
        return knownSince == null || !knownSince.isAfter(at);
    }

    /** The status after {@code elapsed} since the reference, decided exactly (no floating point). */
    public static GoingColdStatus status(Duration elapsed, int cadenceDays) {
        if (elapsed.compareTo(threshold(COLD_SECONDS_PER_DAY, cadenceDays)) >= 0) {
            return GoingColdStatus.COLD;
        }
        if (elapsed.compareTo(threshold(OVERDUE_SECONDS_PER_DAY, cadenceDays)) >= 0) {
            return GoingColdStatus.OVERDUE;
        }
        if (elapsed.compareTo(threshold(DUE_SOON_SECONDS_PER_DAY, cadenceDays)) >= 0) {
            return GoingColdStatus.DUE_SOON;
        }
        return GoingColdStatus.WARM;
    }

    /**
     * The references that give one of {@code statuses} at {@code at} with a cadence of {@code cadenceDays}, as
     * disjoint ranges, latest references first: a status holds from its threshold on, so
     * {@code ref ≤ at − from × c} and {@code ref > at − (next threshold) × c}. Adjacent statuses share a range; at
     * most two ranges come out (e.g. for WARM and OVERDUE). A query can turn each range into an index range.
     */
    public static List<ReferenceRange> referenceRanges(Set<GoingColdStatus> statuses, int cadenceDays, Instant at) {
        List<ReferenceRange> ranges = new ArrayList<>();
        Instant notAfter = null;
        boolean open = false;
        for (GoingColdStatus status : GoingColdStatus.values()) {
            if (statuses.contains(status) && !open) {
                notAfter = latestReference(status, cadenceDays, at);
                open = true;
            } else if (!statuses.contains(status) && open) {
                ranges.add(new ReferenceRange(latestReference(status, cadenceDays, at), notAfter));
                open = false;
            }
        }
        if (open) {
            ranges.add(new ReferenceRange(null, notAfter));
        }
        return ranges;
    }

    /**
     * For relationships never contacted: the instants their cadence may have been set at to have one of
     * {@code statuses} at {@code at}. Their reference is that instant less one cadence ({@link #reference}), so these
     * are the {@linkplain #referenceRanges reference ranges} one cadence later. (For a contacted relationship the
     * reference is the last interaction, and the reference ranges apply to it as they are.)
     */
    public static List<ReferenceRange> cadenceSetRanges(Set<GoingColdStatus> statuses, int cadenceDays, Instant at) {
        Duration cadence = Duration.ofDays(cadenceDays);
        return referenceRanges(statuses, cadenceDays, at).stream()
                .map(range -> new ReferenceRange(
                        range.after() == null ? null : range.after().plus(cadence),
                        range.notAfter() == null ? null : range.notAfter().plus(cadence)))
                .toList();
    }

    /**
     * An instant before every reference whose ratio at {@code at} with a cadence of {@code cadenceDays} is at most
     * {@code ratio}: {@code ref ≥ at − ratio × c}, rounded earlier. A page after a row of that ratio lies within
     * {@code (bound, …]} of each cadence (what the page's index ranges start from); the order itself decides exactly.
     */
    public static Instant referenceBoundAfter(ExactRatio ratio, int cadenceDays, Instant at) {
        BigInteger nanos = BigInteger.valueOf(ratio.elapsed().getSeconds())
                .multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(ratio.elapsed().getNano()))
                .multiply(BigInteger.valueOf(cadenceDays));
        BigInteger[] divided = nanos.divideAndRemainder(BigInteger.valueOf(ratio.cadenceDays()));
        BigInteger ceiling = divided[1].signum() > 0 ? divided[0].add(BigInteger.ONE) : divided[0];
        BigInteger[] seconds = ceiling.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
        try {
            return at.minusSeconds(seconds[0].longValueExact())
                    .minusNanos(seconds[1].longValue())
                    .minusNanos(1);
        } catch (ArithmeticException | DateTimeException beyond) {
            return Instant.MIN;
        }
    }

    /** The latest reference that has {@code status} or a colder one at {@code at}; null for WARM (any reference). */
    private static Instant latestReference(GoingColdStatus status, int cadenceDays, Instant at) {
        return switch (status) {
            case WARM -> null;
            case DUE_SOON -> at.minus(threshold(DUE_SOON_SECONDS_PER_DAY, cadenceDays));
            case OVERDUE -> at.minus(threshold(OVERDUE_SECONDS_PER_DAY, cadenceDays));
            case COLD -> at.minus(threshold(COLD_SECONDS_PER_DAY, cadenceDays));
        };
    }

    private static Duration threshold(long secondsPerDay, int cadenceDays) {
        return Duration.ofSeconds(secondsPerDay * cadenceDays);
    }

    /** round(100 × 2^(−r)), kept within 0–100 (a ratio below zero, e.g. evaluated before the last touch, is 100). */
    public static int warmth(double ratio) {
        return (int) Math.min(100, Math.round(100 * Math.pow(2, -ratio)));
    }

    /**
     * Whether a contact appears in the going-cold view at {@code at}: it has a cadence, is neither archived nor
     * forgotten, and is not snoozed (unless snoozed contacts are asked for).
     */
    public static boolean isListed(
            boolean tracked, boolean archived, Instant snoozedUntil, Instant at, boolean includeSnoozed) {
        if (!tracked || archived) {
            return false;
        }
        return includeSnoozed || snoozedUntil == null || !at.isBefore(snoozedUntil);
    }

    /**
     * The view's order: coldest (highest ratio) first, ties by display name in {@link NameOrder} (the read model's
     * {@code sort_key}), then by contact id. Contact ids compare
     * as unsigned 128-bit numbers, which is their text order and PostgreSQL's {@code uuid} order;
     * {@link UUID#compareTo} compares signed halves and would disagree with an SQL {@code ORDER BY contact_id}.
     */
    public static <T> Comparator<T> coldestFirst(
            Function<T, ExactRatio> ratio, Function<T, String> displayName, Function<T, UUID> contactId) {
        return coldestFirstByNameKey(
                ratio,
                row -> {
                    String name = displayName.apply(row);
                    return name == null ? null : NameOrder.key(name);
                },
                contactId);
    }

    /**
     * The same order as {@link #coldestFirst}, for rows that know their name's {@link NameOrder#key} (computed once
     * per row instead of twice per comparison that ties on the ratio; null for no name, which sorts last).
     */
    public static <T> Comparator<T> coldestFirstByNameKey(
            Function<T, ExactRatio> ratio, Function<T, byte[]> nameKey, Function<T, UUID> contactId) {
        return Comparator.comparing(ratio)
                .reversed()
                .thenComparing(nameKey, NameOrder.KEYS)
                .thenComparing(contactId, GoingColdRules::compareUnsigned);
    }

    static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /**
     * The ratio r = elapsed / (c × 24 h) kept as the fraction it is, so two ratios compare exactly: two references
     * of one cadence compare as the references do, and no rounding makes different ratios tie.
     */
    public record ExactRatio(Duration elapsed, int cadenceDays) implements Comparable<ExactRatio> {

        public GoingColdStatus status() {
            return GoingColdRules.status(elapsed, cadenceDays);
        }

        private static final long NANOS_PER_SECOND = 1_000_000_000L;

        /**
         * elapsed × c′ against elapsed′ × c, in whole seconds and the nanoseconds beyond them, without allocating (a
         * page of the view sorts hundreds of candidates); big integers only past the long range.
         */
        @Override
        public int compareTo(ExactRatio other) {
            long nanos = elapsed.getNano() * (long) other.cadenceDays;
            long otherNanos = other.elapsed.getNano() * (long) cadenceDays;
            try {
                long seconds = Math.addExact(
                        Math.multiplyExact(elapsed.getSeconds(), (long) other.cadenceDays), nanos / NANOS_PER_SECOND);
                long otherSeconds = Math.addExact(
                        Math.multiplyExact(other.elapsed.getSeconds(), (long) cadenceDays),
                        otherNanos / NANOS_PER_SECOND);
                int bySeconds = Long.compare(seconds, otherSeconds);
                return bySeconds != 0
                        ? bySeconds
                        : Long.compare(nanos % NANOS_PER_SECOND, otherNanos % NANOS_PER_SECOND);
            } catch (ArithmeticException beyondLong) {
                return inNanos(elapsed, other.cadenceDays).compareTo(inNanos(other.elapsed, cadenceDays));
            }
        }

        private static BigInteger inNanos(Duration duration, int factor) {
            return BigInteger.valueOf(duration.getSeconds())
                    .multiply(BigInteger.valueOf(NANOS_PER_SECOND))
                    .add(BigInteger.valueOf(duration.getNano()))
                    .multiply(BigInteger.valueOf(factor));
        }
    }

    /**
     * References {@code ref} with {@code after < ref ≤ notAfter}; a null end is unbounded.
     */
    public record ReferenceRange(Instant after, Instant notAfter) {

        public boolean contains(Instant reference) {
            return (after == null || reference.isAfter(after)) && (notAfter == null || !reference.isAfter(notAfter));
        }
    }
}
