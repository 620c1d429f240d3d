package io.keepwarm.application.imports;

import java.util.List;
import java.util.Map;

/**
 * What to do with the people an import brings (SPEC §8).
 *
 * @param cadenceDays a cadence for every imported contact (null: none, unless a tag's cadence or the row's own)
 * @param tagCadences a cadence per tag, for imported contacts with that tag (after {@code tags} are added)
 * @param tags        tags to add to every imported contact
 * @param rampPerDay  at most this many never-contacted imported contacts become due per day (default 5)
 */
public record ImportOptions(Integer cadenceDays, Map<String, Integer> tagCadences, List<String> tags, int rampPerDay) {

    public static final int DEFAULT_RAMP_PER_DAY = 5;

    public ImportOptions {
        tagCadences = tagCadences == null ? Map.of() : Map.copyOf(tagCadences);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(null, Map.of(), List.of(), DEFAULT_RAMP_PER_DAY);
    }
}
