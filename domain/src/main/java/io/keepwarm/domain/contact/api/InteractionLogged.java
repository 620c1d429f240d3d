package io.keepwarm.domain.contact.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A touch with this contact was recorded; {@code contactIds} lists everyone the interaction involved. */
@Revision("1")
public record InteractionLogged(
        ContactId contactId,
        OwnerId ownerId,
        InteractionId interactionId,
        List<ContactId> contactIds,
        InteractionRecord interaction,
        Instant loggedAt)
        implements ContactEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.interactionLogged(this);
    }
}
