package io.keepwarm.application.privacy;

import io.keepwarm.domain.contact.api.ContactEvent;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

/**
 * The event store's serializer: Axon's Jackson serializer, with each contact event serialized inside that
 * contact's sealing scope, so its {@link io.keepwarm.domain.contact.api.PersonalData} is encrypted with the
 * contact's key (see {@link PersonalDataModule}).
 */
public final class SealingSerializer implements Serializer {

    private final Serializer delegate;

    public SealingSerializer(Serializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object instanceof ContactEvent event) {
            return SealingContext.sealingFor(
                    event.contactId().value(), () -> delegate.serialize(object, expectedRepresentation));
        }
        return delegate.serialize(object, expectedRepresentation);
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
