package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops tracking a relationship. */
public record ClearCadence(@TargetAggregateIdentifier ContactId contactId, OwnerId ownerId, Instant at) {}
