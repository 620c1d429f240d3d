package io.keepwarm.application.privacy;

import io.keepwarm.domain.contact.api.CadenceCleared;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.ContactWoken;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import java.util.UUID;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

/**
 * The event store's serializer: Axon's Jackson serializer, with each contact event serialized inside that
 * contact's sealing scope, so its {@link io.keepwarm.domain.contact.api.PersonalData} is encrypted with the
 * contact's key, and the notes of a shared interaction with that interaction's key (see {@link PersonalDataModule}).
 */
public final class SealingSerializer implements Serializer {

    private final Serializer delegate;

    public SealingSerializer(Serializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object instanceof ContactEvent event) {
            return SealingContext.sealingFor(scopeOf(event), () -> delegate.serialize(object, expectedRepresentation));
        }
        return delegate.serialize(object, expectedRepresentation);
    }

    /** An interaction event's notes may be shared: the logged event says so, a later one is looked up. */
    private static SealingContext.Scope scopeOf(ContactEvent event) {
        UUID contact = event.contactId().value();
        UUID owner = event.ownerId().value();
        SealingContext.Scope ownNotes = new SealingContext.Scope(contact, owner, null, false);
        return event.accept(new ContactEvent.Visitor<SealingContext.Scope>() {

            @Override
            public SealingContext.Scope interactionLogged(InteractionLogged logged) {
                return new SealingContext.Scope(
                        contact,
                        owner,
                        logged.interactionId().value(),
                        logged.contactIds().size() > 1);
            }

            @Override
            public SealingContext.Scope interactionCorrected(InteractionCorrected corrected) {
                return new SealingContext.Scope(
                        contact, owner, corrected.interactionId().value(), null);
            }

            @Override
            public SealingContext.Scope interactionRetracted(InteractionRetracted retracted) {
                return new SealingContext.Scope(
                        contact, owner, retracted.interactionId().value(), null);
            }

            @Override
            public SealingContext.Scope added(ContactAdded e) {
                return ownNotes;
            }

            @Override
            public SealingContext.Scope detailsUpdated(ContactDetailsUpdated e) {
                return ownNotes;
            }

            @Override
            public SealingContext.Scope cadenceSet(CadenceSet e) {
                return ownNotes;
            }

            @Override
            public SealingContext.Scope cadenceCleared(CadenceCleared e) {
                return ownNotes;
            }

            @Override
            public SealingContext.Scope snoozed(ContactSnoozed e) {
                return ownNotes;
            }

            @Override
            public SealingContext.Scope woken(ContactWoken e) {
                return ownNotes;
            }

            @Override
            public SealingContext.Scope archived(ContactArchived e) {
                return ownNotes;
            }

            @Override
            public SealingContext.Scope restored(ContactRestored e) {
                return ownNotes;
            }

            @Override
            public SealingContext.Scope forgotten(ContactForgotten e) {
                return ownNotes;
            }
        });
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        return delegate.deserialize(serializedObject);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
