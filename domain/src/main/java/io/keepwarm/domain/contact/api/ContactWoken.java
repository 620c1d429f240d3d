package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A snooze ended early. */
@Revision("1")
public record ContactWoken(ContactId contactId, OwnerId ownerId, Instant wokenAt) implements ContactEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.woken(this);
    }
}
