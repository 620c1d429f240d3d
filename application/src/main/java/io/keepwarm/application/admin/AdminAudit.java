package io.keepwarm.application.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.application.accounts.Caller;
import io.keepwarm.application.paging.InvalidCursor;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The admins' audit trail: what an admin did to accounts (deleting a user), with who, to whom, when and under
 * which request. A plain table like the accounts themselves (docs/adr/0005-accounts-in-plain-tables.md): it is
 * about who may use keepwarm, not about anyone's network, so it holds no contact's data.
 */
@Component
public class AdminAudit {

    public static final int DEFAULT_LIMIT = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One thing an admin did. */
    public record Entry(
            long position,
            UUID actorId,
            String action,
            UUID subjectId,
            Instant recordedAt,
            String correlationId,
            String summary,
            JsonNode data) {}

    /** A page of entries, oldest first, and the cursor of the next (null on the last page). */
    public record Page(List<Entry> items, String nextCursor) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AdminAudit(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(Caller admin, String action, UUID subjectId, String summary, Map<String, Object> data) {
        try {
            jdbc.update(
                    """
                    INSERT INTO admin_audit (actor_id, action, subject_id, recorded_at, correlation_id, summary, data)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)""",
                    admin.actorId(),
                    action,
                    subjectId,
                    Timestamp.from(clock.instant()),
                    admin.correlationId(),
                    summary,
                    JSON.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The trail, oldest first; {@code actorId} (optional) keeps one admin's entries. Cursor: the last position. */
    public Page list(UUID actorId, int limit, String cursor) {
        long after;
        try {
            after = cursor == null ? 0 : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidCursor();
        }
        if (after < 0) {
            throw new InvalidCursor();
        }
        List<Entry> rows = jdbc.query(
                """
                SELECT entry_id, actor_id, action, subject_id, recorded_at, correlation_id, summary, data::text AS data
                FROM admin_audit WHERE entry_id > ? AND (?::uuid IS NULL OR actor_id = ?::uuid)
                ORDER BY entry_id LIMIT ?""",
                (rs, n) -> {
                    try {
                        return new Entry(
                                rs.getLong("entry_id"),
                                rs.getObject("actor_id", UUID.class),
                                rs.getString("action"),
                                rs.getObject("subject_id", UUID.class),
                                rs.getTimestamp("recorded_at").toInstant(),
                                rs.getString("correlation_id"),
                                rs.getString("summary"),
                                JSON.readTree(rs.getString("data")));
                    } catch (JsonProcessingException e) {
                        throw new java.sql.SQLException("unreadable audit data", e);
                    }
                },
                after,
                actorId,
                actorId,
                limit + 1);
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<Entry> page = rows.subList(0, limit);
        return new Page(page, Long.toString(page.get(limit - 1).position()));
    }
}
