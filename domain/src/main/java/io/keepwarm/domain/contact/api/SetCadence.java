package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Tracks a relationship: it should be touched every {@code everyDays} days, in effect from
 * {@code effectiveFrom} (null: {@code at}) and first due at {@code firstDueAt} (null: {@code effectiveFrom}).
 */
public record SetCadence(
        @TargetAggregateIdentifier ContactId contactId,
        OwnerId ownerId,
        int everyDays,
        Instant effectiveFrom,
        Instant firstDueAt,
        Instant at) {

    public SetCadence(ContactId contactId, OwnerId ownerId, int everyDays, Instant at) {
        this(contactId, ownerId, everyDays, null, null, at);
    }
}
