package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The relationship is to be touched every {@code everyDays} days.
 *
 * @param setAt         when it was recorded
 * @param effectiveFrom when the cadence took effect (never after {@code setAt}), its occurred time in the reports
 * @param firstDueAt    the instant the cadence takes effect for a relationship never contacted: its
 *                      {@code effectiveFrom}, unless given explicitly (an import's ramp, SPEC §8). Revision 1 events
 *                      are upcast with both equal to {@code setAt}.
 */
@Revision("2")
public record CadenceSet(
        ContactId contactId, OwnerId ownerId, int everyDays, Instant setAt, Instant effectiveFrom, Instant firstDueAt)
        implements ContactEvent {

    /** A cadence in effect from the instant it was set. */
    public CadenceSet(ContactId contactId, OwnerId ownerId, int everyDays, Instant setAt) {
        this(contactId, ownerId, everyDays, setAt, setAt, setAt);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.cadenceSet(this);
    }
}
