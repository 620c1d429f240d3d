package io.keepwarm.application.projection;

import io.keepwarm.application.OperationRefused;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dead letters of a projection: events a handler failed on, parked in Axon's JDBC dead-letter queue
 * ({@code dead_letter_entry}) with every later event of the same contact queued behind them, while the other
 * contacts flow on. Covers the serving version and, during a rebuild, the version being built.
 */
@Component
public class ProjectionDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(ProjectionDeadLetters.class);

    /**
     * One parked event.
     *
     * @param sequenceIndex its place in the contact's queue; only the first of a contact has a cause, the others
     *                      wait behind it
     */
    public record DeadLetterRow(
            String deadLetterId,
            String processor,
            String eventId,
            String type,
            UUID contactId,
            Long sequenceNumber,
            long sequenceIndex,
            String causeType,
            String causeMessage,
            Instant enqueuedAt,
            Instant lastTouched) {}

    /** What a retry did: contacts whose queue was applied in full, and the letters still parked. */
    public record RetryResult(int sequencesRetried, int sequencesStillFailing, long remaining) {}

    private final Projections projections;
    private final ProjectionProcessors processors;
    private final JdbcTemplate jdbc;
    private final RebuildReplay replay;

    public ProjectionDeadLetters(
            Projections projections, ProjectionProcessors processors, JdbcTemplate jdbc, RebuildReplay replay) {
        this.replay = replay;
        this.projections = projections;
        this.processors = processors;
        this.jdbc = jdbc;
    }

    public List<DeadLetterRow> list(String name) {
        return jdbc.query(
                """
                        SELECT dead_letter_id, processing_group, event_identifier, payload_type, aggregate_identifier,
                               sequence_number, sequence_index, cause_type, cause_message, enqueued_at, last_touched
                        FROM dead_letter_entry WHERE processing_group = ANY(?)
                        ORDER BY processing_group, enqueued_at, sequence_identifier, sequence_index""",
                (rs, n) -> new DeadLetterRow(
                        rs.getString("dead_letter_id"),
                        rs.getString("processing_group"),
                        rs.getString("event_identifier"),
                        simpleName(rs.getString("payload_type")),
                        uuid(rs.getString("aggregate_identifier")),
                        rs.getObject("sequence_number", Long.class),
                        rs.getLong("sequence_index"),
                        rs.getString("cause_type"),
                        rs.getString("cause_message"),
                        instant(rs.getString("enqueued_at")),
                        instant(rs.getString("last_touched"))),
                (Object) processors(name).toArray(String[]::new));
    }

    /**
     * Tries every parked contact once, oldest first, through Axon's {@code processAny()}: a contact's letters are
     * applied in order and leave the queue; the first that fails again stays, with the rest behind it.
     */
    public RetryResult retry(String name) {
        int retried = 0;
        int failing = 0;
        for (String processor : processors(name)) {
            Integer sequences = jdbc.queryForObject(
                    "SELECT count(DISTINCT sequence_identifier) FROM dead_letter_entry WHERE processing_group = ?",
                    Integer.class,
                    processor);
            if (sequences == null || sequences == 0) {
                continue;
            }
            ProjectionProcessors.Running running = processors
                    .get(processor)
                    .orElseThrow(() -> OperationRefused.conflict(
                            "projection.not-running", processor + " is not running on this node; try again shortly"));
            for (int attempt = 0; attempt < sequences; attempt++) {
                // ordered against the step that finishes a rebuild's replay (docs/adr/0028)
                if (replay.retrying(processor, () -> running.deadLetters().processAny())) {
                    retried++;
                } else {
                    failing++;
                }
            }
        }
        Long remaining = jdbc.queryForObject(
                "SELECT count(*) FROM dead_letter_entry WHERE processing_group = ANY(?)", Long.class, (Object)
                        processors(name).toArray(String[]::new));
        log.info("retried the dead letters of {}: {} contacts applied, {} still failing", name, retried, failing);
        return new RetryResult(retried, failing, remaining == null ? 0 : remaining);
    }

    private List<String> processors(String name) {
        projections.definition(name);
        List<String> names =
                new ArrayList<>(List.of(ProjectionTables.processorName(name, projections.activeVersion(name))));
        projections.running(name).ifPresent(rebuild -> names.add(rebuild.toProcessor()));
        return names;
    }

    private static String simpleName(String payloadType) {
        return payloadType == null ? null : payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
