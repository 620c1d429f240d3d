package io.keepwarm.application.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on PostgreSQL: the JDBC event store and token store come from Axon's Spring Boot auto-configuration
 * (a DataSource is present, Axon Server is excluded); this class supplies what keepwarm decides itself.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Metadata keys every event carries (SPEC §1), copied from the command that caused it. */
    public static final String OWNER_ID = "ownerId";

    public static final String ACTOR_ID = "actorId";
    public static final String CORRELATION_ID = "correlationId";

    /** Metadata of the events an import appends (SPEC §8): the import's id, and its source ("LinkedIn", …). */
    public static final String IMPORT_ID = "importId";

    public static final String IMPORT_SOURCE = "importSource";

    @Bean
    @Primary
    public Serializer serializer() {
        // Tokens (a ReplayToken wraps another token) and dead-letter diagnostics need type information.
        return JacksonSerializer.builder()
                .objectMapper(StoredMessageMapper.create())
                .defaultTyping()
                .build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson();
    }

    /**
     * Two nodes appending to one contact at once: the loser breaks the unique (aggregate_identifier,
     * sequence_number) key (PostgreSQL SQLState 23505, also inside a batch). Recognised as such, Axon turns it into
     * a {@code ConcurrencyException}, which {@code ContactCommands} retries on fresh state.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeys();
    }

    /**
     * Axon's JDBC event storage engine as its auto-configuration builds it, but reading events in pages of
     * {@code keepwarm.event-store.fetch-size} (Axon's default is 100): a processor replaying the store for a
     * rebuild makes a tenth of the round trips. Live processors are not affected (they read what is new). It never
     * looks for snapshots, as keepwarm takes none and reads no empty last page ({@link KeepwarmJdbcEventStorageEngine}).
     */
    @Bean
    public EventStorageEngine eventStorageEngine(
            Serializer serializer,
            PersistenceExceptionResolver resolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            @Value("${keepwarm.event-store.fetch-size:1000}") int fetchSize) {
        return storageEngine(
                serializer,
                resolver,
                eventSerializer,
                configuration,
                connectionProvider,
                transactionManager,
                eventSchema,
                fetchSize);
    }

    /**
     * The storage engine as {@link #eventStorageEngine} builds it, reading payloads with {@code eventSerializer}: also
     * for a replay's own read-only message source ({@code ReplaySources}), which must never be a bean (Axon's
     * configuration would find two engines).
     */
    public static EventStorageEngine storageEngine(
            Serializer serializer,
            PersistenceExceptionResolver resolver,
            Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            int fetchSize) {
        return new KeepwarmJdbcEventStorageEngine(
                JdbcEventStorageEngine.builder()
                        .snapshotSerializer(serializer)
                        .upcasterChain(configuration.upcasterChain())
                        .persistenceExceptionResolver(resolver)
                        .eventSerializer(eventSerializer)
                        .snapshotFilter(configuration.snapshotFilter())
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .batchSize(fetchSize),
                eventSchema);
    }

    @Bean
    public NodeId nodeId(@Value("${keepwarm.node-id:}") String configured) {
        return NodeId.configuredOrGenerated(configured);
    }

    /**
     * Axon's JDBC token store, as its auto-configuration would build it, but owned by this node's {@link NodeId}:
     * Axon's default owner is {@code pid@host}, which two nodes in one JVM (or two containers with the same
     * pid) would share, and a shared owner lets one node take over the other's claimed segments. The claim
     * timeout ({@code axon.eventhandling.tokenstore.claim-timeout}) is how long a dead node's segments stay
     * claimed before another node takes them over.
     */
    @Bean
    public TokenStore tokenStore(
            ConnectionProvider connectionProvider,
            Serializer serializer,
            TokenSchema tokenSchema,
            TokenStoreProperties properties,
            NodeId nodeId) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(nodeId.value())
                .build();
    }

    @Bean
    public CorrelationDataProvider callerMetadata() {
        return new SimpleCorrelationDataProvider(OWNER_ID, ACTOR_ID, CORRELATION_ID, IMPORT_ID, IMPORT_SOURCE);
    }

    /** Commands and queries are never stored; plain JSON. Events: see {@code PersonalDataSerialization}. */
    private static Serializer jackson() {
        return JacksonSerializer.builder()
                .objectMapper(StoredMessageMapper.create())
                .build();
    }
}
