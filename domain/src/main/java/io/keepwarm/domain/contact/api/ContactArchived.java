package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The contact was put aside. */
@Revision("1")
public record ContactArchived(ContactId contactId, OwnerId ownerId, Instant archivedAt) implements ContactEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.archived(this);
    }
}
