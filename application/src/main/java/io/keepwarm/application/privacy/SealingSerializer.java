package io.keepwarm.application.privacy;

import io.keepwarm.domain.contact.api.ContactEvent;
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
        if (event instanceof InteractionLogged logged) {
            return new SealingContext.Scope(
                    contact,
                    owner,
                    logged.interactionId().value(),
                    logged.contactIds().size() > 1);
        }
        if (event instanceof InteractionCorrected corrected) {
            return new SealingContext.Scope(
                    contact, owner, corrected.interactionId().value(), null);
        }
        if (event instanceof InteractionRetracted retracted) {
            return new SealingContext.Scope(
                    contact, owner, retracted.interactionId().value(), null);
        }
        return new SealingContext.Scope(contact, owner, null, false);
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
