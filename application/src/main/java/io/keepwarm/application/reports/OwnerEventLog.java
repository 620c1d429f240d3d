package io.keepwarm.application.reports;

import io.keepwarm.application.eventstore.AxonSchemas;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.OwnerId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads one owner's events straight from Axon's event table, in append order, through the
 * {@code (owner_id, global_index)} index (V7 migration, docs/adr/0004-owner-scoped-event-reads.md).
 *
 * <p>Rows go through the same upcaster chain and the same event serializer as Axon's own reads, so an upcaster
 * registered for a changed event applies here too. The payload is deserialized only for events the caller's
 * filter keeps; the filter sees the payload class and the recorded instant, which cost no deserialization.
 *
 * <p>The whole read runs in one read-only, repeatable-read transaction with a server-side cursor: one consistent
 * snapshot, streamed in fetch-size chunks rather than loaded at once.
 */
@Component
public class OwnerEventLog {

    static final int FETCH_SIZE = 2_000;

    /** The owner's events in append order: a range scan of the {@code (owner_id, global_index)} index. */
    public static final String SELECT = """
            SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp,
                   payload_type, payload_revision, payload, meta_data
            FROM %s WHERE owner_id = ? ORDER BY global_index""".formatted(AxonSchemas.EVENT_TABLE);

    /**
     * Run in the read's transaction before {@link #SELECT}: the owner's rows must come out of the index in order,
     * never be gathered and sorted first. With statistics (ANALYZE, or autovacuum once the store has grown), the
     * planner costs the index's random heap reads above a bitmap heap scan followed by a sort of all the owner's
     * rows, and picks the sort: the first row then waits for the last, and a large owner's sort spills to disk,
     * which defeats the streamed read. Sorting is made a last resort for this one statement's transaction.
     */
    public static final String PLAN_SETTINGS = "SET LOCAL enable_sort = off";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Serializer eventSerializer;
    private final Supplier<EventUpcaster> upcasters;

    @Autowired
    public OwnerEventLog(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration axon) {
        this(dataSource, transactionManager, eventSerializer, axon::upcasterChain);
    }

    /** Outside Spring (a benchmark, a tool); {@code upcasters} is asked on every read, as Axon builds its chain late. */
    public OwnerEventLog(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            Serializer eventSerializer,
            Supplier<EventUpcaster> upcasters) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.eventSerializer = eventSerializer;
        this.upcasters = upcasters;
    }

    /** One event of the owner's stream: its global position, when it was recorded, and its payload. */
    public record RecordedEvent(long position, Instant recordedAt, ContactEvent event) {}

    /**
     * Hands every event of the owner that {@code wanted} accepts to {@code consumer}, in append order.
     *
     * @param wanted sees each event's payload class and recorded instant before its payload is deserialized
     */
    public void replay(OwnerId ownerId, BiPredicate<Class<?>, Instant> wanted, Consumer<RecordedEvent> consumer) {
        EventUpcaster upcasterChain = upcasters.get();
        readOnly.executeWithoutResult(status -> {
            jdbc.execute(PLAN_SETTINGS);
            try (Stream<TrackedEventData<?>> rows = jdbc.queryForStream(SELECT, (rs, n) -> row(rs), ownerId.value());
                    Stream<TrackedEventMessage<?>> events =
                            EventUtils.upcastAndDeserializeTrackedEvents(rows, eventSerializer, upcasterChain)) {
                events.forEach(message -> {
                    Class<?> type = message.getPayloadType();
                    if (!ContactEvent.class.isAssignableFrom(type)) {
                        return; // not a contact event, or one this code does not know (yet)
                    }
                    Instant recordedAt = message.getTimestamp();
                    if (!wanted.test(type, recordedAt)) {
                        return;
                    }
                    ContactEvent event = (ContactEvent) message.getPayload();
                    if (!event.ownerId().equals(ownerId)) {
                        return; // the metadata and the payload disagree: never show another owner's data
                    }
                    long position = ((GlobalSequenceTrackingToken) message.trackingToken()).getGlobalIndex();
                    consumer.accept(new RecordedEvent(position, recordedAt, event));
                });
            }
        });
    }

    /** Columns by position, in {@link #SELECT}'s order (a lookup by name costs a map probe per value). */
    private static TrackedEventData<?> row(ResultSet rs) throws SQLException {
        return new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(rs.getLong(1)),
                new Row(
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getString(5),
                        RecordedInstants.parse(rs.getString(6)),
                        new SimpleSerializedObject<>(rs.getBytes(9), byte[].class, rs.getString(7), rs.getString(8)),
                        new SerializedMetaData<>(rs.getBytes(10), byte[].class)));
    }

    /**
     * One row of the event table, as Axon's {@code GenericDomainEventEntry} would hold it but with the recorded
     * instant parsed once, by {@link RecordedInstants} (the entry would re-parse its text on every call).
     */
    private record Row(
            String getType,
            String getAggregateIdentifier,
            long getSequenceNumber,
            String getEventIdentifier,
            Instant getTimestamp,
            SerializedObject<byte[]> getPayload,
            SerializedObject<byte[]> getMetaData)
            implements DomainEventData<byte[]> {}
}
