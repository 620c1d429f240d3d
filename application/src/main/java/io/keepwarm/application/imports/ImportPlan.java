package io.keepwarm.application.imports;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An import's plan: per row what it does, and for the rows that change something the action a commit sends.
 *
 * @param actions by line, for the rows planned as CREATE or UPDATE
 */
public record ImportPlan(ImportFormat format, List<PlannedRow> rows, Map<Long, RowAction> actions) {

    public ImportPlan {
        rows = List.copyOf(rows);
        actions = Map.copyOf(actions);
    }

    public Map<ImportOutcome, Integer> counts() {
        Map<ImportOutcome, Integer> counts = new EnumMap<>(ImportOutcome.class);
        for (ImportOutcome outcome : ImportOutcome.values()) {
            counts.put(outcome, 0);
        }
        rows.forEach(row -> counts.merge(row.outcome(), 1, Integer::sum));
        return counts;
    }
}
