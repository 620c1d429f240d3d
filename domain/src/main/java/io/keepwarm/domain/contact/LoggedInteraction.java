package io.keepwarm.domain.contact;

import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import io.keepwarm.domain.contact.api.Note;
import java.time.Instant;
import java.util.List;

/**
 * One interaction as it stands.
 *
 * @param logged           what was logged (a resend must match it to be answered as a success)
 * @param current          what holds now: {@code logged} with every correction applied
 * @param loggedAt         when it was recorded
 * @param corrections      how many corrections changed it
 * @param lastCorrectedAt  when it was last corrected, or null
 * @param retractedAt      when it was retracted, or null while it counts
 * @param retractionReason why it was retracted, or null
 */
public record LoggedInteraction(
        InteractionId interactionId,
        List<ContactId> contactIds,
        InteractionRecord logged,
        InteractionRecord current,
        Instant loggedAt,
        int corrections,
        Instant lastCorrectedAt,
        Instant retractedAt,
        Note retractionReason) {

    static LoggedInteraction of(InteractionLogged event) {
        return new LoggedInteraction(
                event.interactionId(),
                List.copyOf(event.contactIds()),
                event.interaction(),
                event.interaction(),
                event.loggedAt(),
                0,
                null,
                null,
                null);
    }

    public boolean retracted() {
        return retractedAt != null;
    }

    /**
     * Whether logging {@code interaction} with {@code contactIds} again is a resend of this one. A note that can no
     * longer be read (a participant was forgotten) cannot be compared: every other field must match.
     */
    public boolean isResendOf(InteractionRecord interaction, List<ContactId> contactIds) {
        if (!this.contactIds.equals(contactIds)) {
            return false;
        }
        if (logged.note() != null && logged.note().forgotten()) {
            return withoutNote(logged).equals(withoutNote(interaction));
        }
        return logged.equals(interaction);
    }

    /** This interaction as a forgotten contact keeps it: its shape, its notes unreadable. */
    LoggedInteraction forgotten() {
        return new LoggedInteraction(
                interactionId,
                contactIds,
                notesForgotten(logged),
                notesForgotten(current),
                loggedAt,
                corrections,
                lastCorrectedAt,
                retractedAt,
                retractionReason == null ? null : Note.FORGOTTEN);
    }

    private static InteractionRecord withoutNote(InteractionRecord record) {
        return new InteractionRecord(record.occurredAt(), record.channel(), record.initiatedBy(), record.favor(), null);
    }

    private static InteractionRecord notesForgotten(InteractionRecord record) {
        return record.note() == null
                ? record
                : new InteractionRecord(
                        record.occurredAt(), record.channel(), record.initiatedBy(), record.favor(), Note.FORGOTTEN);
    }

    LoggedInteraction corrected(InteractionCorrected event) {
        return new LoggedInteraction(
                interactionId,
                contactIds,
                logged,
                event.after(),
                loggedAt,
                corrections + 1,
                event.correctedAt(),
                retractedAt,
                retractionReason);
    }

    LoggedInteraction retracted(InteractionRetracted event) {
        return new LoggedInteraction(
                interactionId,
                contactIds,
                logged,
                current,
                loggedAt,
                corrections,
                lastCorrectedAt,
                event.retractedAt(),
                event.reason());
    }
}
