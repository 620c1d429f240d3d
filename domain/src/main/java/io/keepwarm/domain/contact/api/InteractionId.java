package io.keepwarm.domain.contact.api;

import java.util.Objects;
import java.util.UUID;

/** Identifies one interaction, shared by every contact it involved. {@link #toString()} is the raw UUID, which is what Axon stores. */
public record InteractionId(UUID value) {

    public InteractionId {
        Objects.requireNonNull(value, "value");
    }

    public static InteractionId of(String raw) {
        return new InteractionId(UUID.fromString(raw));
    }

    public static InteractionId random() {
        return new InteractionId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
