package io.keepwarm.web.testsupport;

import io.keepwarm.application.goingcold.GoingColdProjection;
import io.keepwarm.domain.contact.api.ContactEvent;
import java.lang.reflect.Executable;
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
