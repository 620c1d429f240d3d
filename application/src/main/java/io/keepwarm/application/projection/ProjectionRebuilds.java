package io.keepwarm.application.projection;

import io.keepwarm.application.OperationRefused;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    private final Projections projections;
    private final SegmentClaims claims;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ProjectionSettings settings;

    public ProjectionRebuilds(
            Projections projections,
            SegmentClaims claims,
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            ProjectionSettings settings) {
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
                                                                started_by, started_at)
                                VALUES (?, ?, ?, ?, 'RUNNING', ?, now())""", id, name, from, to, startedBy);
                for (String table : definition.tables()) {
                    String created = ProjectionTables.physical(table, to);
                    jdbc.execute("DROP TABLE IF EXISTS " + created);
                    jdbc.execute("CREATE TABLE " + created + " (LIKE " + ProjectionTables.physical(table, from)
                            + " INCLUDING ALL)");
                }
                // No planner statistics on personal columns in the new tables either (V21, docs/privacy.md).
                jdbc.execute("SELECT keepwarm_hide_personal_statistics()");
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
     * Switches reads to the rebuilt version if it has caught up with the active one. Any node may try; the row
     * locks let exactly one succeed. Returns whether this call switched.
     */
    public boolean trySwitch(Rebuild rebuild) {
        if (!caughtUp(rebuild)) {
            return false;
        }
        ProjectionDefinition definition = projections.definition(rebuild.projection());
        try {
            Boolean switched = transaction.execute(status -> {
                jdbc.execute("SET LOCAL lock_timeout = '"
                        + settings.switchLockTimeout().toMillis() + "ms'");
                Integer active = jdbc.queryForObject(
                        "SELECT active_version FROM projection_version WHERE projection = ? FOR UPDATE",
                        Integer.class,
                        rebuild.projection());
                int completed = jdbc.update("""
                                UPDATE projection_rebuild SET state = 'COMPLETED', finished_at = now(), retired_version = ?
                                WHERE rebuild_id = ? AND state = 'RUNNING'""", active, rebuild.rebuildId());
                if (completed == 0 || active == null || active != rebuild.fromVersion()) {
                    status.setRollbackOnly();
                    return false;
                }
                // Replacing a view waits for the queries reading it and holds new ones until commit, so the check
                // below sees a state no reader can get ahead of; they then read the new version.
                for (String table : definition.tables()) {
                    jdbc.execute("CREATE OR REPLACE VIEW " + table + " AS SELECT * FROM "
                            + ProjectionTables.physical(table, rebuild.toVersion()));
                }
                if (!caughtUp(rebuild)) {
                    status.setRollbackOnly();
                    return false;
                }
                jdbc.update(
                        "UPDATE projection_version SET active_version = ?, activated_at = now() WHERE projection = ?",
                        rebuild.toVersion(),
                        rebuild.projection());
                return true;
            });
            if (Boolean.TRUE.equals(switched)) {
                log.info(
                        "{} now reads from version {}; version {} retires",
                        rebuild.projection(),
                        rebuild.toVersion(),
                        rebuild.fromVersion());
            }
            return Boolean.TRUE.equals(switched);
        } catch (PessimisticLockingFailureException e) {
            log.info(
                    "switch of {} to version {} waited too long for readers; trying again",
                    rebuild.projection(),
                    rebuild.toVersion());
            return false;
        }
    }

    /**
     * Whether the new version has seen every event the active one has seen (gaps included), so that switching
     * loses nothing a reader could already see. Both processors split the contacts into the same segments (same
     * count, same sequencing policy), so it suffices that each new segment covers the active version's segment
     * of the same id; were the segments ever split or merged differently, every new segment must cover every
     * active one.
     */
    boolean caughtUp(Rebuild rebuild) {
        List<SegmentClaims.Segment> segments = claims.of(List.of(rebuild.fromProcessor(), rebuild.toProcessor()));
        Map<Integer, SegmentClaims.Segment> rebuilt = bySegment(segments, rebuild.toProcessor());
        Map<Integer, SegmentClaims.Segment> serving = bySegment(segments, rebuild.fromProcessor());
        if (rebuilt.isEmpty()) {
            return false;
        }
        if (serving.isEmpty()) {
            // the old version never ran: the new one must have reached the head of the store instead
            Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            return head == null
                    || rebuilt.values().stream()
                            .allMatch(segment -> segment.position().orElse(-1) >= head);
        }
        if (rebuilt.keySet().equals(serving.keySet())) {
            return rebuilt.entrySet().stream()
                    .allMatch(entry -> entry.getValue().covers(serving.get(entry.getKey())));
        }
        return rebuilt.values().stream()
                .allMatch(segment -> serving.values().stream().allMatch(segment::covers));
    }

    private static Map<Integer, SegmentClaims.Segment> bySegment(
            List<SegmentClaims.Segment> segments, String processor) {
        Map<Integer, SegmentClaims.Segment> bySegment = new TreeMap<>();
        segments.stream()
                .filter(segment -> segment.processor().equals(processor))
                .forEach(segment -> bySegment.put(segment.segment(), segment));
        return bySegment;
    }

    /**
     * Drops what finished rebuilds left behind, once no node runs the retired version any more: its tables, its
     * tokens and its dead letters. Safe to run on every node at once.
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
            boolean stillRunning =
                    runningHere.contains(retired) || claims.of(retired).stream().anyMatch(SegmentClaims.Segment::live);
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
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", retiredProcessor);
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
