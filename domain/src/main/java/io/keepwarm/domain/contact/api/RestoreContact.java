package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Brings an archived contact back. */
public record RestoreContact(@TargetAggregateIdentifier ContactId contactId, OwnerId ownerId, Instant at) {}
