package io.keepwarm.application.privacy;

import io.keepwarm.domain.contact.api.ContactForgotten;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Destroys a forgotten contact's key, and the keys of the shared notes of every interaction it took part in (and
 * removes the copies of such notes written before shared keys existed, sealed with the other participants' keys).
 * Its processing group, {@value #PROCESSING_GROUP}, is subscribing, so it runs inside the very transaction that
 * appends {@link ContactForgotten}: the event and the key's destruction commit together or not at all.
 */
@Component
@ProcessingGroup(KeyShredder.PROCESSING_GROUP)
public class KeyShredder {

    /** Its own group, subscribing (application.yml), so it borrows no other handler's processor. */
    public static final String PROCESSING_GROUP = "key-shredder";

    private final ContactKeys keys;

    public KeyShredder(ContactKeys keys) {
        this.keys = keys;
    }

    @EventHandler
    void on(ContactForgotten event) {
        keys.destroySharedNoteKeys(event.ownerId().value(), event.contactId().value());
        keys.removeContactSealedSharedNotes(
                event.ownerId().value(), event.contactId().value());
        keys.destroy(event.contactId().value());
    }
}
