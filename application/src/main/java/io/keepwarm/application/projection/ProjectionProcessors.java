package io.keepwarm.application.projection;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.keepwarm.application.privacy.KeyPrefetch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The streaming processors running on this node: one Axon {@link TrackingEventProcessor} per projection version
 * being rebuilt, each with its own tokens and its own JDBC dead-letter queue. The active versions have none: they
 * are written inline ({@link LiveProjections}).
 *
 * <p>They are built here rather than by Axon's configuration because their names are only known at run time
 * ({@code going-cold@v3} exists once someone starts a rebuild) and they come and go while the application
 * runs. Each one is what Axon's Spring Boot configuration would build for a tracking processor with
 * {@code dlq.enabled=true}: the same token store, transaction manager, parameter resolvers and handler enhancers,
 * and as message source the event store, or for a projection that reads no notes a store of its own that leaves
 * them unread ({@link ReplaySources}).
 *
 * <p>A version being rebuilt runs on a tracking processor too, in larger batches. A pooled streaming processor
 * reads the store once for all segments rather than once per segment, but replaying going-cold on one measured
 * slower (docs/projections.md, "Benchmark").
 */
@Component
public class ProjectionProcessors {

    private static final Logger log = LoggerFactory.getLogger(ProjectionProcessors.class);
    private static final String GUARDED = ProjectionProcessors.class.getName() + ".guarded";

    /** One processor running on this node. */
    public record Running(
            ProjectionTables tables, TrackingEventProcessor processor, DeadLetteringEventHandlerInvoker deadLetters) {

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
    private final ReplaySources sources;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final ConnectionProvider connectionProvider;
    private final DeadLetterSchema deadLetterSchema;
    private final Serializer serializer;
    private final ProjectionSettings settings;
    private final ProjectionHandOver handOver;
    private final KeyPrefetch keyPrefetch;
    private final RebuildReplay replay;
    private final ObjectProvider<ProjectionCoordinator> coordinator;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    public ProjectionProcessors(
            ObjectProvider<Configuration> axon,
            ReplaySources sources,
            TokenStore tokenStore,
            TransactionManager transactionManager,
            ConnectionProvider connectionProvider,
            DeadLetterSchema deadLetterSchema,
            Serializer serializer,
            ProjectionSettings settings,
            ProjectionHandOver handOver,
            KeyPrefetch keyPrefetch,
            RebuildReplay replay,
            ObjectProvider<ProjectionCoordinator> coordinator) {
        this.replay = replay;
        this.coordinator = coordinator;
        this.axon = axon;
        this.sources = sources;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.connectionProvider = connectionProvider;
        this.deadLetterSchema = deadLetterSchema;
        this.serializer = serializer;
        this.settings = settings;
        this.handOver = handOver;
        this.keyPrefetch = keyPrefetch;
    }

    /**
     * Starts the processor of this projection version on this node, unless it already runs.
     */
    public synchronized Running start(ProjectionDefinition definition, int version) {
        ProjectionTables tables = ProjectionTables.of(definition, version);
        Running existing = running.get(tables.processorName());
        if (existing != null) {
            return existing;
        }
        Object handlers = definition.handlersFor(tables);
        ReplaySources.Source source = sources.forReplayOf(definition);
        Configuration configuration = axon.getObject();
        DeadLetteringEventHandlerInvoker invoker = DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(handlers)
                .parameterResolverFactory(configuration.parameterResolverFactory())
                .handlerDefinition(configuration.handlerDefinition(handlers.getClass()))
                // a contact's events stay in order: one poison event parks the rest of that contact behind it
                .sequencingPolicy(SequentialPerAggregatePolicy.instance())
                .queue(deadLetterQueue(tables.processorName(), source.eventSerializer()))
                .transactionManager(transactionManager)
                // without dead letters in the queue, no per-event lookup in dead_letter_entry
                .enableSequenceIdentifierCache()
                .build();
        Running started = tracking(tables, invoker, source);
        running.put(tables.processorName(), started);
        started.processor().start();
        log.info("started projection processor {}", tables.processorName());
        return started;
    }

    private Running tracking(
            ProjectionTables tables, DeadLetteringEventHandlerInvoker invoker, ReplaySources.Source source) {
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(tables.processorName())
                .eventHandlerInvoker(invoker)
                .messageSource(source.stream())
                .tokenStore(tokenStore)
                .transactionManager(transactionManager)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forParallelProcessing(
                                settings.threads())
                        .andInitialSegmentsCount(settings.segments())
                        .andBatchSize(settings.rebuildBatchSize())
                        // from the first event, as a plain token: a new version is a fresh build, not a replay
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                        .andTokenClaimInterval(settings.tokenClaimInterval().toMillis(), MILLISECONDS))
                .build();
        processor.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.resources().putIfAbsent(GUARDED, Boolean.TRUE) == null) {
                // Registered before the handlers queue their SQL, so it runs before the batch writes anything
                // (handlers only fold and queue; ProjectionBatch writes at prepare-commit): the hand-over lock in
                // shared mode until the batch commits, and whether this version is still the one being rebuilt.
                // After the switch (or a cancel) it is not: the inline writer owns the version (or it is being
                // dropped), and the batch rolls back. So no batch commits after the switch took over, on any node,
                // and the lock is held only while the batch writes and commits (docs/adr/0019).
                unitOfWork.onPrepareCommit(batch -> {
                    boolean current = handOver.shared()
                            .rebuilding(tables.projection())
                            .filter(version -> version == tables.version())
                            .isPresent();
                    if (!current) {
                        throw new RetiredVersion(tables);
                    }
                    // then the version's own lock, and whether its handlers may still defer (docs/adr/0028)
                    replay.enterBatch(tables, batch);
                });
                // A batch shorter than the batch size found no more events: this segment has reached the head, so
                // this node looks at once whether the rebuild can finish its replay and switch, rather than at
                // its next tick.
                unitOfWork.afterCommit(batch -> {
                    if (batch instanceof BatchingUnitOfWork<?> events
                            && events.getMessages().size() < settings.rebuildBatchSize()) {
                        coordinator.ifAvailable(ProjectionCoordinator::nudge);
                    }
                });
            }
            return chain.proceed();
        });
        processor.registerHandlerInterceptor(keyPrefetch);
        return new Running(tables, processor, invoker);
    }

    /** Stops this node's processor of that name, releasing its segments for other nodes. */
    public void stop(String processorName) {
        Running stopping;
        synchronized (this) {
            stopping = running.remove(processorName);
        }
        if (stopping != null) {
            stopping.processor().shutDown();
            log.info("stopped projection processor {}", processorName);
        }
    }

    /** Stops every processor of this node at once (each may wait for a batch to finish). */
    public void stopAll() {
        List<Running> stopping;
        synchronized (this) {
            stopping = List.copyOf(running.values());
            running.clear();
        }
        CompletableFuture.allOf(stopping.stream()
                        .map(processor -> processor.processor().shutdownAsync())
                        .toArray(CompletableFuture[]::new))
                .join();
        log.info(
                "stopped projection processors {}",
                stopping.stream().map(Running::name).toList());
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

    /** A batch of a version that is no longer being rebuilt: it writes nothing, and this node stops its processor. */
    static final class RetiredVersion extends IllegalStateException {
        RetiredVersion(ProjectionTables tables) {
            super(tables.processorName() + " is no longer being rebuilt (switched or cancelled); its batch is dropped");
        }
    }

    private JdbcSequencedDeadLetterQueue<EventMessage<?>> deadLetterQueue(
            String processingGroup, Serializer eventSerializer) {
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
