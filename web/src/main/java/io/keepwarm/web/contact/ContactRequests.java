package io.keepwarm.web.contact;

import io.keepwarm.domain.contact.Cadence;
import io.keepwarm.domain.contact.api.ChannelKind;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.web.error.InvalidRequest;
import java.util.List;
import java.util.Map;

/** Request bodies of the contact endpoints. Field rules live in the domain; these only carry JSON. */
final class ContactRequests {

    private ContactRequests() {}

    /** {@code POST /api/contacts}. */
    record AddContactRequest(
            String displayName,
            String howWeMet,
            String organization,
            String role,
            String city,
            String countryCode,
            String timeZone,
            List<String> tags,
            Map<ChannelKind, String> channels,
            java.time.Instant knownSince) {

        ContactPersonalData personal() {
            return new ContactPersonalData(displayName, howWeMet, organization, role, city, channels);
        }

        ContactAttributes attributes() {
            if (tags != null && tags.contains(null)) {
                throw InvalidRequest.of("tags[" + tags.indexOf(null) + "]", "must be a string");
            }
            return new ContactAttributes(countryCode, timeZone, tags);
        }
    }

    /**
     * {@code PUT /api/contacts/{id}/cadence}: {@code everyDays}, or the name of a preset (A, B, C or D); optionally
     * {@code effectiveFrom} (when it took effect, not in the future) and {@code firstDueAt} (SPEC §2).
     */
    record CadenceRequest(
            Integer everyDays, String preset, java.time.Instant effectiveFrom, java.time.Instant firstDueAt) {

        /** The cadence asked for, in days, or a 400 naming the field. */
        int days() {
            if (everyDays != null && preset != null) {
                throw InvalidRequest.of("preset", "give everyDays or preset, not both");
            }
            if (preset != null) {
                return Cadence.preset(preset)
                        .map(Cadence::everyDays)
                        .orElseThrow(() -> InvalidRequest.of(
                                "preset", "must be one of " + String.join(", ", Cadence.PRESETS.keySet())));
            }
            if (everyDays == null) {
                throw InvalidRequest.of("everyDays", "is required (or a preset: A, B, C or D)");
            }
            return everyDays;
        }
    }

    /** {@code POST /api/contacts/{id}/snooze}. */
    record SnoozeRequest(java.time.Instant until) {}

    /** The answer to a write: which contact, at which version. */
    record ContactVersion(java.util.UUID contactId, long version) {}
}
