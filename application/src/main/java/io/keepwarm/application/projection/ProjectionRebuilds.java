package io.keepwarm.application.projection;

import io.keepwarm.application.OperationRefused;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Blue/green rebuilds (docs/adr/0006-blue-green-projection-rebuilds.md), safe with several nodes on one
 * database because every step is one database transaction guarded by a row lock or a unique index:
 *
 * <ol>
 * <li>{@link #start}: records the rebuild and creates the new version's empty tables. A second start fails on
 *     the unique index of running rebuilds, from whichever node it comes.</li>
 * <li>Every node then runs the new version's processor beside the old one ({@link ProjectionCoordinator});
 *     it replays the whole event store into the new tables while reads keep coming from the old ones.</li>
 * <li>{@link #trySwitch}: once each segment of the new version has seen everything the old one has, the
 *     views that queries read are pointed at the new tables and {@code projection_version} moves on, in one
 *     transaction: a reader sees the old version or the new one, never neither.</li>
 * <li>{@link #sweep}: once no node still runs the retired version (old after a switch, new after a cancel), its
 *     tables, tokens and dead letters are dropped.</li>
 * </ol>
 */
@Component
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    /** How long a switch waits for the hand-over lock: the writers queued behind it wait as long. */
    private static final long HAND_OVER_LOCK_WAIT_MILLIS = 1000;

    private final Projections projections;
    private final SegmentClaims claims;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ProjectionSettings settings;
    private final ProjectionHandOver handOver;
    private final LiveProjections live;
    private final RebuildReplay replay;

    public ProjectionRebuilds(
            Projections projections,
            SegmentClaims claims,
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            ProjectionSettings settings,
            ProjectionHandOver handOver,
            LiveProjections live,
            RebuildReplay replay) {
        this.replay = replay;
        this.handOver = handOver;
        this.live = live;
        this.projections = projections;
        this.claims = claims;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = settings;
    }

    /** Starts a rebuild of the named projection on behalf of the admin; a conflict if one is running already. */
    public Rebuild start(String name, UUID startedBy) {
        ProjectionDefinition definition = projections.definition(name);
        try {
            return transaction.execute(status -> {
                // The row lock orders concurrent starts (from any node); the unique index is the last word.
                Integer active = jdbc.queryForObject(
                        "SELECT active_version FROM projection_version WHERE projection = ? FOR UPDATE",
                        Integer.class,
                        name);
                if (projections.running(name).isPresent()) {
                    throw alreadyRunning(name);
                }
                Integer highest = jdbc.queryForObject(
                        "SELECT max(to_version) FROM projection_rebuild WHERE projection = ?", Integer.class, name);
                int from = active == null ? 1 : active;
                int to = Math.max(from, highest == null ? 0 : highest) + 1;
                UUID id = UUID.randomUUID();
                jdbc.update("""
                                INSERT INTO projection_rebuild (rebuild_id, projection, from_version, to_version, state,
                                                                started_by, started_at, replays_to)
                                VALUES (?, ?, ?, ?, 'RUNNING', ?, now(),
                                        (SELECT coalesce(max(global_index), 0) FROM domain_event_entry))""", id, name, from, to, startedBy);
                for (String table : definition.tables()) {
                    String created = ProjectionTables.physical(table, to);
                    jdbc.execute("DROP TABLE IF EXISTS " + created);
                    jdbc.execute("CREATE TABLE " + created + " (LIKE " + ProjectionTables.physical(table, from)
                            + " INCLUDING ALL)");
                }
                // No planner statistics on personal columns in the new tables either (V21, docs/privacy.md).
                jdbc.execute("SELECT keepwarm_hide_personal_statistics()");
                // Built without their non-unique indexes, created once the replay is finished (docs/adr/0028).
                List<String> deferred = replay.deferIndexes(definition, to);
                jdbc.update(
                        "UPDATE projection_rebuild SET deferred_indexes = ?::text[] WHERE rebuild_id = ?",
                        deferred.toArray(String[]::new),
                        id);
                log.info(
                        "rebuild of {} started by {}: version {} replays the event store beside version {}",
                        name,
                        startedBy,
                        to,
                        from);
                return jdbc.queryForObject(
                        "SELECT " + Rebuild.COLUMNS + " FROM projection_rebuild WHERE rebuild_id = ?",
                        Rebuild::map,
                        id);
            });
        } catch (DuplicateKeyException e) {
            throw alreadyRunning(name);
        }
    }

    /** Cancels the running rebuild: the old version keeps serving, the new one is dropped. */
    public Rebuild cancel(String name, UUID cancelledBy) {
        projections.definition(name);
        List<Rebuild> cancelled = jdbc.query("""
                        UPDATE projection_rebuild
                        SET state = 'CANCELLED', finished_at = now(), cancelled_by = ?, retired_version = to_version
                        WHERE projection = ? AND state = 'RUNNING'
                        RETURNING %s""".formatted(Rebuild.COLUMNS), Rebuild::map, cancelledBy, name);
        if (cancelled.isEmpty()) {
            throw OperationRefused.notFound("rebuild.not-running", "no rebuild of " + name + " is running");
        }
        log.info(
                "rebuild of {} to version {} cancelled by {}",
                name,
                cancelled.get(0).toVersion(),
                cancelledBy);
        return cancelled.get(0);
    }

    /**
     * Switches reads and the inline writer to the rebuilt version if it has nearly caught up. Any node may try; the
     * locks let exactly one succeed. Returns whether this call switched.
     *
     * <p>One transaction (docs/adr/0019-live-read-models-inline.md): take the hand-over lock exclusively, which
     * waits for the commands in flight (they write the old version) and holds new ones; with no writer and no batch
     * of the rebuilding processor in flight, apply to the new version every committed event its tokens do not
     * cover; point the views at it and make it the active version; commit. The commands that waited write the new
     * version, and the rebuilding processor's batches find they are retired and write nothing.
     */
    public boolean trySwitch(Rebuild rebuild) {
        if (!nearlyCaughtUp(rebuild)) {
            return false;
        }
        ProjectionDefinition definition = projections.definition(rebuild.projection());
        // The work the replay deferred first (docs/adr/0028), outside the hand-over lock: writers never wait for it.
        if (!replay.finish(rebuild, definition)) {
            return false;
        }
        ProjectionTables target = ProjectionTables.of(definition, rebuild.toVersion());
        try {
            Integer caughtUp = transaction.execute(status -> {
                // While the switch waits for the lock, every new writer queues behind it: it waits a short while,
                // and tries again on the next tick rather than hold the writers up for long.
                jdbc.execute("SET LOCAL lock_timeout = '"
                        + Math.min(
                                HAND_OVER_LOCK_WAIT_MILLIS,
                                settings.switchLockTimeout().toMillis()) + "ms'");
                handOver.exclusive();
                jdbc.execute("SET LOCAL lock_timeout = '"
                        + settings.switchLockTimeout().toMillis() + "ms'");
                Integer active = jdbc.queryForObject(
                        "SELECT active_version FROM projection_version WHERE projection = ? FOR UPDATE",
                        Integer.class,
                        rebuild.projection());
                int completed = jdbc.update("""
                                UPDATE projection_rebuild SET state = 'COMPLETED', finished_at = now(), retired_version = ?
                                WHERE rebuild_id = ? AND state = 'RUNNING' AND replay_finished_at IS NOT NULL""", active, rebuild.rebuildId());
                if (completed == 0 || active == null || active != rebuild.fromVersion() || parked(rebuild) > 0) {
                    status.setRollbackOnly();
                    return null;
                }
                int applied = live.catchUp(target, claims.of(rebuild.toProcessor()));
                // Replacing a view waits for the queries reading it and holds new ones until commit; they then
                // read the new version. A reader sees the old version or the new one, never neither.
                for (String table : definition.tables()) {
                    jdbc.execute("CREATE OR REPLACE VIEW " + table + " AS SELECT * FROM "
                            + ProjectionTables.physical(table, rebuild.toVersion()));
                }
                jdbc.update(
                        "UPDATE projection_version SET active_version = ?, activated_at = now(), written_inline = TRUE"
                                + " WHERE projection = ?",
                        rebuild.toVersion(),
                        rebuild.projection());
                return applied;
            });
            if (caughtUp != null) {
                log.info(
                        "{} now reads from and writes inline to version {} ({} events applied at the hand-over);"
                                + " version {} retires",
                        rebuild.projection(),
                        rebuild.toVersion(),
                        caughtUp,
                        rebuild.fromVersion());
            }
            return caughtUp != null;
        } catch (DataAccessException e) {
            if (!lockTimeout(e)) {
                throw e;
            }
            log.info(
                    "switch of {} to version {} waited too long for writers or readers; trying again",
                    rebuild.projection(),
                    rebuild.toVersion());
            return false;
        }
    }

    /** PostgreSQL's lock_timeout (SQLState 55P03), which Spring does not always translate to a locking failure. */
    static boolean lockTimeout(DataAccessException e) {
        if (e instanceof PessimisticLockingFailureException) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Events parked in the rebuilding version's dead-letter queue: a version that misses them never serves. */
    private long parked(Rebuild rebuild) {
        Long parked = jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?", Long.class, rebuild.toProcessor());
        return parked == null ? 0 : parked;
    }

    /**
     * Whether the rebuilding processor is close enough to the head of the store for the switch to apply the rest
     * itself, under the exclusive hand-over lock that holds every writer: no event is parked, and every segment has
     * a token that has replayed the whole store as it was when the rebuild started ({@link Rebuild#replaysTo}) and
     * is within one rebuild batch of the head now. The first bound keeps the history out of the switch: a store
     * smaller than a batch would otherwise be "nearly caught up" before the replay applied anything, and the switch
     * would replay it all while the writers wait; so the switch applies only what was written while the replay ran.
     */
    boolean nearlyCaughtUp(Rebuild rebuild) {
        List<SegmentClaims.Segment> rebuilt = claims.of(rebuild.toProcessor());
        if (rebuilt.isEmpty() || parked(rebuild) > 0) {
            return false;
        }
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        if (head == null) {
            return true;
        }
        long replayed = rebuild.replaysTo() == null ? 0 : rebuild.replaysTo();
        long needed = Math.max(replayed, head - settings.rebuildBatchSize());
        return rebuilt.stream().allMatch(segment -> segment.position().orElse(-1) >= needed);
    }

    /**
     * Drops what finished rebuilds left behind, once no node runs their streaming processor any more: the retired
     * version's tables, tokens and dead letters, and after a switch the tokens of the processor that built the now
     * inline version. Safe to run on every node at once.
     *
     * @param runningHere the processors running on this node
     */
    public void sweep(Set<String> runningHere) {
        List<Rebuild> finished = jdbc.query(
                "SELECT " + Rebuild.COLUMNS
                        + " FROM projection_rebuild WHERE state <> 'RUNNING' AND cleaned_at IS NULL",
                Rebuild::map);
        for (Rebuild rebuild : finished) {
            if (rebuild.retiredVersion() == null) {
                continue;
            }
            String retired = ProjectionTables.processorName(rebuild.projection(), rebuild.retiredVersion());
            String builder = rebuild.toProcessor();
            boolean stillRunning = runningHere.contains(builder)
                    || runningHere.contains(retired)
                    || claims.of(List.of(builder, retired)).stream().anyMatch(SegmentClaims.Segment::live);
            if (!stillRunning) {
                try {
                    drop(rebuild, retired);
                } catch (DataAccessException e) {
                    log.info(
                            "could not yet drop version {} of {}: {}",
                            rebuild.retiredVersion(),
                            rebuild.projection(),
                            e.getMessage());
                }
            }
        }
    }

    private void drop(Rebuild rebuild, String retiredProcessor) {
        ProjectionDefinition definition = projections.definition(rebuild.projection());
        transaction.executeWithoutResult(status -> {
            jdbc.execute(
                    "SET LOCAL lock_timeout = '" + settings.switchLockTimeout().toMillis() + "ms'");
            List<Integer> unclean = jdbc.queryForList("""
                            SELECT retired_version FROM projection_rebuild WHERE rebuild_id = ? AND cleaned_at IS NULL
                            FOR UPDATE""", Integer.class, rebuild.rebuildId());
            Integer active = jdbc.queryForObject(
                    "SELECT active_version FROM projection_version WHERE projection = ?",
                    Integer.class,
                    rebuild.projection());
            if (unclean.isEmpty() || rebuild.retiredVersion().equals(active)) {
                return;
            }
            jdbc.update(
                    "DELETE FROM token_entry WHERE processor_name IN (?, ?)", retiredProcessor, rebuild.toProcessor());
            jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", retiredProcessor);
            for (String table : definition.tables()) {
                jdbc.execute("DROP TABLE IF EXISTS " + ProjectionTables.physical(table, rebuild.retiredVersion()));
            }
            jdbc.update("UPDATE projection_rebuild SET cleaned_at = now() WHERE rebuild_id = ?", rebuild.rebuildId());
        });
        log.info("dropped version {} of {}", rebuild.retiredVersion(), rebuild.projection());
    }

    private static OperationRefused alreadyRunning(String name) {
        return OperationRefused.conflict("rebuild.running", "a rebuild of " + name + " is already running");
    }
}
