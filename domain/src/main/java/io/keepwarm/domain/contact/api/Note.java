package io.keepwarm.domain.contact.api;

/** Free text written about a contact (an interaction's note, a retraction's reason): personal data. */
public record Note(String text) implements PersonalData {

    /** What remains of a note once its contact is forgotten; see {@link ContactPersonalData#FORGOTTEN}. */
    public static final Note FORGOTTEN = new Note("(forgotten)");

    public boolean forgotten() {
        return this == FORGOTTEN;
    }

    public static Note of(String text) {
        return text == null || text.isEmpty() ? null : new Note(text);
    }
}
