package io.keepwarm.application.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.application.eventstore.ProjectionBatch;
import io.keepwarm.application.paging.InvalidCursor;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.OwnerId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the audit trail oldest first, keyset-paged by position; every query has the owner in its predicate. */
@Component
public class HistoryQueries {

    public static final int DEFAULT_LIMIT = 50;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            position, event_id, type, contact_id, recorded_at, occurred_at, actor_id, correlation_id, summary,
            data::text AS data""";

    private final JdbcTemplate jdbc;

    public HistoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public HistoryPage ofContact(OwnerId ownerId, ContactId contactId, int limit, String cursor) {
        return page("owner_id = ? AND contact_id = ?", List.of(ownerId.value(), contactId.value()), limit, cursor);
    }

    public HistoryPage ofOwner(OwnerId ownerId, Instant since, int limit, String cursor) {
        List<Object> args = new ArrayList<>(List.of(ownerId.value()));
        String where = "owner_id = ?";
        if (since != null) {
            where += " AND recorded_at >= ?";
            args.add(ProjectionBatch.ts(since));
        }
        return page(where, args, limit, cursor);
    }

    private HistoryPage page(String where, List<Object> fixedArgs, int limit, String cursor) {
        List<Object> args = new ArrayList<>(fixedArgs);
        args.add(cursor == null ? -1L : decode(cursor));
        args.add(limit + 1);
        List<HistoryEntry> rows = jdbc.query(
                "SELECT " + COLUMNS + " FROM history_entry WHERE " + where
                        + " AND position > ? ORDER BY position LIMIT ?",
                HistoryQueries::entry,
                args.toArray());
        if (rows.size() <= limit) {
            return new HistoryPage(rows, null);
        }
        List<HistoryEntry> page = rows.subList(0, limit);
        return new HistoryPage(page, Long.toString(page.get(limit - 1).position()));
    }

    private static long decode(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidCursor();
        }
    }

    private static HistoryEntry entry(ResultSet rs, int row) throws SQLException {
        try {
            return new HistoryEntry(
                    rs.getLong("position"),
                    rs.getString("event_id"),
                    rs.getString("type"),
                    rs.getObject("contact_id", UUID.class),
                    rs.getTimestamp("recorded_at").toInstant(),
                    rs.getTimestamp("occurred_at") == null
                            ? null
                            : rs.getTimestamp("occurred_at").toInstant(),
                    rs.getString("actor_id"),
                    rs.getString("correlation_id"),
                    rs.getString("summary"),
                    JSON.readTree(rs.getString("data")));
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable history data", e);
        }
    }
}
