package io.keepwarm.domain.contact.api;

import java.util.Objects;
import java.util.UUID;

/** Identifies a contact (a person in someone's network). {@link #toString()} is the raw UUID, which is what Axon stores. */
public record ContactId(UUID value) {

    public ContactId {
        Objects.requireNonNull(value, "value");
    }

    public static ContactId of(String raw) {
        return new ContactId(UUID.fromString(raw));
    }

    public static ContactId random() {
        return new ContactId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
