package io.keepwarm.application.projection;

import io.keepwarm.application.privacy.KeyPrefetch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The live versions of every projection, written inline: in the transaction of the command that appends the events
 * (docs/adr/0019-live-read-models-inline.md). A read after a write needs no wait, and a projection that fails
 * fails the command, so nothing is appended that the read models have not applied.
 *
 * <p>One Axon {@link SubscribingEventProcessor} ({@value #PROCESSOR}) subscribed to the event store: the store
 * hands it the events of a unit of work right after appending them, in the command's own unit of work and
 * transaction. For each projection it calls the same handlers a rebuilding version's streaming processor calls,
 * created for the version that is active in this transaction: the first event of a transaction takes the
 * hand-over lock in shared mode and reads the active versions ({@link ProjectionHandOver#shared()}). Handlers
 * batch their SQL per unit of work ({@code ProjectionBatch}), so a command writes each read model with a few
 * set-based statements at its prepare-commit, whatever it appended. Exceptions propagate: a handler's reaches the
 * command (Axon's default for event listeners would log and swallow it), and so does a failed flush.
 */
@Component
public class LiveProjections implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveProjections.class);

    public static final String PROCESSOR = "live-projections";
    private static final String VERSIONS = LiveProjections.class.getName() + ".versions";

    private final Projections projections;
    private final ProjectionHandOver handOver;
    private final ObjectProvider<Configuration> axon;
    private final ObjectProvider<EventStore> eventStore;
    private final TransactionManager transactionManager;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final SegmentClaims claims;
    private final KeyPrefetch keyPrefetch;
    private final Map<ProjectionTables, EventHandlerInvoker> invokers = new ConcurrentHashMap<>();
    private volatile SubscribingEventProcessor processor;

    public LiveProjections(
            Projections projections,
            ProjectionHandOver handOver,
            ObjectProvider<Configuration> axon,
            ObjectProvider<EventStore> eventStore,
            TransactionManager transactionManager,
            TransactionTemplate transaction,
            JdbcTemplate jdbc,
            SegmentClaims claims,
            KeyPrefetch keyPrefetch) {
        this.keyPrefetch = keyPrefetch;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.claims = claims;
        this.projections = projections;
        this.handOver = handOver;
        this.axon = axon;
        this.eventStore = eventStore;
        this.transactionManager = transactionManager;
    }

    /**
     * The handlers of one version as an Axon invoker: the parameter resolvers and handler enhancers Axon's own
     * configuration uses, and every exception propagated.
     */
    public EventHandlerInvoker invoker(ProjectionTables tables) {
        return invokers.computeIfAbsent(tables, key -> {
            Object handlers = projections.definition(key.projection()).handlersFor(key);
            Configuration configuration = axon.getObject();
            return SimpleEventHandlerInvoker.builder()
                    .eventHandlers(handlers)
                    .parameterResolverFactory(configuration.parameterResolverFactory())
                    .handlerDefinition(configuration.handlerDefinition(handlers.getClass()))
                    .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                    .build();
        });
    }

    /** Applies one event to every projection's active version, in the current unit of work. */
    private void apply(EventMessage<?> appended) throws Exception {
        EventMessage<?> event = asStored(appended);
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        ProjectionHandOver.Versions versions = root.getOrComputeResource(VERSIONS, key -> handOver.shared());
        for (ProjectionDefinition definition : projections.definitions()) {
            ProjectionTables tables = ProjectionTables.of(definition, versions.active(definition.name()));
            invoker(tables).handle(event, Segment.ROOT_SEGMENT);
        }
    }

    /**
     * Applies to the given version every committed event the given segments' tokens do not cover, in the current
     * transaction, which holds the hand-over lock exclusively: the hand-over from a streaming processor to the
     * inline writer. Returns how many events it applied.
     */
    public int catchUp(ProjectionTables target, List<SegmentClaims.Segment> segments) {
        EventHandlerInvoker invoker = invoker(target);
        // a unit of work per page: the handlers' batches are written per page, all in the caller's transaction; the
        // page's keys are read with one query first, as a rebuild's batch does, not one query per sealed contact
        return handOver.uncovered(segments, page -> {
            keyPrefetch.prefetch(page);
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactionManager);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                for (TrackedEventMessage<?> event : page) {
                    invoker.handle(event, Segment.ROOT_SEGMENT);
                }
                return null;
            });
            if (result.isExceptional()) {
                throw new IllegalStateException(
                        "the hand-over of " + target.processorName() + " failed", result.exceptionResult());
            }
        });
    }

    /**
     * Once per database, before this node writes anything inline: a projection whose live version an asynchronous
     * processor fed (keepwarm before ADR 0019) gets the events that processor had not applied yet.
     */
    private void handOverFromAsynchronousProcessors() {
        for (ProjectionDefinition definition : projections.definitions()) {
            transaction.executeWithoutResult(status -> {
                handOver.exclusive();
                List<Integer> pending = jdbc.queryForList(
                        "SELECT active_version FROM projection_version WHERE projection = ? AND NOT written_inline",
                        Integer.class,
                        definition.name());
                if (pending.isEmpty()) {
                    return;
                }
                ProjectionTables tables = ProjectionTables.of(definition, pending.get(0));
                int applied = catchUp(tables, claims.of(tables.processorName()));
                jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", tables.processorName());
                jdbc.update(
                        "UPDATE projection_version SET written_inline = TRUE WHERE projection = ?", definition.name());
                log.info(
                        "{} is written inline from now on; {} events its processor had not applied were applied",
                        tables.processorName(),
                        applied);
            });
        }
    }

    /**
     * The event as the store gives it back to a streaming processor, so that the live version and a rebuild write
     * the same rows: the store keeps the timestamp to the millisecond ({@link DateTimeUtils#formatInstant}), the
     * appended message has the clock's full precision.
     */
    private static EventMessage<?> asStored(EventMessage<?> event) {
        Instant stored = DateTimeUtils.parseInstant(DateTimeUtils.formatInstant(event.getTimestamp()));
        if (stored.equals(event.getTimestamp()) || !(event instanceof DomainEventMessage<?> domain)) {
            return event;
        }
        return new GenericDomainEventMessage<>(
                domain.getType(), domain.getAggregateIdentifier(), domain.getSequenceNumber(), domain, stored);
    }

    @Override
    public synchronized void start() {
        if (processor != null) {
            return;
        }
        handOverFromAsynchronousProcessors();
        SubscribingEventProcessor subscribing = SubscribingEventProcessor.builder()
                .name(PROCESSOR)
                .messageSource(eventStore.getObject())
                .transactionManager(transactionManager)
                .errorHandler(PropagatingErrorHandler.instance())
                .eventHandlerInvoker(new EventHandlerInvoker() {
                    @Override
                    public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
                        return true;
                    }

                    @Override
                    public boolean canHandleType(Class<?> payloadType) {
                        return true;
                    }

                    @Override
                    public void handle(EventMessage<?> message, Segment segment) throws Exception {
                        apply(message);
                    }
                })
                .build();
        subscribing.start();
        processor = subscribing;
        log.info(
                "live projections {} applied inline",
                projections.definitions().stream()
                        .map(ProjectionDefinition::name)
                        .toList());
    }

    @Override
    public synchronized void stop() {
        if (processor != null) {
            processor.shutDown();
            processor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return processor != null;
    }

    /** After Axon's own lifecycle, before the projection coordinator and the web server. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2600;
    }
}
