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
        Instant at) {}
