package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A contact's details changed; carries the complete details after the change.
 *
 * @param knownSince when the relationship began, when the update moved it; null when it stays what it was (as in
 *                   every revision 1 event, which could not change it)
 */
@Revision("2")
public record ContactDetailsUpdated(
        ContactId contactId,
        OwnerId ownerId,
        ContactPersonalData personal,
        ContactAttributes attributes,
        Instant updatedAt,
        Instant knownSince)
        implements ContactEvent {

    /** An update that leaves the relationship's start as it was. */
    public ContactDetailsUpdated(
            ContactId contactId,
            OwnerId ownerId,
            ContactPersonalData personal,
            ContactAttributes attributes,
            Instant updatedAt) {
        this(contactId, ownerId, personal, attributes, updatedAt, null);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.detailsUpdated(this);
    }
}
