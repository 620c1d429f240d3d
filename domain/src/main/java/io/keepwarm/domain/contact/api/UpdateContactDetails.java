package io.keepwarm.domain.contact.api;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the listed fields of a contact to the given values (a merge patch); {@code channelChanges} maps a kind to its new handle, or to null to remove it. {@code expectedVersion}, when set, must equal the contact's current version (the client's If-Match). */
public record UpdateContactDetails(
        @TargetAggregateIdentifier ContactId contactId,
        OwnerId ownerId,
        Set<DetailField> fields,
        ContactPersonalData personal,
        ContactAttributes attributes,
        Map<ChannelKind, String> channelChanges,
        Long expectedVersion,
        Instant at) {}
