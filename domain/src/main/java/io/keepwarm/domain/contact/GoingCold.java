package io.keepwarm.domain.contact;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The going-cold assessment of one relationship at one instant, as SPEC §2 defines it.
 *
 * @param ratio the exact ratio r; {@link #roundedRatio()} is what the API shows
 * @param daysSinceReference whole days from the reference instant to the instant assessed (never negative): the
 *     74 of "74 of 21 days", the ratio times the cadence
 * @param localTime the contact's wall clock at the instant, with its offset; null without a zone
 * @param reachableNow whether that wall clock is within the account's reachable hours; null (unknown) without a zone
 */
public record GoingCold(
        Instant lastInteractionAt,
        Instant dueAt,
        long daysSinceReference,
        double ratio,
        GoingColdStatus status,
        int warmth,
        boolean neverContacted,
        int asks,
        int gives,
        int balance,
        boolean askReady,
        OffsetDateTime localTime,
        Boolean reachableNow) {

    /** The ratio rounded half-even to four decimals: stable across JVMs and runs, so reports stay byte-identical. */
    public BigDecimal roundedRatio() {
        return BigDecimal.valueOf(ratio).setScale(4, RoundingMode.HALF_EVEN);
    }
}
