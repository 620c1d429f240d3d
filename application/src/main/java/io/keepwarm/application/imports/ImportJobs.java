package io.keepwarm.application.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.application.accounts.Caller;
import io.keepwarm.application.eventstore.StoredMessageMapper;
import io.keepwarm.domain.contact.api.OwnerId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The import jobs' tables (V26): jobs, their per-row plan and report, and claims across nodes. */
@Component
public class ImportJobs {

    /** A job whose node has not beaten for this long is taken over by another (or the restarted) node. */
    static final int STALE_SECONDS = 30;

    private static final ObjectMapper JSON = StoredMessageMapper.create();

    private final JdbcTemplate jdbc;

    public ImportJobs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A claimed job: whose it is. */
    record Claimed(UUID importId, Caller caller, ImportFormat format) {}

    /** A row still to do, with its action. */
    record Pending(long line, RowAction action) {}

    /**
     * Stores the job and its rows in one transaction: a node's watcher claims queued jobs every few seconds, and one
     * that claimed the job between the two inserts would find no rows to do and complete it with none in.
     */
    @Transactional
    public void create(UUID importId, Caller caller, ImportPlan plan, Instant now) {
        jdbc.update(
                """
                INSERT INTO import_job (import_id, owner_id, actor_id, correlation_id, format, state, total_rows,
                                        work_rows, created_at)
                VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?)""",
                importId,
                caller.ownerId().value(),
                caller.actorId(),
                caller.correlationId(),
                plan.format().name(),
                plan.rows().size(),
                plan.actions().size(),
                OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
        List<PlannedRow> rows = plan.rows();
        int size = rows.size();
        Long[] lines = new Long[size];
        String[] outcomes = new String[size];
        UUID[] contacts = new UUID[size];
        String[] reasons = new String[size];
        String[] changes = new String[size];
        String[] actions = new String[size];
        Boolean[] done = new Boolean[size];
        for (int i = 0; i < size; i++) {
            PlannedRow row = rows.get(i);
            RowAction action = plan.actions().get(row.line());
            lines[i] = row.line();
            outcomes[i] = row.outcome().name();
            contacts[i] = row.contactId();
            reasons[i] = row.reason();
            changes[i] = String.join("\u001f", row.changes());
            actions[i] = action == null ? null : json(action);
            done[i] = action == null;
        }
        jdbc.update("""
                INSERT INTO import_row (import_id, line, outcome, contact_id, reason, changes, action, done)
                SELECT ?, t.line, t.outcome, t.contact_id, t.reason,
                       CASE WHEN t.changes = '' THEN '{}' ELSE string_to_array(t.changes, chr(31)) END,
                       t.action::jsonb, t.done
                FROM unnest(?::bigint[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::boolean[])
                     AS t(line, outcome, contact_id, reason, changes, action, done)""", importId, lines, outcomes, contacts, reasons, changes, actions, done);
    }

    /** Claims the job if it is queued, or running on a node that stopped beating; empty if another node has it. */
    Optional<Claimed> claim(UUID importId, String node) {
        return jdbc
                .query(
                        """
                        UPDATE import_job SET state = 'RUNNING', claimed_by = ?, heartbeat_at = now(),
                                              started_at = coalesce(started_at, now())
                        WHERE import_id = ? AND (state = 'QUEUED' OR (state = 'RUNNING'
                              AND heartbeat_at < now() - make_interval(secs => ?)))
                        RETURNING import_id, owner_id, actor_id, correlation_id, format""",
                        (rs, n) -> new Claimed(
                                rs.getObject("import_id", UUID.class),
                                new Caller(
                                        new OwnerId(rs.getObject("owner_id", UUID.class)),
                                        rs.getObject("actor_id", UUID.class),
                                        rs.getString("correlation_id")),
                                ImportFormat.valueOf(rs.getString("format"))),
                        node,
                        importId,
                        STALE_SECONDS)
                .stream()
                .findFirst();
    }

    /** Jobs no node works on: queued, or running with a stale heartbeat. */
    List<UUID> unclaimed() {
        return jdbc.queryForList("""
                SELECT import_id FROM import_job
                WHERE state = 'QUEUED' OR (state = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?))
                ORDER BY created_at LIMIT 10""", UUID.class, STALE_SECONDS);
    }

    /**
     * The next rows still to do after {@code afterLine}, in line order: a job walks its rows forward with the last
     * line it read, so each chunk's read starts where the last one ended (not over the rows already done).
     */
    List<Pending> pending(UUID importId, long afterLine, int limit) {
        return jdbc.query(
                """
                SELECT line, action::text FROM import_row
                WHERE import_id = ? AND NOT done AND line > ? ORDER BY line LIMIT ?""", (rs, n) -> new Pending(rs.getLong(1), action(rs.getString(2))), importId, afterLine, limit);
    }

    /** Marks rows in (in the transaction that appended their events) and beats the job's heartbeat. */
    void done(UUID importId, List<Long> lines) {
        jdbc.update(
                "UPDATE import_row SET done = TRUE, action = NULL WHERE import_id = ? AND line = ANY(?::bigint[])",
                importId,
                lines.toArray(Long[]::new));
        jdbc.update(
                "UPDATE import_job SET done_rows = done_rows + ?, heartbeat_at = now() WHERE import_id = ?",
                lines.size(),
                importId);
    }

    /** A row that could not go in after all (its contact changed since the plan): it becomes an error. */
    void failed(UUID importId, long line, String reason) {
        jdbc.update("""
                UPDATE import_row SET done = TRUE, action = NULL, outcome = 'ERROR', reason = ?
                WHERE import_id = ? AND line = ?""", reason, importId, line);
        jdbc.update(
                "UPDATE import_job SET done_rows = done_rows + 1, heartbeat_at = now() WHERE import_id = ?", importId);
    }

    void finish(UUID importId, String failure) {
        jdbc.update("""
                UPDATE import_job SET state = ?, finished_at = now(), failure = ?, heartbeat_at = now()
                WHERE import_id = ?""", failure == null ? "COMPLETED" : "FAILED", failure, importId);
        jdbc.update("UPDATE import_row SET action = NULL WHERE import_id = ? AND action IS NOT NULL", importId);
    }

    Optional<ImportStatus> status(OwnerId owner, UUID importId) {
        List<ImportStatus> jobs = jdbc.query("""
                SELECT import_id, state, format, work_rows, done_rows, created_at, started_at, finished_at, failure
                FROM import_job WHERE import_id = ? AND owner_id = ?""", (rs, n) -> status(rs, rows(importId)), importId, owner.value());
        return jobs.stream().findFirst();
    }

    private List<ImportStatus.ReportRow> rows(UUID importId) {
        return jdbc.query(
                "SELECT line, outcome, contact_id, reason, changes, done FROM import_row WHERE import_id = ? ORDER BY line",
                (rs, n) -> new ImportStatus.ReportRow(
                        rs.getLong(1),
                        ImportOutcome.valueOf(rs.getString(2)),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        Arrays.asList((String[]) rs.getArray(5).getArray()),
                        rs.getBoolean(6)),
                importId);
    }

    private static ImportStatus status(ResultSet rs, List<ImportStatus.ReportRow> rows) throws SQLException {
        int work = rs.getInt("work_rows");
        int doneRows = rs.getInt("done_rows");
        String state = rs.getString("state");
        Map<ImportOutcome, Integer> counts = new EnumMap<>(ImportOutcome.class);
        for (ImportOutcome outcome : ImportOutcome.values()) {
            counts.put(outcome, 0);
        }
        rows.forEach(row -> counts.merge(row.outcome(), 1, Integer::sum));
        BigDecimal progress = work == 0 || "COMPLETED".equals(state)
                ? BigDecimal.valueOf(100).setScale(1)
                : BigDecimal.valueOf(100.0 * Math.min(doneRows, work) / work).setScale(1, RoundingMode.DOWN);
        return new ImportStatus(
                rs.getObject("import_id", UUID.class),
                state,
                ImportFormat.valueOf(rs.getString("format")).label(),
                progress,
                counts,
                (int) rows.stream().filter(ImportStatus.ReportRow::done).count(),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getString("failure"),
                new ArrayList<>(rows));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String json(RowAction action) {
        try {
            return JSON.writeValueAsString(action);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RowAction action(String json) {
        try {
            return JSON.readValue(json, RowAction.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an import row's action cannot be read", e);
        }
    }
}
