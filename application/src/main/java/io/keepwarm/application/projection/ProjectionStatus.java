package io.keepwarm.application.projection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One projection as the admin API shows it (SPEC §5): the version serving reads, its state, how far its
 * processor has come through the event store and how far behind the head it is, each segment with the node
 * that claims it, its dead letters, and the running (or else the latest) rebuild.
 *
 * @param position   the lowest position over its segments: every event up to it has been applied
 * @param head       the global index of the newest event in the store
 * @param lagEvents  head minus position
 * @param lagSeconds how much older the last applied event is than the newest event in the store
 */
public record ProjectionStatus(
        String name,
        int version,
        String processor,
        State state,
        Long position,
        Long head,
        long lagEvents,
        long lagSeconds,
        List<SegmentStatus> segments,
        long deadLetters,
        RebuildStatus rebuild) {

    /** ERROR while a node reports the serving processor failing; REBUILDING while a rebuild runs. */
    public enum State {
        RUNNING,
        REBUILDING,
        STOPPED,
        ERROR
    }

    /**
     * One segment of a processor.
     *
     * @param node the node whose claim on it is live, or null when no node works on it
     */
    public record SegmentStatus(int segment, String node, Long position, long lagEvents, boolean failing) {}

    /**
     * A rebuild, with its progress while it runs.
     *
     * @param progressPercent       share of the event store the new version has replayed
     * @param eventsPerSecond       replay rate since it started
     * @param estimatedSecondsLeft  time left to catch up at that rate (null until it has made progress)
     * @param estimatedTimeLeft     the same as an ISO-8601 duration
     * @param replayFinishedAt      when the step that finishes the replay ran (docs/adr/0028); the switch follows
     */
    public record RebuildStatus(
            UUID rebuildId,
            Rebuild.State state,
            int fromVersion,
            int toVersion,
            String processor,
            UUID startedBy,
            Instant startedAt,
            Instant finishedAt,
            UUID cancelledBy,
            Instant replayFinishedAt,
            Double progressPercent,
            Long eventsPerSecond,
            Long estimatedSecondsLeft,
            String estimatedTimeLeft,
            Long position,
            Long lagEvents,
            List<SegmentStatus> segments,
            Long deadLetters) {}
}
