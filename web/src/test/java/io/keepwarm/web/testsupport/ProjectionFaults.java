package io.keepwarm.web.testsupport;

import io.keepwarm.application.goingcold.GoingColdProjection;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.domain.contact.api.ContactEvent;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Test-only faults in the going-cold projection's event handlers, switched per contact: a poisoned contact's
 * events make the handler throw (a poison event, as a projection bug would); a held contact's events make it
 * wait until released (a slow rebuild that tests can catch in the act).
 *
 * <p>Registered for every test context through {@code META-INF/services} (Axon loads handler enhancers from the
 * class path), and inert while no contact is marked. Production code knows nothing of it.
 */
public class ProjectionFaults implements HandlerEnhancerDefinition {

    private static final Set<UUID> POISONED = ConcurrentHashMap.newKeySet();
    private static final Map<UUID, CountDownLatch> HELD = new ConcurrentHashMap<>();
    /**
     * While counting: how often each processor (version) of going-cold handled each event in a transaction that
     * committed, by event id.
     */
    private static final Map<String, Map<String, Integer>> APPLIED = new ConcurrentHashMap<>();

    private static volatile boolean counting;

    /** Starts counting how often each going-cold version handles each event (from scratch). */
    public static void countApplications() {
        APPLIED.clear();
        counting = true;
    }

    /**
     * For one going-cold processor (version): event id → how often its handlers were called with that event in a
     * transaction that committed.
     */
    public static Map<String, Integer> applications(String processorName) {
        return Map.copyOf(APPLIED.getOrDefault(processorName, Map.of()));
    }

    public static void poison(UUID contactId) {
        POISONED.add(contactId);
    }

    /** The fix is deployed: the contact's events are handled normally again. */
    public static void cure(UUID contactId) {
        POISONED.remove(contactId);
    }

    public static void hold(UUID contactId) {
        HELD.put(contactId, new CountDownLatch(1));
    }

    public static void releaseAll() {
        HELD.values().forEach(CountDownLatch::countDown);
        HELD.clear();
    }

    public static void reset() {
        POISONED.clear();
        releaseAll();
        counting = false;
        APPLIED.clear();
    }

    /**
     * Counts an application once the transaction it was made in commits: a batch that rolls back (a rebuild's batch
     * that finds its version switched, a retried batch, a command that failed) applied nothing, though its handlers
     * ran. Every handler call runs in a Spring-managed transaction (Axon's SpringTransactionManager); the switch's
     * catch-up joins the switch's own, so it counts when the switch commits.
     */
    private static void countOnCommit(String processor, String eventId) {
        Runnable count = () -> APPLIED.computeIfAbsent(processor, name -> new ConcurrentHashMap<>())
                .merge(eventId, 1, Integer::sum);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("a going-cold handler ran outside a transaction: " + processor);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }

    /** The processor name of the version a going-cold handler instance writes (its {@code tables} field). */
    private static String processorOf(Object handlers) {
        try {
            Field tables = handlers.getClass().getDeclaredField("tables");
            tables.setAccessible(true);
            return ((ProjectionTables) tables.get(handlers)).processorName();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean goingCold = original.canHandleMessageType(EventMessage.class)
                && original.unwrap(Executable.class)
                        .map(Executable::getDeclaringClass)
                        .filter(GoingColdProjection.class::equals)
                        .isPresent();
        if (!goingCold) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (message.getPayload() instanceof ContactEvent event) {
                    UUID contact = event.contactId().value();
                    if (POISONED.contains(contact)) {
                        throw new IllegalStateException("poisoned for a test: contact " + contact);
                    }
                    if (counting) {
                        countOnCommit(processorOf(target), message.getIdentifier());
                    }
                    CountDownLatch held = HELD.get(contact);
                    if (held != null) {
                        held.await(2, TimeUnit.MINUTES);
                    }
                }
                return super.handle(message, target);
            }
        };
    }
}
