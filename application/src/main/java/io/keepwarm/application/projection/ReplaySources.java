package io.keepwarm.application.projection;

import io.keepwarm.application.eventstore.EventStoreConfiguration;
import io.keepwarm.application.privacy.ContactKeys;
import io.keepwarm.application.privacy.PersonalDataSerialization;
import jakarta.annotation.PreDestroy;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a rebuilding version's processor reads the store, and with which serializer its dead letters are written.
 *
 * <p>A projection whose handlers read notes ({@link ProjectionDefinition#readsNotes()}) reads the application's event
 * store, as every processor did. One that does not (going-cold) reads a store of its own over the same table, whose
 * serializer leaves every note unread ({@link PersonalDataSerialization#eventSerializerNotesUnread}): no key lookup,
 * no AES-GCM, no parsing of the note's JSON. Its messages are never shared with a processor that reads notes: the
 * application's store caches the messages it hands out and passes the same instances to every processor near the
 * head, so the change could not be made there (docs/adr/0030).
 *
 * <p>Its dead-letter queue writes with that same serializer, so a parked event is stored as the row it was read
 * from (Axon keeps a message's serialized payload when the serializer is the one that read it), note included.
 *
 * <p>The store of its own is read-only (nothing is appended through it) and hears of no commit: near the head it
 * polls the table, once a second when nothing is new, which is how the application's store sees other nodes' events.
 */
@Component
public class ReplaySources {

    /** One source: the stream, and the serializer its events are (re)written with. */
    public record Source(StreamableMessageSource<TrackedEventMessage<?>> stream, Serializer eventSerializer) {}

    private final ObjectProvider<EventStore> eventStore;
    private final Serializer eventSerializer;
    private final Serializer serializer;
    private final PersistenceExceptionResolver resolver;
    private final ObjectProvider<Configuration> axon;
    private final ConnectionProvider connectionProvider;
    private final TransactionManager transactionManager;
    private final EventSchema eventSchema;
    private final ContactKeys keys;
    private final int fetchSize;
    private Source notesUnread;

    public ReplaySources(
            ObjectProvider<EventStore> eventStore,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer serializer,
            PersistenceExceptionResolver resolver,
            ObjectProvider<Configuration> axon,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            ContactKeys keys,
            @Value("${keepwarm.event-store.fetch-size:1000}") int fetchSize) {
        this.eventStore = eventStore;
        this.eventSerializer = eventSerializer;
        this.serializer = serializer;
        this.resolver = resolver;
        this.axon = axon;
        this.connectionProvider = connectionProvider;
        this.transactionManager = transactionManager;
        this.eventSchema = eventSchema;
        this.keys = keys;
        this.fetchSize = fetchSize;
    }

    /** The source a rebuild of this projection reads. */
    public Source forReplayOf(ProjectionDefinition definition) {
        if (definition.readsNotes()) {
            return new Source(eventStore.getObject(), eventSerializer);
        }
        return notesUnread();
    }

    private synchronized Source notesUnread() {
        if (notesUnread == null) {
            Serializer notesUnreadSerializer = PersonalDataSerialization.eventSerializerNotesUnread(keys);
            EmbeddedEventStore store = EmbeddedEventStore.builder()
                    .storageEngine(EventStoreConfiguration.storageEngine(
                            serializer,
                            resolver,
                            notesUnreadSerializer,
                            axon.getObject(),
                            connectionProvider,
                            transactionManager,
                            eventSchema,
                            fetchSize))
                    .build();
            notesUnread = new Source(store, notesUnreadSerializer);
        }
        return notesUnread;
    }

    @PreDestroy
    synchronized void shutDown() {
        if (notesUnread != null && notesUnread.stream() instanceof EmbeddedEventStore store) {
            store.shutDown();
        }
    }
}
