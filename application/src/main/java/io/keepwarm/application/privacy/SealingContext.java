package io.keepwarm.application.privacy;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Which contact's key seals the personal data being serialized right now. Set around the serialization of one
 * contact event by {@link SealingSerializer}; personal data serialized outside such a scope is an error, so it
 * can never reach storage unencrypted by accident.
 */
final class SealingContext {

    private static final ThreadLocal<UUID> SUBJECT = new ThreadLocal<>();

    private SealingContext() {}

    static <T> T sealingFor(UUID contactId, Supplier<T> work) {
        UUID previous = SUBJECT.get();
        SUBJECT.set(contactId);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                SUBJECT.remove();
            } else {
                SUBJECT.set(previous);
            }
        }
    }

    static UUID subject() {
        return SUBJECT.get();
    }
}
