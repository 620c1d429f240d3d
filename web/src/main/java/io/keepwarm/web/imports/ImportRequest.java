package io.keepwarm.web.imports;

import io.keepwarm.application.imports.ImportFile;
import io.keepwarm.application.imports.ImportOptions;
import io.keepwarm.application.imports.UnreadableImport;
import io.keepwarm.domain.contact.Cadence;
import io.keepwarm.web.error.InvalidRequest;
import io.keepwarm.web.error.InvalidRequest.InvalidField;
import io.keepwarm.web.support.QueryLists;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An import as a request gives it (SPEC §8): the file, read in its media type and charset, and the options
 * ({@code cadenceDays}, {@code tags}, {@code tagCadence}, {@code rampPerDay}). {@code POST /api/imports} and the
 * imports page read their parameters here, so both accept and refuse exactly the same values with the same words.
 * Every bad option is reported at once; a file that cannot be read is the field {@code body} (the API's name for
 * it) or whatever the caller names it.
 */
public record ImportRequest(ImportFile file, ImportOptions options) {

    /** The highest {@code rampPerDay} accepted. */
    public static final int MAX_RAMP_PER_DAY = 10_000;

    /**
     * Reads the options and the file, or throws an {@link InvalidRequest} naming every bad field: the ones in
     * {@code alreadyBad} (the caller's own parameters), the options', and the file's (as {@code fileField}). The
     * file is read only when the options are good.
     */
    public static ImportRequest read(
            byte[] body,
            String mediaType,
            String charset,
            String fileField,
            String cadenceDays,
            String[] tags,
            String[] tagCadence,
            String rampPerDay,
            List<InvalidField> alreadyBad) {
        List<InvalidField> bad = new ArrayList<>(alreadyBad);
        ImportOptions options = options(cadenceDays, tags, tagCadence, rampPerDay, bad);
        if (!bad.isEmpty()) {
            throw new InvalidRequest(bad);
        }
        try {
            return new ImportRequest(ImportFile.read(body, mediaType, charset), options);
        } catch (UnreadableImport unreadable) {
            throw InvalidRequest.of(fileField, unreadable.getMessage());
        }
    }

    /** The options, each bad one added to {@code bad} (then the answer is not to be used). */
    public static ImportOptions options(
            String cadenceDays, String[] tags, String[] tagCadence, String rampPerDay, List<InvalidField> bad) {
        Integer cadence = cadence("cadenceDays", cadenceDays, bad);
        List<String> tagList = List.of();
        if (tags != null) {
            try {
                tagList = QueryLists.items("tags", tags);
            } catch (InvalidRequest invalid) {
                bad.addAll(invalid.fields());
            }
        }
        Map<String, Integer> tagCadences = new LinkedHashMap<>();
        if (tagCadence != null) {
            List<String> given = List.of();
            try {
                given = QueryLists.items("tagCadence", tagCadence);
            } catch (InvalidRequest invalid) {
                bad.addAll(invalid.fields());
            }
            for (String one : given) {
                int colon = one.lastIndexOf(':');
                if (colon <= 0) {
                    bad.add(new InvalidField("tagCadence", "must be tag:days, e.g. mentor:21"));
                    continue;
                }
                Integer days = cadence("tagCadence", one.substring(colon + 1), bad);
                if (days != null) {
                    tagCadences.put(one.substring(0, colon).strip().toLowerCase(Locale.ROOT), days);
                }
            }
        }
        int ramp = ImportOptions.DEFAULT_RAMP_PER_DAY;
        if (rampPerDay != null) {
            try {
                ramp = Integer.parseInt(rampPerDay.strip());
                if (ramp < 1 || ramp > MAX_RAMP_PER_DAY) {
                    bad.add(new InvalidField("rampPerDay", "must be between 1 and " + MAX_RAMP_PER_DAY));
                }
            } catch (NumberFormatException e) {
                bad.add(new InvalidField("rampPerDay", "must be a whole number"));
            }
        }
        return new ImportOptions(cadence, tagCadences, tagList, ramp);
    }

    private static Integer cadence(String field, String value, List<InvalidField> bad) {
        if (value == null) {
            return null;
        }
        try {
            int days = Integer.parseInt(value.strip());
            if (!Cadence.isValid(days)) {
                bad.add(new InvalidField(field, "must be between " + Cadence.MIN_DAYS + " and " + Cadence.MAX_DAYS));
                return null;
            }
            return days;
        } catch (NumberFormatException e) {
            bad.add(new InvalidField(field, "must be a whole number of days"));
            return null;
        }
    }
}
