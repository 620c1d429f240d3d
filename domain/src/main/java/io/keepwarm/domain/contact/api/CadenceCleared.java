package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The relationship is no longer tracked. */
@Revision("1")
public record CadenceCleared(ContactId contactId, OwnerId ownerId, Instant clearedAt) implements ContactEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.cadenceCleared(this);
    }
}
