package io.keepwarm.application.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An import as {@code GET /api/imports/{id}} shows it: its state ({@code QUEUED}, {@code RUNNING},
 * {@code COMPLETED}, {@code FAILED}), progress over the rows that change something, counts per outcome, and the
 * per-row report (each row's line, outcome, contact and reason; the rows with {@code done} false are not in yet).
 */
public record ImportStatus(
        UUID importId,
        String state,
        String format,
        BigDecimal progressPercent,
        Map<ImportOutcome, Integer> counts,
        int rowsIn,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String failure,
        List<ReportRow> rows) {

    /** One row of the report. */
    public record ReportRow(
            long line, ImportOutcome outcome, UUID contactId, String reason, List<String> changes, boolean done) {}
}
