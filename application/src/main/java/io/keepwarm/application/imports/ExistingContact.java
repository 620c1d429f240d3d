package io.keepwarm.application.imports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What an import's matching knows of a contact already in the network. */
record ExistingContact(
        UUID contactId,
        String displayName,
        String organization,
        String role,
        String city,
        Map<String, String> channels,
        List<String> tags,
        Instant knownSince,
        boolean archived,
        Integer cadenceDays,
        boolean neverContacted) {}
