package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A contact's details changed; carries the complete details after the change. */
@Revision("1")
public record ContactDetailsUpdated(
        ContactId contactId,
        OwnerId ownerId,
        ContactPersonalData personal,
        ContactAttributes attributes,
        Instant updatedAt)
        implements ContactEvent {}
