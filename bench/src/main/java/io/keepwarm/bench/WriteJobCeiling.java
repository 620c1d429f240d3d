package io.keepwarm.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling for the write job itself (issue 16): what one logged interaction has to write, done by hand in one
 * JDBC transaction per write — the event row, the interaction-registry row, and the rows of the three read models
 * (a going-cold interaction row and the contact's going-cold row moved, the contact view's version raised, a
 * history entry) — and, as its last statement, the owner's history position (SPEC §3): the owner's counter row
 * advanced and its value written to the event and the history entry, so one owner's transactions hold that row
 * from that statement to their commit, as the job has to (a position is monotonic in commit order). At the same
 * concurrency as the HTTP writes, each client writing as one of the given owners (client c as owner c mod n).
 *
 * <p>Its tables are scratch copies ({@code LIKE … INCLUDING INDEXES}) of the real ones, and each row is a copy of a
 * real row the server wrote during the warm-up with fresh values in every column of a unique index (the owner and
 * the event's id excepted: the client's owner, one id for the event and its entry), so the ceiling follows the
 * schema as it changes instead of a second copy of it.
 */
final class WriteJobCeiling {

    /** A real table and what one write does to it. */
    private record Target(String table, boolean insert) {}

    private static final List<Target> TARGETS = List.of(
            new Target("domain_event_entry", true),
            new Target("interaction_registry", true),
            new Target("going_cold_interaction", true),
            new Target("going_cold", false),
            new Target("contact_view", false),
            new Target("history_entry", true));

    /** The last statement of a write: the owner's next position, into the event row and the history entry. */
    private static final String POSITION = """
            WITH p AS (INSERT INTO bench_job_owner_event_position AS o (owner_id, last_position) VALUES (?, 1)
                       ON CONFLICT (owner_id) DO UPDATE SET last_position = o.last_position + 1
                       RETURNING last_position),
                 e AS (UPDATE bench_job_domain_event_entry SET owner_position = (SELECT last_position FROM p)
                       WHERE event_identifier = ?)
            UPDATE bench_job_history_entry SET position = (SELECT last_position FROM p) WHERE event_id = ?""";

    private final List<Prepared> prepared;

    private WriteJobCeiling(List<Prepared> prepared) {
        this.prepared = prepared;
    }

    /** One scratch table, the statement a write runs on it, the sample row it starts from, rows per owner. */
    private record Prepared(
            String scratch,
            String sql,
            List<String> columns,
            List<Object> sample,
            Set<String> fresh,
            Map<UUID, List<UUID>> rows) {}

    static String description() {
        return "the write's own rows by hand in one JDBC transaction per write (event, interaction registry, "
                + "going-cold row and interaction, contact view, history entry, the owner's position last)";
    }

