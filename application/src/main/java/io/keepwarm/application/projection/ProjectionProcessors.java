package io.keepwarm.application.projection;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The projection processors running on this node: one Axon streaming event processor per projection version
 * that should run (the active one, and the one being rebuilt), each with its own tokens and its own JDBC
 * dead-letter queue.
 *
 * <p>They are built here rather than by Axon's configuration because their names are only known at run time
 * ({@code going-cold@v3} exists once someone starts a rebuild) and they come and go while the application
 * runs. Each one is what Axon's Spring Boot configuration would build with {@code dlq.enabled=true}: the same
 * event store as message source, the same token store, transaction manager, parameter resolvers and handler
 * enhancers.
 *
 * <p>A serving version runs on a {@link TrackingEventProcessor}, which the embedded event store wakes the moment
 * an event is appended (read-your-writes waits for it after every write). A version being rebuilt runs, by
 * default ({@code keepwarm.projections.rebuild-processor=pooled}), on a {@link PooledStreamingEventProcessor},
 * which reads the store once for all its segments where a tracking processor reads it once per segment; once
 * the version serves, each node restarts it as a tracking processor on the same tokens.
 */
@Component
public class ProjectionProcessors {

    private static final Logger log = LoggerFactory.getLogger(ProjectionProcessors.class);

    /**
     * One processor running on this node.
     *
     * @param replaying whether it was started to rebuild its version (and so may be a pooled processor)
     */
    public record Running(ProjectionTables tables, StreamingEventProcessor processor,
                          DeadLetteringEventHandlerInvoker deadLetters, boolean replaying,
                          List<ScheduledExecutorService> executors) {

        public String name() {
            return processor.getName();
        }

        /** Segment ids this node is working on. */
        public Set<Integer> segments() {
            return new TreeSet<>(processor.processingStatus().keySet());
        }

        public boolean failing() {
            return processor.isError()
                    || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
        }
    }

    private final ObjectProvider<Configuration> axon;
    private final ObjectProvider<EventStore> eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final ConnectionProvider connectionProvider;
    private final DeadLetterSchema deadLetterSchema;
    private final Serializer serializer;
    private final Serializer eventSerializer;
    private final ProjectionSettings settings;
    private final Duration claimTimeout;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    public ProjectionProcessors(ObjectProvider<Configuration> axon, ObjectProvider<EventStore> eventStore,
                                TokenStore tokenStore, TransactionManager transactionManager,
                                ConnectionProvider connectionProvider, DeadLetterSchema deadLetterSchema,
                                Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                ProjectionSettings settings, TokenStoreProperties tokenStoreProperties) {
        this.axon = axon;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.connectionProvider = connectionProvider;
        this.deadLetterSchema = deadLetterSchema;
        this.serializer = serializer;
        this.eventSerializer = eventSerializer;
        this.settings = settings;
        this.claimTimeout = tokenStoreProperties.getClaimTimeout();
    }

    /**
     * Starts the processor of this projection version on this node, unless it already runs.
     *
     * @param rebuilding whether this version is being rebuilt (it then replays the store in larger batches)
     */
    public synchronized Running start(ProjectionDefinition definition, int version, boolean rebuilding) {
        ProjectionTables tables = ProjectionTables.of(definition, version);
        Running existing = running.get(tables.processorName());
        if (existing != null) {
            return existing;
        }
        Object handlers = definition.handlersFor(tables);
        Configuration configuration = axon.getObject();
        DeadLetteringEventHandlerInvoker invoker = DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(handlers)
                .parameterResolverFactory(configuration.parameterResolverFactory())
                .handlerDefinition(configuration.handlerDefinition(handlers.getClass()))
                // a contact's events stay in order: one poison event parks the rest of that contact behind it
                .sequencingPolicy(SequentialPerAggregatePolicy.instance())
                .queue(deadLetterQueue(tables.processorName()))
                .transactionManager(transactionManager)
                // without dead letters in the queue, no per-event lookup in dead_letter_entry
                .enableSequenceIdentifierCache()
                .build();
        Running started = rebuilding && settings.rebuildProcessor() == ProjectionSettings.Kind.POOLED
                ? pooled(tables, invoker)
                : tracking(tables, invoker, rebuilding);
        running.put(tables.processorName(), started);
        started.processor().start();
        log.info("started projection processor {} ({})", tables.processorName(),
                started.processor().getClass().getSimpleName());
        return started;
    }

    private Running tracking(ProjectionTables tables, DeadLetteringEventHandlerInvoker invoker, boolean rebuilding) {
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(tables.processorName())
                .eventHandlerInvoker(invoker)
                .messageSource(eventStore.getObject())
                .tokenStore(tokenStore)
                .transactionManager(transactionManager)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forParallelProcessing(settings.threads())
                        .andInitialSegmentsCount(settings.segments())
                        .andBatchSize(rebuilding ? settings.rebuildBatchSize() : settings.batchSize())
                        // from the first event, as a plain token: a new version is a fresh build, not a replay
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                        .andTokenClaimInterval(settings.tokenClaimInterval().toMillis(), MILLISECONDS))
                .build();
        return new Running(tables, processor, invoker, rebuilding, List.of());
    }

    private Running pooled(ProjectionTables tables, DeadLetteringEventHandlerInvoker invoker) {
        ScheduledExecutorService coordinator = Executors.newScheduledThreadPool(1,
                new AxonThreadFactory("Coordinator[" + tables.processorName() + "]"));
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(settings.threads(),
                new AxonThreadFactory("WorkPackage[" + tables.processorName() + "]"));
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(tables.processorName())
                .eventHandlerInvoker(invoker)
                .messageSource(eventStore.getObject())
                .tokenStore(tokenStore)
                .transactionManager(transactionManager)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(settings.segments())
                .initialToken(StreamableMessageSource::createTailToken)
                .batchSize(settings.rebuildBatchSize())
                .tokenClaimInterval(settings.tokenClaimInterval().toMillis())
                // an idle pooled processor refreshes its claims this often (Axon's default, 5 s, would outlive a
                // short claim timeout and let another node take segments that are still worked on)
                .claimExtensionThreshold(Math.min(5000, claimTimeout.toMillis() / 3))
                .build();
        return new Running(tables, processor, invoker, true, List.of(coordinator, workers));
    }

    /** Stops this node's processor of that name, releasing its segments for other nodes. */
    public void stop(String processorName) {
        Running stopping;
        synchronized (this) {
            stopping = running.remove(processorName);
        }
        if (stopping != null) {
            stopping.processor().shutDown();
            stopping.executors().forEach(ScheduledExecutorService::shutdown);
            log.info("stopped projection processor {}", processorName);
        }
    }

    public void stopAll() {
        running.keySet().forEach(this::stop);
    }

    public Optional<Running> get(String processorName) {
        return Optional.ofNullable(running.get(processorName));
    }

    public Set<String> names() {
        return new TreeSet<>(running.keySet());
    }

    public Map<String, Running> all() {
        return Map.copyOf(running);
    }

    private JdbcSequencedDeadLetterQueue<EventMessage<?>> deadLetterQueue(String processingGroup) {
        return JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(processingGroup)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(deadLetterSchema)
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build();
    }
}
