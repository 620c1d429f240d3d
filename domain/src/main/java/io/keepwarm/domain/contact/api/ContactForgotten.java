package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The contact was forgotten. Appending this event destroys the contact's key in the same transaction, so every
 * personal field of every earlier event of the contact becomes unreadable (crypto-shredding).
 */
@Revision("1")
public record ContactForgotten(ContactId contactId, OwnerId ownerId, Instant forgottenAt) implements ContactEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.forgotten(this);
    }
}
