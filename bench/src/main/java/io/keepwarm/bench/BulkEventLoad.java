package io.keepwarm.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A bulk load into {@code domain_event_entry} that ends with the rows the write path would have left, without the
 * write path's cost per row.
 *
 * <p>The table's {@code FOR EACH ROW} trigger {@code domain_event_entry_owner} (V7, V22) copies each event's owner
 * out of its metadata and takes the owner's next history position from its {@code owner_event_position} row. In one
 * big COPY that row is updated once per event within one transaction: every update leaves a version nobody may prune
 * until the commit, and each next update walks them all, so the load slows down quadratically (a seed of 1,000,000
 * events over 100 owners did not finish in 11 minutes). So the load runs in one transaction with that trigger
 * disabled, and fills the same columns afterwards, set-based, exactly as V22 numbered the events it found: the owner
 * by the product's own {@code event_owner_id(meta_data)}, positions per owner in {@code global_index} order after the
 * owner's last position so far, and the owner's counter row at its last position. {@code ALTER TABLE … DISABLE
 * TRIGGER} takes a SHARE ROW EXCLUSIVE lock until the commit: reads go on, but nobody else appends meanwhile (so no
 * concurrent append goes unnumbered or numbered twice), and other sessions keep the trigger all along.
 *
 * <p>Since V73 (ADR 0026) the product itself no longer numbers per row: its insert trigger only fills the owner and
 * a deferred trigger numbers a transaction's events set-based at commit, which the numbering here leaves with
 * nothing to do. A plain COPY with the triggers on would now load without the slowdown too; this class was written
 * against V22 and kept because {@code BulkEventLoadTest} proves its rows equal the product's.
 */
final class BulkEventLoad {

    static final String TRIGGER = "domain_event_entry_owner";

    /** What the load writes, on the connection it is given, inside the load's transaction. */
    @FunctionalInterface
    interface Rows {
        void copy(Connection connection) throws Exception;
    }

    private static final String NUMBER_THE_LOADED_EVENTS = """
            UPDATE domain_event_entry e
            SET owner_id = numbered.owner_id,
                owner_position = CASE WHEN numbered.owner_id IS NOT NULL
                                      THEN coalesce(p.last_position, 0) + numbered.position END
            FROM (SELECT global_index, owner_id,
                         row_number() OVER (PARTITION BY owner_id ORDER BY global_index) AS position
                  FROM (SELECT global_index, event_owner_id(meta_data) AS owner_id
                        FROM domain_event_entry WHERE global_index > ?) AS loaded) AS numbered
                 LEFT JOIN owner_event_position p ON p.owner_id = numbered.owner_id
            WHERE e.global_index = numbered.global_index""";

    private static final String COUNT_THE_OWNERS_ON = """
            INSERT INTO owner_event_position AS p (owner_id, last_position)
            SELECT owner_id, max(owner_position) FROM domain_event_entry
            WHERE global_index > ? AND owner_id IS NOT NULL GROUP BY owner_id
            ON CONFLICT (owner_id) DO UPDATE SET last_position = excluded.last_position""";

    private BulkEventLoad() {}

    /**
     * Runs {@code rows} and numbers what it appended, in one transaction that is committed at the end (rolled back
     * if anything fails); the connection's auto-commit is as before afterwards.
     *
     * @return how many events were appended
     */
    static long append(Connection connection, Rows rows) throws Exception {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER " + TRIGGER);
            long before = headOf(statement);
            rows.copy(connection);
            long appended;
            try (var number = connection.prepareStatement(NUMBER_THE_LOADED_EVENTS)) {
                number.setLong(1, before);
                appended = number.executeLargeUpdate();
            }
            try (var count = connection.prepareStatement(COUNT_THE_OWNERS_ON)) {
                count.setLong(1, before);
                count.executeUpdate();
            }
            statement.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER " + TRIGGER);
            connection.commit();
            return appended;
        } catch (Exception | Error e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static long headOf(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
