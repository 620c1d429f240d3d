package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erases a contact (SPEC §6): its personal data becomes unreadable everywhere; the shape of its history stays. */
public record ForgetContact(@TargetAggregateIdentifier ContactId contactId, OwnerId ownerId, Instant at) {}
