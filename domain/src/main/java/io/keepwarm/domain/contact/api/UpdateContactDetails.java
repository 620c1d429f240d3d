package io.keepwarm.domain.contact.api;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes the listed fields of a contact to the given values (a merge patch); {@code channelChanges} maps a kind
 * to its new handle, or to null to remove it. {@code expectedVersion}, when set, must equal the contact's current
 * version (the client's If-Match). {@code knownSince} is the relationship's new start when {@code fields} holds
 * {@link DetailField#KNOWN_SINCE}.
 */
public record UpdateContactDetails(
        @TargetAggregateIdentifier ContactId contactId,
        OwnerId ownerId,
        Set<DetailField> fields,
        ContactPersonalData personal,
        ContactAttributes attributes,
        Map<ChannelKind, String> channelChanges,
        Instant knownSince,
        Long expectedVersion,
        Instant at) {

    public UpdateContactDetails(
            ContactId contactId,
            OwnerId ownerId,
            Set<DetailField> fields,
            ContactPersonalData personal,
            ContactAttributes attributes,
            Map<ChannelKind, String> channelChanges,
            Long expectedVersion,
            Instant at) {
        this(contactId, ownerId, fields, personal, attributes, channelChanges, null, expectedVersion, at);
    }
}
