package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The contact is hidden from the going-cold view until {@code until}. */
@Revision("1")
public record ContactSnoozed(ContactId contactId, OwnerId ownerId, Instant until, Instant snoozedAt)
        implements ContactEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.snoozed(this);
    }
}
