package io.keepwarm.domain.contact.api;

/** Free text written about a contact (an interaction's note, a retraction's reason): personal data. */
public record Note(String text) implements PersonalData {

    /** What remains of a note once its contact is forgotten; see {@link ContactPersonalData#FORGOTTEN}. */
    public static final Note FORGOTTEN = new Note("(forgotten)");

    /**
     * What remains of a note of an interaction with several contacts once one of them is forgotten: the note is
     * personal data of every participant, so it is removed for all of them, while the interaction itself stays.
     */
    public static final Note REMOVED_WITH_PARTICIPANT = new Note("(removed: a participant was forgotten)");

    /** Whether this is a placeholder for a note that can no longer be read. */
    public boolean forgotten() {
        return this == FORGOTTEN || this == REMOVED_WITH_PARTICIPANT;
    }

    public boolean removedWithParticipant() {
        return this == REMOVED_WITH_PARTICIPANT;
    }

    public static Note of(String text) {
        return text == null || text.isEmpty() ? null : new Note(text);
    }
}
