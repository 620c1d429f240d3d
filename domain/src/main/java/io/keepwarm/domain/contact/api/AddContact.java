package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a contact to the owner's network. */
public record AddContact(
        @TargetAggregateIdentifier ContactId contactId,
        OwnerId ownerId,
        ContactPersonalData personal,
        ContactAttributes attributes,
        Instant at) {}
