package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraws an interaction that should not count; history keeps it, with the reason. */
public record RetractInteraction(
        @TargetAggregateIdentifier ContactId contactId,
        OwnerId ownerId,
        InteractionId interactionId,
        String reason,
        Instant at) {}
