package io.keepwarm.application.imports;

import java.util.List;
import java.util.UUID;

/**
 * One row of an import's plan or report.
 *
 * @param contactId the contact it creates, updates or matched (for an interaction: its first contact); null for an
 *                  error without a match
 * @param reason    why the row is an error, or left unchanged, in one sentence; null otherwise
 * @param changes   the fields an update changes (or a creation sets), by API name
 */
public record PlannedRow(
        long line, ImportOutcome outcome, UUID contactId, String displayName, String reason, List<String> changes) {

    public PlannedRow {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
