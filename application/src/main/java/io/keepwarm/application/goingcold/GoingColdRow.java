package io.keepwarm.application.goingcold;

import io.keepwarm.domain.contact.GoingColdStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One row of the going-cold view (SPEC §3). */
public record GoingColdRow(
        UUID contactId,
        String displayName,
        String city,
        String timeZone,
        List<String> tags,
        int cadenceDays,
        Instant lastInteractionAt,
        Instant dueAt,
        BigDecimal ratio,
        GoingColdStatus status,
        int warmth,
        boolean neverContacted,
        int asks,
        int gives,
        int balance,
        boolean askReady,
        OffsetDateTime localTime,
        Boolean reachableNow,
        Instant snoozedUntil) {

    /**
     * Whole days from the reference instant to {@code at}: the 74 of "74 of 21 days" (the ratio times the cadence,
     * as the page shows it). {@code dueAt} is the reference plus one cadence.
     */
    public long daysSinceReference(Instant at) {
        return Duration.between(dueAt.minus(Duration.ofDays(cadenceDays)), at).toDays();
    }
}
