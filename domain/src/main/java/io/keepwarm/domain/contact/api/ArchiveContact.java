package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts a contact aside: out of the going-cold view, no new interactions, history kept. */
public record ArchiveContact(@TargetAggregateIdentifier ContactId contactId, OwnerId ownerId, Instant at) {}
