package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Hides a contact from the going-cold view until the given instant. */
public record SnoozeContact(
        @TargetAggregateIdentifier ContactId contactId, OwnerId ownerId, Instant until, Instant at) {}