    /**
     * Creates the scratch tables from the real ones; needs one row the server wrote for {@code owners.get(0)} in
     * each, and the going-cold and contact-view rows of every owner.
     */
    static WriteJobCeiling prepare(Bench bench, String database, List<UUID> owners) throws Exception {
        UUID owner = owners.get(0);
        String ownerList =
                String.join(", ", owners.stream().map(o -> "'" + o + "'").toList());
        List<Prepared> prepared = new ArrayList<>();
        try (Connection connection = bench.postgres().connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_job_owner_event_position");
            statement.execute("CREATE TABLE bench_job_owner_event_position (LIKE owner_event_position"
                    + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
            for (Target target : TARGETS) {
                String physical = physicalTable(connection, target.table());
                String scratch = "bench_job_" + target.table();
                statement.execute("DROP TABLE IF EXISTS " + scratch);
                statement.execute("CREATE TABLE " + scratch + " (LIKE " + physical
                        + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
                Set<String> unique = uniqueColumns(connection, physical);
                List<String> columns = new ArrayList<>();
                List<Object> sample = new ArrayList<>();
                String where = target.table().equals("domain_event_entry")
                        ? " ORDER BY global_index DESC LIMIT 1"
                        : " WHERE owner_id = '" + owner + "' LIMIT 1";
                try (ResultSet rs = statement.executeQuery("SELECT * FROM " + physical + where)) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no sample row in " + physical + " for the job ceiling");
                    }
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        if (meta.getColumnName(c).equals("global_index")) {
                            continue; // the sequence gives it, as in the real table
                        }
                        columns.add(meta.getColumnName(c));
                        // the position is taken by the write's last statement
                        sample.add(meta.getColumnName(c).equals("owner_position") ? null : rs.getObject(c));
                    }
                }
                String sql;
                if (target.insert()) {
                    sql = "INSERT INTO " + scratch + " (" + String.join(", ", columns) + ") VALUES ("
                            + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
                } else {
                    // a write moves one of the owner's rows, as the projections do: copy them all, spread the writes
                    sql = "UPDATE " + scratch + " SET version = version + 1 WHERE owner_id = ? AND contact_id = ?";
                    statement.execute("INSERT INTO " + scratch + " SELECT * FROM " + physical + " WHERE owner_id IN ("
                            + ownerList + ")");
                }
                Map<UUID, List<UUID>> rows = new HashMap<>();
                if (!target.insert()) {
                    try (ResultSet rs = statement.executeQuery("SELECT owner_id, contact_id FROM " + scratch)) {
                        while (rs.next()) {
                            rows.computeIfAbsent(rs.getObject(1, UUID.class), o -> new ArrayList<>())
                                    .add(rs.getObject(2, UUID.class));
                        }
                    }
                    for (UUID o : owners) {
                        if (!rows.containsKey(o)) {
                            throw new IllegalStateException("owner " + o + " has no rows in " + physical);
                        }
                    }
                }
                prepared.add(new Prepared(scratch, sql, columns, sample, unique, rows));
            }
        }
        return new WriteJobCeiling(prepared);
    }

    /**
     * {@code clients} connections, each writing one transaction after another for {@code duration}, client c as
     * {@code owners.get(c % owners.size())}.
     */
    Load.Result run(Bench bench, String database, int clients, java.time.Duration duration, List<UUID> owners)
            throws Exception {
        AtomicLong counter = new AtomicLong();
        List<Connection> connections = new CopyOnWriteArrayList<>();
        try {
            return Load.run(clients, duration, client -> {
                UUID owner = owners.get(client % owners.size());
                Connection connection = bench.postgres().connect(database);
                connections.add(connection);
                connection.setAutoCommit(false);
                List<PreparedStatement> statements = new ArrayList<>();
                for (Prepared p : prepared) {
                    statements.add(connection.prepareStatement(p.sql()));
                }
                PreparedStatement position = connection.prepareStatement(POSITION);
                return (c, i) -> {
                    String eventId = UUID.randomUUID().toString();
                    for (int t = 0; t < prepared.size(); t++) {
                        Prepared p = prepared.get(t);
                        PreparedStatement statement = statements.get(t);
                        if (!p.rows().isEmpty()) {
                            List<UUID> mine = p.rows().get(owner);
                            statement.setObject(1, owner);
                            statement.setObject(
                                    2,
                                    mine.get(java.util.concurrent.ThreadLocalRandom.current()
                                            .nextInt(mine.size())));
                        } else {
                            long n = counter.incrementAndGet();
                            for (int col = 0; col < p.columns().size(); col++) {
                                String column = p.columns().get(col);
                                Object value = p.sample().get(col);
                                if (column.equals("owner_id")) {
                                    value = owner;
                                } else if (column.equals("event_identifier") || column.equals("event_id")) {
                                    value = eventId;
                                } else if (column.equals("position")) {
                                    value = -n; // the history entry's placeholder until the position is taken
                                } else if (p.fresh().contains(column)) {
                                    value = fresh(value, n);
                                }
                                statement.setObject(col + 1, value);
                            }
                        }
                        statement.executeUpdate();
                    }
                    position.setObject(1, owner);
                    position.setString(2, eventId);
                    position.setString(3, eventId);
                    if (position.executeUpdate() != 1) {
                        throw new IllegalStateException("the job ceiling's history entry was not numbered");
                    }
                    connection.commit();
                    return true;
                };
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** A value no other row of a unique index holds: a new UUID, a new number, a new string. */
    private static Object fresh(Object sample, long n) {
        if (sample instanceof UUID) {
            return UUID.randomUUID();
        }
        if (sample instanceof Long) {
            return Long.MAX_VALUE / 2 + n;
        }
        if (sample instanceof Integer) {
            return (int) (Integer.MAX_VALUE / 2 + n % (Integer.MAX_VALUE / 2));
        }
        if (sample instanceof String) {
            return UUID.randomUUID().toString();
        }
        return sample;
    }

    /** The table a logical name resolves to: the active version's table behind a view, or the table itself. */
    private static String physicalTable(Connection connection, String name) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT DISTINCT source.relname
                  FROM pg_class view
                  JOIN pg_rewrite r ON r.ev_class = view.oid
                  JOIN pg_depend d ON d.objid = r.oid AND d.classid = 'pg_rewrite'::regclass
                  JOIN pg_class source ON source.oid = d.refobjid AND source.oid <> view.oid
                 WHERE view.relname = ? AND view.relkind = 'v' AND source.relkind = 'r'""")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : name;
            }
        }
    }

    /** Every column that takes part in a unique index (primary key included) of {@code table}. */
    private static Set<String> uniqueColumns(Connection connection, String table) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT DISTINCT a.attname
                  FROM pg_index i
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                 WHERE i.indrelid = ?::regclass AND i.indisunique""")) {
            statement.setString(1, table);
            Set<String> columns = new java.util.HashSet<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            return columns;
        }
    }
}
