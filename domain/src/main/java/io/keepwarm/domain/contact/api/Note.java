package io.keepwarm.domain.contact.api;

/** Free text written about a contact (an interaction's note, a retraction's reason): personal data. */
public record Note(String text) implements PersonalData {

    public static Note of(String text) {
        return text == null || text.isEmpty() ? null : new Note(text);
    }
}
