package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An interaction was withdrawn and no longer counts. */
@Revision("1")
public record InteractionRetracted(
        ContactId contactId, OwnerId ownerId, InteractionId interactionId, Note reason, Instant retractedAt)
        implements ContactEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.interactionRetracted(this);
    }
}
