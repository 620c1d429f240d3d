package io.keepwarm.application.projection;

import io.keepwarm.application.projection.ProjectionStatus.RebuildStatus;
import io.keepwarm.application.projection.ProjectionStatus.SegmentStatus;
import io.keepwarm.application.projection.ProjectionStatus.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projection status as the whole cluster sees it, read from the database only: versions and rebuilds, the
 * token store's segments and claims, node heartbeats with the processors failing on each node, and the
 * dead-letter queue. Any node answers the same.
 */
@Component
public class ProjectionStatusQueries {

    /** Everything the admin overview shows: the store's head, the live nodes and each projection. */
    public record Overview(Long head, List<ClusterNodes.Node> nodes, List<ProjectionStatus> items) {}

    private record Head(Long index, Instant recordedAt, Long first) {}

    private final Projections projections;
    private final SegmentClaims claims;
    private final ClusterNodes nodes;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ProjectionStatusQueries(
            Projections projections, SegmentClaims claims, ClusterNodes nodes, JdbcTemplate jdbc, Clock clock) {
        this.projections = projections;
        this.claims = claims;
        this.nodes = nodes;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Overview overview() {
        Head head = head();
        List<ClusterNodes.Node> live = liveNodes();
        List<ProjectionStatus> items = projections.definitions().stream()
                .map(definition -> status(definition.name(), head, live))
                .toList();
        return new Overview(head.index(), live, items);
    }

    public ProjectionStatus status(String name) {
        projections.definition(name);
        return status(name, head(), liveNodes());
    }

    private ProjectionStatus status(String name, Head head, List<ClusterNodes.Node> live) {
        int version = projections.activeVersion(name);
        String processor = ProjectionTables.processorName(name, version);
        Optional<Rebuild> latest = projections.latestRebuild(name);
        Optional<Rebuild> running = latest.filter(rebuild -> rebuild.state() == Rebuild.State.RUNNING);
        List<String> names = new ArrayList<>(List.of(processor));
        running.ifPresent(rebuild -> names.add(rebuild.toProcessor()));
        // The active version is written inline, in the transaction of each command: it has applied every
        // committed event, has no segments and no dead letters of its own (a failure fails the command).
        List<SegmentClaims.Segment> segments =
                running.isPresent() ? claims.of(running.get().toProcessor()) : List.of();
        Map<String, Long> deadLetters = deadLetters(names);
        Set<String> failing =
                live.stream().flatMap(node -> node.failing().stream()).collect(Collectors.toSet());
        OptionalLong position = head.index() == null ? OptionalLong.empty() : OptionalLong.of(head.index());
        State state = running.isPresent() ? State.REBUILDING : State.RUNNING;
        List<SegmentStatus> serving = List.of();
        RebuildStatus rebuild = latest.map(r -> rebuild(r, segments, head, failing, deadLetters))
                .orElse(null);
        return new ProjectionStatus(
                name,
                version,
                processor,
                state,
                boxed(position),
                head.index(),
                lag(position, head),
                lagSeconds(position, head),
                serving,
                deadLetters.getOrDefault(processor, 0L),
                rebuild);
    }

    private RebuildStatus rebuild(
            Rebuild rebuild,
            List<SegmentClaims.Segment> segments,
            Head head,
            Set<String> failing,
            Map<String, Long> deadLetters) {
        if (rebuild.state() != Rebuild.State.RUNNING) {
            return new RebuildStatus(
                    rebuild.rebuildId(),
                    rebuild.state(),
                    rebuild.fromVersion(),
                    rebuild.toVersion(),
                    rebuild.toProcessor(),
                    rebuild.startedBy(),
                    rebuild.startedAt(),
                    rebuild.finishedAt(),
                    rebuild.cancelledBy(),
                    rebuild.replayFinishedAt(),
                    rebuild.state() == Rebuild.State.COMPLETED ? 100.0 : null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        String processor = rebuild.toProcessor();
        OptionalLong position = lowest(segments, processor);
        long total = head.index() == null ? 0 : head.index() - (head.first() - 1);
        long done =
                head.index() == null || position.isEmpty() ? 0 : Math.max(0, position.getAsLong() - (head.first() - 1));
        double percent = total <= 0
                ? (segments.stream().anyMatch(s -> s.processor().equals(processor)) ? 100.0 : 0.0)
                : Math.min(100.0, Math.floor(1000.0 * done / total) / 10.0);
        double elapsedSeconds = Math.max(
                0.001, Duration.between(rebuild.startedAt(), clock.instant()).toMillis() / 1000.0);
        Long rate = done == 0 ? null : Math.round(done / elapsedSeconds);
        Long secondsLeft = rate == null || rate == 0 ? null : (long) Math.ceil((total - done) / (double) rate);
        return new RebuildStatus(
                rebuild.rebuildId(),
                rebuild.state(),
                rebuild.fromVersion(),
                rebuild.toVersion(),
                processor,
                rebuild.startedBy(),
                rebuild.startedAt(),
                null,
                null,
                rebuild.replayFinishedAt(),
                percent,
                rate,
                secondsLeft,
                secondsLeft == null ? null : Duration.ofSeconds(secondsLeft).toString(),
                boxed(position),
                lag(position, head),
                segments(segments, processor, head, failing),
                deadLetters.getOrDefault(processor, 0L));
    }

    private List<SegmentStatus> segments(
            List<SegmentClaims.Segment> segments, String processor, Head head, Set<String> failing) {
        return segments.stream()
                .filter(segment -> segment.processor().equals(processor))
                .map(segment -> new SegmentStatus(
                        segment.segment(),
                        segment.liveOwner(),
                        boxed(segment.position()),
                        lag(segment.position(), head),
                        failing.contains(processor)))
                .toList();
    }

    private static OptionalLong lowest(List<SegmentClaims.Segment> segments, String processor) {
        List<SegmentClaims.Segment> own =
                segments.stream().filter(s -> s.processor().equals(processor)).toList();
        if (own.isEmpty() || own.stream().anyMatch(s -> s.position().isEmpty())) {
            return OptionalLong.empty();
        }
        return own.stream().mapToLong(s -> s.position().getAsLong()).min();
    }

    private static long lag(OptionalLong position, Head head) {
        if (head.index() == null) {
            return 0;
        }
        return Math.max(0, head.index() - position.orElse(head.first() - 1));
    }

    private long lagSeconds(OptionalLong position, Head head) {
        if (head.index() == null || lag(position, head) == 0) {
            return 0;
        }
        Instant applied = position.isEmpty() ? recordedAt(head.first()) : recordedAtOrBefore(position.getAsLong());
        if (applied == null || head.recordedAt() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(applied, head.recordedAt()).toSeconds());
    }

    private Head head() {
        return jdbc.query("""
                        SELECT (SELECT max(global_index) FROM domain_event_entry) AS head,
                               (SELECT min(global_index) FROM domain_event_entry) AS first""", rs -> {
            rs.next();
            Long head = rs.getObject("head", Long.class);
            Long first = rs.getObject("first", Long.class);
            return new Head(head, head == null ? null : recordedAt(head), first == null ? 1 : first);
        });
    }

    private Instant recordedAt(long globalIndex) {
        return jdbc
                .query(
                        "SELECT time_stamp FROM domain_event_entry WHERE global_index = ?",
                        (rs, n) -> instant(rs.getString(1)),
                        globalIndex)
                .stream()
                .findFirst()
                .orElse(null);
    }

    private Instant recordedAtOrBefore(long globalIndex) {
        return jdbc.query("""
                        SELECT time_stamp FROM domain_event_entry WHERE global_index <= ?
                        ORDER BY global_index DESC LIMIT 1""", (rs, n) -> instant(rs.getString(1)), globalIndex).stream()
                .findFirst()
                .orElse(null);
    }

    private Map<String, Long> deadLetters(List<String> processors) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(
                """
                        SELECT processing_group, count(*) FROM dead_letter_entry WHERE processing_group = ANY(?)
                        GROUP BY processing_group""",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                },
                (Object) processors.toArray(String[]::new));
        return counts;
    }

    private List<ClusterNodes.Node> liveNodes() {
        return nodes.live();
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
