package io.keepwarm.web.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.domain.contact.api.ChannelKind;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.DetailField;
import io.keepwarm.web.error.InvalidRequest;
import io.keepwarm.web.error.InvalidRequest.InvalidField;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON merge patch (RFC 7396) of a contact: a field that is absent stays as it is, {@code null} clears
 * it, a value replaces it; {@code channels} merges per kind. Unknown fields and wrong types are named in a 400.
 */
record ContactMergePatch(
        Set<DetailField> fields,
        ContactPersonalData personal,
        ContactAttributes attributes,
        Map<ChannelKind, String> channelChanges,
        Instant knownSince) {

    private static final Map<String, DetailField> FIELDS = Map.of(
            "displayName",
            DetailField.DISPLAY_NAME,
            "howWeMet",
            DetailField.HOW_WE_MET,
            "organization",
            DetailField.ORGANIZATION,
            "role",
            DetailField.ROLE,
            "city",
            DetailField.CITY,
            "channels",
            DetailField.CHANNELS,
            "countryCode",
            DetailField.COUNTRY_CODE,
            "timeZone",
            DetailField.TIME_ZONE,
            "tags",
            DetailField.TAGS,
            "knownSince",
            DetailField.KNOWN_SINCE);

    static ContactMergePatch read(JsonNode patch) {
        List<InvalidField> violations = new ArrayList<>();
        if (patch == null || !patch.isObject()) {
            throw InvalidRequest.of("body", "must be a JSON object");
        }
        Set<DetailField> fields = EnumSet.noneOf(DetailField.class);
        for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            DetailField field = FIELDS.get(name);
            if (field == null) {
                violations.add(new InvalidField(name, "is not a field of a contact that can be changed"));
            } else {
                fields.add(field);
            }
        }
        Map<ChannelKind, String> channelChanges = new EnumMap<>(ChannelKind.class);
        JsonNode channels = patch.get("channels");
        if (channels != null && !channels.isNull()) {
            if (!channels.isObject()) {
                violations.add(new InvalidField("channels", "must be an object of kind to handle"));
            } else {
                channels.fields().forEachRemaining(entry -> {
                    ChannelKind kind = kind(entry.getKey());
                    if (kind == null) {
                        violations.add(new InvalidField(
                                "channels." + entry.getKey(),
                                "is not a channel kind; use one of email, phone, linkedin, other"));
                    } else if (!entry.getValue().isNull() && !entry.getValue().isTextual()) {
                        violations.add(new InvalidField("channels." + entry.getKey(), "must be a string or null"));
                    } else {
                        channelChanges.put(
                                kind,
                                entry.getValue().isNull()
                                        ? null
                                        : entry.getValue().asText());
                    }
                });
            }
        } else if (channels != null) {
            // "channels": null removes every channel
            for (ChannelKind kind : ChannelKind.values()) {
                channelChanges.put(kind, null);
            }
        }
        List<String> tags = null;
        JsonNode tagsNode = patch.get("tags");
        if (tagsNode != null && !tagsNode.isNull()) {
            if (!tagsNode.isArray()) {
                violations.add(new InvalidField("tags", "must be an array of strings"));
            } else {
                tags = new ArrayList<>();
                for (int i = 0; i < tagsNode.size(); i++) {
                    if (!tagsNode.get(i).isTextual()) {
                        violations.add(new InvalidField("tags[" + i + "]", "must be a string"));
                    } else {
                        tags.add(tagsNode.get(i).asText());
                    }
                }
            }
        }
        ContactPersonalData personal = new ContactPersonalData(
                text(patch, "displayName", violations),
                text(patch, "howWeMet", violations),
                text(patch, "organization", violations),
                text(patch, "role", violations),
                text(patch, "city", violations),
                Map.of());
        ContactAttributes attributes = new ContactAttributes(
                text(patch, "countryCode", violations), text(patch, "timeZone", violations), tags);
        Instant knownSince = null;
        String knownSinceText = text(patch, "knownSince", violations);
        if (patch.has("knownSince") && patch.get("knownSince").isNull()) {
            violations.add(new InvalidField("knownSince", "must be an instant (a relationship always has a start)"));
        } else if (knownSinceText != null) {
            try {
                knownSince = Instant.parse(knownSinceText);
            } catch (DateTimeParseException e) {
                violations.add(
                        new InvalidField("knownSince", "must be an ISO-8601 instant such as 2019-05-01T00:00:00Z"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
        return new ContactMergePatch(fields, personal, attributes, channelChanges, knownSince);
    }

    private static String text(JsonNode patch, String field, List<InvalidField> violations) {
        JsonNode value = patch.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new InvalidField(field, "must be a string or null"));
            return null;
        }
        return value.asText();
    }

    private static ChannelKind kind(String name) {
        try {
            return ChannelKind.valueOf(name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
