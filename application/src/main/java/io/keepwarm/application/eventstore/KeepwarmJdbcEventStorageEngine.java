package io.keepwarm.application.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine without two round trips that every aggregate load makes and keepwarm never needs, and
 * with a cheaper reading of each streamed row's {@code time_stamp}. The round trips were found by counting statements
 * per write with {@code pg_stat_statements}, the time stamps by profiling a rebuild (docs/bench.md).
 *
 * <ul>
 *   <li>No snapshot lookup: keepwarm takes no snapshots, as a snapshot would hold a contact's personal data
 *       outside the sealed events, where forgetting the contact's key could not reach it (docs/adr/0007).</li>
 *   <li>No final empty page: Axon's JDBC engine reads an aggregate's events page by page until a page comes back
 *       empty, in case sequence numbers have holes. A contact's sequence numbers have none (Axon appends them
 *       consecutively and keepwarm never deletes an event), so a page shorter than the page size is the last.</li>
 *   <li>Each streamed row's time stamp is parsed once, field by field ({@link StoredInstants#parse}), not by a
 *       {@code DateTimeFormatter} each time it is asked for: Axon asks for it on every row, only to decide whether
 *       the token may keep gaps below it (11.5 % of a rebuilding processor's time, docs/bench.md). The token is
 *       computed exactly as {@link JdbcEventStorageEngine#getTrackedEventData} computes it, with the gap settings
 *       this engine is built with ({@link #configured}).</li>
 * </ul>
 */
class KeepwarmJdbcEventStorageEngine extends JdbcEventStorageEngine {

    /** Axon's defaults, set explicitly so that the token computation below uses the same values. */
    static final int MAX_GAP_OFFSET = 10_000;

    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    private final EventSchema schema;

    KeepwarmJdbcEventStorageEngine(Builder builder, EventSchema schema) {
        super(configured(builder).schema(schema));
        this.schema = schema;
    }

    /** The builder with the gap settings {@link #getTrackedEventData} relies on. */
    static Builder configured(Builder builder) {
        return builder.maxGapOffset(MAX_GAP_OFFSET)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(GAP_TIMEOUT_MILLIS);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        Object timeStamp = readTimeStamp(resultSet, schema.timestampColumn());
        ParsedTimeStampEntry event = new ParsedTimeStampEntry(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                timeStamp,
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        boolean allowGaps =
                event.getTimestamp().isAfter(GenericEventMessage.clock.instant().minusMillis(GAP_TIMEOUT_MILLIS));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(
                    globalSequence,
                    allowGaps
                            ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence)
                                    .boxed()
                                    .collect(Collectors.toCollection(TreeSet::new))
                            : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, event);
    }

    /** A streamed row whose time stamp is parsed once, when the row is read. */
    private static final class ParsedTimeStampEntry extends GenericDomainEventEntry<Object> {

        private final Instant timestamp;

        ParsedTimeStampEntry(
                String type,
                String aggregateIdentifier,
                long sequenceNumber,
                String eventIdentifier,
                Object timeStamp,
                String payloadType,
                String payloadRevision,
                Object payload,
                Object metaData) {
            super(
                    type,
                    aggregateIdentifier,
                    sequenceNumber,
                    eventIdentifier,
                    timeStamp,
                    payloadType,
                    payloadRevision,
                    payload,
                    metaData);
            Instant parsed = timeStamp instanceof String text ? StoredInstants.parse(text) : null;
            this.timestamp = parsed != null ? parsed : super.getTimestamp();
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
