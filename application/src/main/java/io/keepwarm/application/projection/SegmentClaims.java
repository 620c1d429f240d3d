package io.keepwarm.application.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the token store says about processors' segments, whichever node runs them: each segment's token (its
 * position in the event store) and the node that claims it. This is the cluster-wide truth; a node's own
 * {@code processingStatus()} only knows the segments it works on itself.
 */
@Component
public class SegmentClaims {

    /**
     * One row of {@code token_entry}.
     *
     * @param owner     the claiming node, or null when unclaimed
     * @param claimedAt when the owner last extended its claim (Axon refreshes it with every batch and while idle)
     * @param live      whether the claim is younger than the claim timeout, i.e. the owner is working on it;
     *                  an expired claim is free for any node to take over
     */
    public record Segment(
            String processor, int segment, TrackingToken token, String owner, Instant claimedAt, boolean live) {

        /** The global index of the last event this segment has seen, or empty before its first event. */
        public OptionalLong position() {
            TrackingToken applied = applied();
            return applied == null ? OptionalLong.empty() : applied.position();
        }

        /** The token of what has been applied: a replay token's lower bound, which is null before its first event. */
        private TrackingToken applied() {
            return token == null ? null : WrappedToken.unwrapLowerBound(token);
        }

        public String liveOwner() {
            return live ? owner : null;
        }

        /** Whether this segment has seen every event the other segment has seen (of any processor). */
        public boolean covers(Segment other) {
            TrackingToken theirs = other.applied();
            TrackingToken ours = applied();
            if (theirs == null) {
                return true;
            }
            return ours != null && ours.covers(theirs);
        }
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration claimTimeout;
    private final Clock clock;

    public SegmentClaims(JdbcTemplate jdbc, Serializer serializer, TokenStoreProperties tokenStore, Clock clock) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.claimTimeout = tokenStore.getClaimTimeout();
        this.clock = clock;
    }

    public Duration claimTimeout() {
        return claimTimeout;
    }

    /** Every segment of the given processors, in processor and segment order. */
    public List<Segment> of(Collection<String> processors) {
        if (processors.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        return jdbc.query(
                """
                        SELECT processor_name, segment, token, token_type, owner, timestamp FROM token_entry
                        WHERE processor_name = ANY(?) ORDER BY processor_name, segment""",
                (rs, n) -> {
                    Instant claimedAt = instant(rs.getString("timestamp"));
                    String owner = rs.getString("owner");
                    boolean live = owner != null
                            && claimedAt != null
                            && claimedAt.plus(claimTimeout).isAfter(now);
                    return new Segment(
                            rs.getString("processor_name"),
                            rs.getInt("segment"),
                            token(rs.getBytes("token"), rs.getString("token_type")),
                            owner,
                            claimedAt,
                            live);
                },
                (Object) processors.toArray(String[]::new));
    }

    public List<Segment> of(String processor) {
        return of(List.of(processor));
    }

    private TrackingToken token(byte[] bytes, String type) {
        if (bytes == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }

    private static Instant instant(String timestamp) {
        try {
            return timestamp == null ? null : Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
