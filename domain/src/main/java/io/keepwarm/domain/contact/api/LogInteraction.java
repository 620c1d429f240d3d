package io.keepwarm.domain.contact.api;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a touch with this contact; the same interaction is logged on every contact in {@code contactIds}. */
public record LogInteraction(
        @TargetAggregateIdentifier ContactId contactId,
        OwnerId ownerId,
        InteractionId interactionId,
        List<ContactId> contactIds,
        InteractionRecord interaction,
        Instant at) {

    /** An interaction names 1 to this many contacts: the aggregate's rule, checked early by the write side too. */
    public static final int MAX_CONTACTS = 50;
}
