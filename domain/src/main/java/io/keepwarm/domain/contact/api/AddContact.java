package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a contact to the owner's network.
 *
 * @param knownSince when the relationship began, or null for {@code at}; not in the future
 * @param cadence    a cadence to track it with from the start (an import sets it in the same command), or null
 */
public record AddContact(
        @TargetAggregateIdentifier ContactId contactId,
        OwnerId ownerId,
        ContactPersonalData personal,
        ContactAttributes attributes,
        Instant knownSince,
        CadenceStart cadence,
        Instant at) {

    public AddContact(
            ContactId contactId,
            OwnerId ownerId,
            ContactPersonalData personal,
            ContactAttributes attributes,
            Instant at) {
        this(contactId, ownerId, personal, attributes, null, null, at);
    }
}
