package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An interaction was corrected; both the values before and after are kept. */
@Revision("1")
public record InteractionCorrected(
        ContactId contactId,
        OwnerId ownerId,
        InteractionId interactionId,
        InteractionRecord before,
        InteractionRecord after,
        Instant correctedAt)
        implements ContactEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.interactionCorrected(this);
    }
}
