package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An archived contact came back. */
@Revision("1")
public record ContactRestored(ContactId contactId, OwnerId ownerId, Instant restoredAt) implements ContactEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.restored(this);
    }
}
