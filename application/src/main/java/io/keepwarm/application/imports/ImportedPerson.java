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
        String problem) {

    public ImportedPerson {
        emails = emails == null ? List.of() : List.copyOf(emails);
        sourceIds = sourceIds == null ? List.of() : List.copyOf(sourceIds);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    static ImportedPerson failed(long line, String displayName, String problem) {
        return new ImportedPerson(
                line, displayName, null, null, null, List.of(), null, null, List.of(), null, List.of(), null, problem);
    }

    public String email() {
        return emails.isEmpty() ? null : emails.get(0);
    }
}
