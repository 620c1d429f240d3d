package io.keepwarm.application.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * One blue/green rebuild of a projection, as recorded in {@code projection_rebuild}: from which version to which,
 * who started it and when, and how it ended (switched to the new version, or cancelled and by whom). {@code replaysTo}
 * is the head of the event store when it started: the switch waits until the replay has reached it, and until the
 * work the replay deferred is done ({@code replayFinishedAt}, {@link RebuildReplay}).
 */
public record Rebuild(
        UUID rebuildId,
        String projection,
        int fromVersion,
        int toVersion,
        State state,
        UUID startedBy,
        Instant startedAt,
        Instant finishedAt,
        UUID cancelledBy,
        Integer retiredVersion,
        Instant cleanedAt,
        Long replaysTo,
        Instant replayFinishedAt) {

    /** RUNNING until the new version serves reads (COMPLETED) or an admin cancels it (CANCELLED). */
    public enum State {
        RUNNING,
        COMPLETED,
        CANCELLED
    }

    static final String COLUMNS = """
            rebuild_id, projection, from_version, to_version, state, started_by, started_at, finished_at, cancelled_by,
            retired_version, cleaned_at, replays_to, replay_finished_at""";

    public String fromProcessor() {
        return ProjectionTables.processorName(projection, fromVersion);
    }

    public String toProcessor() {
        return ProjectionTables.processorName(projection, toVersion);
    }

    static Rebuild map(ResultSet rs, int row) throws SQLException {
        return new Rebuild(
                rs.getObject("rebuild_id", UUID.class),
                rs.getString("projection"),
                rs.getInt("from_version"),
                rs.getInt("to_version"),
                State.valueOf(rs.getString("state")),
                rs.getObject("started_by", UUID.class),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getObject("cancelled_by", UUID.class),
                rs.getObject("retired_version", Integer.class),
                instant(rs.getTimestamp("cleaned_at")),
                rs.getObject("replays_to", Long.class),
                instant(rs.getTimestamp("replay_finished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
