package io.keepwarm.domain.contact.api;

import java.util.Objects;
import java.util.UUID;

/** Identifies the user account that owns contacts; also used for the acting user. {@link #toString()} is the raw UUID, which is what Axon stores. */
public record OwnerId(UUID value) {

    public OwnerId {
        Objects.requireNonNull(value, "value");
    }

    public static OwnerId of(String raw) {
        return new OwnerId(UUID.fromString(raw));
    }

    public static OwnerId random() {
        return new OwnerId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
