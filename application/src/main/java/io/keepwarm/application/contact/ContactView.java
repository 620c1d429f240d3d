package io.keepwarm.application.contact;

import io.keepwarm.application.goingcold.GoingColdRow;
import io.keepwarm.domain.contact.InteractionTally;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One contact as the owner sees it: details, lifecycle, version, when the relationship began, its interactions'
 * tally (which needs no cadence) and — when tracked — its going-cold row. The list and the single read build it the
 * same way ({@link ContactQueries}), so a row of the list and the contact itself never disagree.
 */
public record ContactView(
        UUID contactId,
        String displayName,
        String howWeMet,
        String organization,
        String role,
        String city,
        String countryCode,
        String timeZone,
        List<String> tags,
        Map<String, String> channels,
        boolean archived,
        Instant addedAt,
        Instant updatedAt,
        long version,
        Integer cadenceDays,
        Instant snoozedUntil,
        InteractionTally interactions,
        GoingColdRow goingCold,
        Instant knownSince) {}
