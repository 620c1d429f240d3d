package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A contact joined the owner's network.
 *
 * @param knownSince when the relationship began (LinkedIn's "Connected On", or given), its occurred time in the
 *                   reports (SPEC §4); revision 1 events are upcast with {@code knownSince = addedAt}
 */
@Revision("2")
public record ContactAdded(
        ContactId contactId,
        OwnerId ownerId,
        ContactPersonalData personal,
        ContactAttributes attributes,
        Instant addedAt,
        Instant knownSince)
        implements ContactEvent {

    /** A contact known since it was added. */
    public ContactAdded(
            ContactId contactId,
            OwnerId ownerId,
            ContactPersonalData personal,
            ContactAttributes attributes,
            Instant addedAt) {
        this(contactId, ownerId, personal, attributes, addedAt, addedAt);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.added(this);
    }
}
