package io.keepwarm.application.goingcold;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.keepwarm.domain.contact.GoingColdStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One row of the going-cold view (SPEC §3).
 *
 * @param daysSinceReference whole days from the reference instant to the instant assessed, as
 *     {@link io.keepwarm.domain.contact.GoingColdRules#assess} gives them: the 74 of "74 of 21 days" the page shows
 *     (not part of the API's row)
 */
public record GoingColdRow(
        UUID contactId,
        String displayName,
        String city,
        String timeZone,
        List<String> tags,
        int cadenceDays,
        Instant lastInteractionAt,
        Instant dueAt,
        @JsonIgnore long daysSinceReference,
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
        Instant snoozedUntil) {}
