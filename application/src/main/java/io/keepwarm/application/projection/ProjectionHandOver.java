package io.keepwarm.application.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one lock that orders every writer of a projection version against the moment a version starts or stops
 * being written inline (docs/adr/0019-live-read-models-inline.md).
 *
 * <ul>
 * <li>Every transaction that writes a version — a command applying the live versions inline, a batch of a
 *     rebuilding version's streaming processor — first calls {@link #shared()}: the hand-over lock in shared
 *     mode until it commits, then the active and the rebuilding version of each projection, read after the lock
 *     was granted.</li>
 * <li>The switch of a rebuild (and the first start after an upgrade from asynchronous live processors) takes it
 *     exclusively ({@link #exclusive()}): no writer is between its lock and its commit, so the committed events are
 *     exactly the events anyone applied; it applies what the streaming processor has not ({@link #catchUp}),
 *     moves the active version and commits. Writers that waited then read the new version.</li>
 * </ul>
 */
@Component
public class ProjectionHandOver {

    /** The advisory lock's key, also in {@code V50__inline_projection_hand_over.sql}. */
    public static final long LOCK = 20190016L;

    /** What a transaction that took the lock in shared mode may write: per projection, the active and rebuilt version. */
    public record Versions(Map<String, Integer> active, Map<String, Integer> rebuilding) {

        public int active(String projection) {
            return active.getOrDefault(projection, 1);
        }

        public Optional<Integer> rebuilding(String projection) {
            return Optional.ofNullable(rebuilding.get(projection));
        }
    }

    private final JdbcTemplate jdbc;
    private final EventStorageEngine storage;
    private final int page;

    /**
     * @param page how many events {@link #uncovered} reads and hands on at a time: the event store's fetch size, so
     *     that a page is one query
     */
    public ProjectionHandOver(
            JdbcTemplate jdbc, EventStorageEngine storage, @Value("${keepwarm.event-store.fetch-size:1000}") int page) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.page = page;
    }

    /** Takes the lock in shared mode for the current transaction and reads the versions to write: one statement. */
    public Versions shared() {
        Map<String, Integer> active = new HashMap<>();
        Map<String, Integer> rebuilding = new HashMap<>();
        jdbc.query("SELECT projection, active_version, rebuilding_version FROM keepwarm_projection_versions()", rs -> {
            active.put(rs.getString(1), rs.getInt(2));
            int target = rs.getInt(3);
            if (!rs.wasNull()) {
                rebuilding.put(rs.getString(1), target);
            }
        });
        return new Versions(Map.copyOf(active), Map.copyOf(rebuilding));
    }

    /**
     * Takes the lock exclusively for the current transaction: waits for every transaction holding it to end, and
     * holds every new one until this one ends (bounded by the transaction's {@code lock_timeout}).
     */
    public void exclusive() {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> {}, LOCK);
    }

    /**
     * Under the exclusive lock: every committed event that the streaming processor's tokens do not cover, in store
     * order, each to be applied by the caller. An event is covered when the token of the segment it belongs to
     * (the contact's segment, as the processor's sequencing policy splits them) has seen its position; a segment
     * without a token has seen nothing.
     *
     * @param segments the processor's segments, read under the lock (so no batch of it is in flight)
     * <p>The store is read a page at a time (at most the fetch size's events in memory, whatever the store holds): the
     * first start after events were added behind the server's back, or after an upgrade whose processors lagged far
     * behind, hands over most of the store.
     *
     * @param apply    called with each page of uncovered events (at most one page of the store), in store order
     * @return how many events were uncovered
     */
    public int uncovered(List<SegmentClaims.Segment> segments, Consumer<List<TrackedEventMessage<?>>> apply) {
        Map<Segment, GapAwareTrackingToken> tokens = new HashMap<>();
        int[] ids = segments.stream().mapToInt(SegmentClaims.Segment::segment).toArray();
        GapAwareTrackingToken lowest = null;
        boolean fromTheStart = segments.isEmpty();
        for (SegmentClaims.Segment segment : segments) {
            GapAwareTrackingToken token = gapAware(segment.token());
            tokens.put(Segment.computeSegment(segment.segment(), ids), token);
            if (token == null) {
                fromTheStart = true;
            } else if (lowest == null) {
                lowest = token;
            } else {
                lowest = lowerBound(lowest, token);
            }
        }
        TrackingToken from = fromTheStart ? null : lowest;
        int count = 0;
        TrackingToken last = from;
        while (true) {
            // The engine's stream fetches page after page until the end of the store: only one page is taken.
            List<? extends TrackedEventMessage<?>> read =
                    storage.readEvents(last, false).limit(page).toList();
            boolean progressed = false;
            List<TrackedEventMessage<?>> uncovered = new ArrayList<>();
            // What was handed on already is what the token of the last event handed on has seen: a page read from it
            // holds only later positions and its gaps, so no set of positions that grows with the store is needed
            // (it held about 60 MB per projection at 1,000,000 events).
            GapAwareTrackingToken before = gapAware(last);
            for (TrackedEventMessage<?> event : read) {
                long position = event.trackingToken().position().orElseThrow();
                last = event.trackingToken();
                if (seen(before, position)) {
                    continue;
                }
                progressed = true;
                if (!covered(tokens, event, position)) {
                    uncovered.add(event);
                }
            }
            if (!uncovered.isEmpty()) {
                apply.accept(uncovered);
                count += uncovered.size();
            }
            if (!progressed) {
                break;
            }
        }
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        long reached = last == null ? -1 : last.position().orElse(-1);
        if (head != null && reached < head && !seen(gapAware(last), head)) {
            throw new IllegalStateException(
                    "the hand-over read the store up to " + reached + " but the head is " + head);
        }
        return count;
    }

    /** Whether a reader at {@code token} has read {@code position} (nothing, for no token). */
    private static boolean seen(GapAwareTrackingToken token, long position) {
        return token != null && position <= token.getIndex() && !token.getGaps().contains(position);
    }

    private static boolean covered(Map<Segment, GapAwareTrackingToken> tokens, TrackedEventMessage<?> event, long at) {
        Object sequence =
                event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
        for (var entry : tokens.entrySet()) {
            if (entry.getKey().matches(sequence)) {
                GapAwareTrackingToken token = entry.getValue();
                return token != null
                        && at <= token.getIndex()
                        && !token.getGaps().contains(at);
            }
        }
        return false;
    }

    /** The token of what both have seen: the lower index, and every gap of either below it. */
    private static GapAwareTrackingToken lowerBound(GapAwareTrackingToken a, GapAwareTrackingToken b) {
        long index = Math.min(a.getIndex(), b.getIndex());
        TreeSet<Long> gaps = new TreeSet<>();
        a.getGaps().stream().filter(gap -> gap < index).forEach(gaps::add);
        b.getGaps().stream().filter(gap -> gap < index).forEach(gaps::add);
        return GapAwareTrackingToken.newInstance(index, gaps);
    }

    private static GapAwareTrackingToken gapAware(TrackingToken token) {
        TrackingToken applied = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (applied == null) {
            return null;
        }
        if (applied instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalStateException("a JDBC event store's token is gap-aware, not " + applied.getClass());
    }
}
