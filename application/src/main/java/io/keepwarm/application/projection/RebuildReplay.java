package io.keepwarm.application.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a rebuild leaves undone while it replays the history, and the one step that finishes it
 * (docs/adr/0028-rebuild-defers-until-replayed.md).
 *
 * <ul>
 * <li>A new version's tables are created without their non-unique indexes ({@link #deferIndexes}), for projections
 *     whose handlers find their rows by primary key ({@link ProjectionDefinition#defersIndexes()}).</li>
 * <li>Until the replay is finished, a rebuild's batch runs in <em>deferring</em> mode ({@link #deferring()}): a
 *     projection's handlers may leave undone what {@link ProjectionDefinition#finishReplay} computes set-based once
 *     (going-cold: each contact's last interaction, asks, gives and version, from its interaction rows).</li>
 * <li>Once every segment has replayed the store as it was when the rebuild started, {@link #finish} runs once, in
 *     one transaction on one node: it finishes the projection's deferred work and creates the deferred indexes. The
 *     switch waits for it.</li>
 * </ul>
 *
 * <p>A batch and the finishing step are ordered by a lock of the version's own (an advisory lock, fair): each
 * batch takes it in shared mode at its prepare-commit and only then reads whether the replay is finished; the
 * finishing step takes it exclusively, so no batch that decided to defer can commit after it. The inline writers
 * never take it.
 */
@Component
public class RebuildReplay {

    private static final Logger log = LoggerFactory.getLogger(RebuildReplay.class);

    /** The first key of the version's advisory lock; the second is {@code hashtext(processor name)}. */
    static final int LOCK = 20190028;

    private static final String DEFERRING = RebuildReplay.class.getName() + ".deferring";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ProjectionSettings settings;
    private final DataSource dataSource;

    public RebuildReplay(
            JdbcTemplate jdbc, TransactionTemplate transaction, ProjectionSettings settings, DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = settings;
    }

    /**
     * Whether the current unit of work is a rebuild's batch written before its replay was finished, whose handlers
     * may leave to {@link ProjectionDefinition#finishReplay} what it computes. False everywhere else: inline writes,
     * the switch's catch-up, a batch after the finishing step, a direct call.
     */
    public static boolean deferring() {
        return CurrentUnitOfWork.isStarted()
                && Boolean.TRUE.equals(CurrentUnitOfWork.get().root().getResource(DEFERRING));
    }

    /**
     * In a rebuild's batch, at its prepare-commit and before anything is written: the version's lock in shared mode
     * until the batch commits, then whether its replay is finished (read after the lock was granted).
     */
    void enterBatch(ProjectionTables tables, UnitOfWork<?> batch) {
        jdbc.queryForList(
                "SELECT pg_advisory_xact_lock_shared(?, hashtext(?))", Object.class, LOCK, tables.processorName());
        List<Boolean> finished = jdbc.queryForList(
                "SELECT replay_finished_at IS NOT NULL FROM projection_rebuild WHERE projection = ? AND to_version = ?",
                Boolean.class,
                tables.projection(),
                tables.version());
        batch.root().resources().put(DEFERRING, !finished.isEmpty() && !finished.get(0));
    }

    /**
     * Runs a dead-letter retry of the named processor while holding its version's lock in shared mode, as a batch
     * does: Axon applies the letters in transactions of its own, so the lock is a session lock, on a connection of
     * its own, released when the retry returns. A retry thus never commits while the finishing step runs.
     */
    boolean retrying(String processorName, BooleanSupplier retry) {
        try (Connection connection = dataSource.getConnection()) {
            lock(connection, "SELECT pg_advisory_lock_shared(?, hashtext(?))", processorName);
            try {
                return retry.getAsBoolean();
            } finally {
                lock(connection, "SELECT pg_advisory_unlock_shared(?, hashtext(?))", processorName);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the replay lock of " + processorName, e);
        }
    }

    private static void lock(Connection connection, String sql, String processorName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, LOCK);
            statement.setString(2, processorName);
            statement.execute();
        }
    }

    /**
     * Drops the non-unique indexes of a new version's tables, in the rebuild's starting transaction, and returns
     * their definitions, to be created by {@link #finish}. Unique indexes and primary keys stay: {@code ON CONFLICT}
     * and the handlers' lookups by key need them.
     */
    List<String> deferIndexes(ProjectionDefinition definition, int version) {
        List<String> deferred = new ArrayList<>();
        if (!definition.defersIndexes()) {
            return deferred;
        }
        for (String table : definition.tables()) {
            List<String[]> indexes = jdbc.query(
                    """
                    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                    WHERE i.indrelid = ?::regclass AND NOT i.indisunique AND NOT i.indisprimary
                    ORDER BY 1""",
                    (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
                    ProjectionTables.physical(table, version));
            for (String[] index : indexes) {
                jdbc.execute("DROP INDEX " + index[0]);
                deferred.add(index[1]);
            }
        }
        return deferred;
    }

    /**
     * Finishes the rebuild's replay, unless that was done (on any node) or the rebuild no longer runs: one
     * transaction that waits for the batches in flight and holds the next ones, runs the projection's
     * {@link ProjectionDefinition#finishReplay} and creates the deferred indexes. Returns whether the replay is
     * finished now; false also when the lock could not be had in time (tried again on the next tick).
     */
    boolean finish(Rebuild rebuild, ProjectionDefinition definition) {
        if (rebuild.replayFinishedAt() != null) {
            return true;
        }
        ProjectionTables tables = ProjectionTables.of(definition, rebuild.toVersion());
        long started = System.nanoTime();
        try {
            Integer created = transaction.execute(status -> {
                jdbc.execute("SET LOCAL lock_timeout = '"
                        + settings.switchLockTimeout().toMillis() + "ms'");
                jdbc.queryForList(
                        "SELECT pg_advisory_xact_lock(?, hashtext(?))", Object.class, LOCK, tables.processorName());
                List<String[]> deferred =
                        jdbc.query("""
                        UPDATE projection_rebuild SET replay_finished_at = now()
                        WHERE rebuild_id = ? AND state = 'RUNNING' AND replay_finished_at IS NULL
                        RETURNING deferred_indexes""", (rs, n) -> (String[]) rs.getArray(1).getArray(), rebuild.rebuildId());
                if (deferred.isEmpty()) {
                    return null;
                }
                definition.finishReplay(jdbc, tables);
                for (String index : deferred.get(0)) {
                    jdbc.execute(index);
                }
                return deferred.get(0).length;
            });
            if (created == null) {
                return false;
            }
            log.info(
                    "replay of {} finished in {} ms: deferred work done, {} indexes created",
                    tables.processorName(),
                    (System.nanoTime() - started) / 1_000_000,
                    created);
            return true;
        } catch (DataAccessException e) {
            if (!ProjectionRebuilds.lockTimeout(e)) {
                throw e;
            }
            log.info(
                    "finishing the replay of {} waited too long for its batches; trying again", tables.processorName());
            return false;
        }
    }
}
