package io.keepwarm.application.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Before an event processor handles a batch, loads the keys of every contact in the batch with one query
 * ({@link ContactKeys#prefetch}), so unsealing the batch's personal data does not cost a round trip per contact.
 * Found by the rebuild benchmark: with the keys of 100,000 contacts not all cached, a replay spent most of its time
 * in one-row key lookups. {@code ProjectionProcessors} registers it on every projection processor, and the hand-over
 * ({@code LiveProjections.catchUp}) calls it for each page it applies.
 */
@Component
public class KeyPrefetch implements MessageHandlerInterceptor<EventMessage<?>> {

    private final ContactKeys keys;

    public KeyPrefetch(ContactKeys keys) {
        this.keys = keys;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isFirstMessage()) {
            prefetch(batch.getMessages());
        }
        return interceptorChain.proceed();
    }

    /**
     * Loads the keys of every contact of these events that are not cached yet, with one query. Also for the
     * hand-over, which applies the store a page at a time ({@code LiveProjections.catchUp}).
     */
    public void prefetch(List<?> events) {
        List<UUID> contacts = new ArrayList<>();
        for (Object message : events) {
            if (message instanceof DomainEventMessage<?> event) {
                contactId(event.getAggregateIdentifier(), contacts);
            }
        }
        if (contacts.size() > 1) {
            keys.prefetch(contacts);
        }
    }

    private static void contactId(String aggregateIdentifier, List<UUID> into) {
        try {
            into.add(UUID.fromString(aggregateIdentifier));
        } catch (IllegalArgumentException notAContact) {
            // only contacts have keys
        }
    }
}
