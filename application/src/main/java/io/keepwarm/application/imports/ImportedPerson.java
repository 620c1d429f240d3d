package io.keepwarm.application.imports;

import java.time.Instant;
import java.util.List;

/**
 * One person as a file describes them, before matching.
 *
 * @param line      the file's line the row starts on (1-based)
 * @param sourceIds the source's own ids, as {@code kind:value} ({@code linkedin:in/ada-lovelace},
 *                  {@code vcard-uid:…}), normalised so that the same person gives the same id again
 * @param problem   why the row cannot be imported, or null
 */
public record ImportedPerson(
        long line,
        String displayName,
        String organization,
        String role,
        String city,
        List<String> emails,
        String phone,
        String linkedin,
        List<String> sourceIds,
        Instant knownSince,
        List<String> tags,
        Integer cadenceDays,
        Kept kept,
        String problem) {

    public ImportedPerson {
        emails = emails == null ? List.of() : List.copyOf(emails);
        sourceIds = sourceIds == null ? List.of() : List.copyOf(sourceIds);
        tags = tags == null ? List.of() : List.copyOf(tags);
        kept = kept == null ? Kept.NONE : kept;
    }

    /**
     * What only keepwarm's own export carries (a card of {@code GET /api/export}, docs/imports.md): the fields other
     * address books have no place for, so that an export imported again gives the same contact.
     *
     * @param cadenceEffectiveFrom when the card's cadence took effect (with {@link #cadenceDays}); null: as the import
     *                             decides (the ramp)
     * @param cadenceFirstDueAt    the cadence's first due instant; null with an effective-from: that instant
     * @param snoozedUntil         the contact was snoozed until then
     * @param archived             the contact was archived when exported
     */
    public record Kept(
            String howWeMet,
            String countryCode,
            String timeZone,
            String otherChannel,
            Instant cadenceEffectiveFrom,
            Instant cadenceFirstDueAt,
            Instant snoozedUntil,
            boolean archived) {

        public static final Kept NONE = new Kept(null, null, null, null, null, null, null, false);
    }

    static ImportedPerson failed(long line, String displayName, String problem) {
        return new ImportedPerson(
                line,
                displayName,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                List.of(),
                null,
                List.of(),
                null,
                Kept.NONE,
                problem);
    }

    public String email() {
        return emails.isEmpty() ? null : emails.get(0);
    }
}
