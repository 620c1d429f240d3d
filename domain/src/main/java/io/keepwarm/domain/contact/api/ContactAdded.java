package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A contact joined the owner's network. */
@Revision("1")
public record ContactAdded(
        ContactId contactId,
        OwnerId ownerId,
        ContactPersonalData personal,
        ContactAttributes attributes,
        Instant addedAt)
        implements ContactEvent {}
