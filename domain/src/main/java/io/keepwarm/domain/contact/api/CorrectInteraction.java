package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Corrects an interaction: each non-null field replaces the current value; an empty note clears it. */
public record CorrectInteraction(
        @TargetAggregateIdentifier ContactId contactId,
        OwnerId ownerId,
        InteractionId interactionId,
        Instant occurredAt,
        Channel channel,
        InitiatedBy initiatedBy,
        Favor favor,
        String note,
        Instant at) {}
