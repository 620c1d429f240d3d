package io.keepwarm.application.reports;

import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.InitiatedBy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One period of the activity report.
 *
 * @param period          {@code 2025-W09} or {@code 2025-03}
 * @param start           first instant of the period within the report's range
 * @param end             first instant after it (exclusive); adherence is evaluated at this instant
 * @param interactions    distinct interactions that occurred in the period (one with three contacts counts once)
 * @param byChannel       those interactions per channel, every channel present
 * @param byInitiatedBy   those interactions per initiator, every value present
 * @param asks            those with favor ASKED
 * @param gives           those with favor GAVE
 * @param contactsTouched distinct contacts those interactions involved
 * @param trackedContacts contacts in the going-cold view at {@code end} (cadence set, not archived, not snoozed)
 * @param adherence       share of those not OVERDUE or COLD at {@code end}, four decimals; null when none is tracked
 */
public record ActivityPeriod(
        String period,
        Instant start,
        Instant end,
        int interactions,
        Map<Channel, Integer> byChannel,
        Map<InitiatedBy, Integer> byInitiatedBy,
        int asks,
        int gives,
        int contactsTouched,
        int trackedContacts,
        BigDecimal adherence) {}
