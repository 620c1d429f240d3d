package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tracks a relationship: it should be touched every {@code everyDays} days. */
public record SetCadence(@TargetAggregateIdentifier ContactId contactId, OwnerId ownerId, int everyDays, Instant at) {}
