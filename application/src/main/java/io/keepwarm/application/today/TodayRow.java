package io.keepwarm.application.today;

import io.keepwarm.domain.contact.GoingColdStatus;
import io.keepwarm.domain.contact.TodaysPlan;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of today's plan: the going-cold facts of the contact, the touch suggested and why.
 *
 * @param reachableToday whether the contact's reachable hours overlap the owner's today (false without a zone)
 */
public record TodayRow(
        int rank,
        UUID contactId,
        String displayName,
        String organization,
        String city,
        String timeZone,
        int cadenceDays,
        Instant lastInteractionAt,
        Instant dueAt,
        BigDecimal ratio,
        GoingColdStatus status,
        int warmth,
        int asks,
        int gives,
        int balance,
        OffsetDateTime localTime,
        Boolean reachableNow,
        boolean reachableToday,
        TodaysPlan.Touch suggestedTouch,
        String reason) {}
