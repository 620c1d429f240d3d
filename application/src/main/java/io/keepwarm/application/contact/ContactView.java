package io.keepwarm.application.contact;

import io.keepwarm.application.goingcold.GoingColdRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One contact as the owner sees it: details, lifecycle, version, when the relationship began, and — when tracked — its going-cold row.
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
        GoingColdRow goingCold,
        Instant knownSince) {}
