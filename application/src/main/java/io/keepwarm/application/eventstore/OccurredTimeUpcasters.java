package io.keepwarm.application.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import java.util.function.UnaryOperator;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Events recorded before contacts had occurred times (SPEC §4): they read as occurred = recorded.
 *
 * <ul>
 *   <li>{@link ContactAdded} 1 → 2: {@code knownSince = addedAt};</li>
 *   <li>{@link CadenceSet} 1 → 2: {@code effectiveFrom = firstDueAt = setAt};</li>
 *   <li>{@link ContactDetailsUpdated} 1 → 2: {@code knownSince} null (it could not change it).</li>
 * </ul>
 *
 * Axon's Spring Boot support puts every {@code EventUpcaster} bean in the chain its event store, its processors and
 * {@code OwnerEventLog} read through. They rewrite the payload's JSON object only at its top level; the sealed
 * personal fields inside it are left as they are.
 */
@Configuration(proxyBeanMethods = false)
public class OccurredTimeUpcasters {

    @Bean
    public SingleEventUpcaster contactAddedKnownSince() {
        return new Revision1To2(ContactAdded.class, payload -> payload.set("knownSince", payload.get("addedAt")));
    }

    @Bean
    public SingleEventUpcaster cadenceSetEffectiveFrom() {
        return new Revision1To2(CadenceSet.class, payload -> {
            JsonNode setAt = payload.get("setAt");
            payload.set("effectiveFrom", setAt);
            return payload.set("firstDueAt", setAt);
        });
    }

    @Bean
    public SingleEventUpcaster contactDetailsUpdatedKnownSince() {
        return new Revision1To2(ContactDetailsUpdated.class, payload -> payload.putNull("knownSince"));
    }

    /** Revision 1 of one event type to revision 2, by a change of its JSON object. */
    static final class Revision1To2 extends SingleEventUpcaster {

        private final SimpleSerializedType from;
        private final SimpleSerializedType to;
        private final UnaryOperator<ObjectNode> change;

        Revision1To2(Class<?> type, java.util.function.Function<ObjectNode, JsonNode> change) {
            this.from = new SimpleSerializedType(type.getName(), "1");
            this.to = new SimpleSerializedType(type.getName(), "2");
            this.change = payload -> {
                change.apply(payload);
                return payload;
            };
        }

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return from.equals(representation.getType());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(to, JsonNode.class, node -> change.apply((ObjectNode) node));
        }
    }
}
