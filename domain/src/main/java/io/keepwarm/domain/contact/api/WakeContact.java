package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a snooze early. */
public record WakeContact(@TargetAggregateIdentifier ContactId contactId, OwnerId ownerId, Instant at) {}
