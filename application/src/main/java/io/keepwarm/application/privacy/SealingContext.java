package io.keepwarm.application.privacy;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Which key seals the personal data being serialized right now. Set around the serialization of one contact event
 * by {@link SealingSerializer}: the contact's key, and for an interaction event the interaction too, whose notes are
 * sealed with a key of their own when the interaction is shared (docs/adr/0017). Personal data serialized outside
 * such a scope is an error, so it can never reach storage unencrypted by accident.
 */
final class SealingContext {

    /**
     * The event being sealed: its contact, and for an interaction event its owner, its interaction and whether that
     * is shared ({@code null}: not known from the event, look it up).
     */
    record Scope(UUID contactId, UUID ownerId, UUID interactionId, Boolean shared) {}

    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    private SealingContext() {}

    static <T> T sealingFor(UUID contactId, Supplier<T> work) {
        return sealingFor(new Scope(contactId, null, null, false), work);
    }

    static <T> T sealingFor(Scope scope, Supplier<T> work) {
        Scope previous = SCOPE.get();
        SCOPE.set(scope);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                SCOPE.remove();
            } else {
                SCOPE.set(previous);
            }
        }
    }

    static UUID subject() {
        Scope scope = SCOPE.get();
        return scope == null ? null : scope.contactId();
    }

    /** The scope of the event being serialized, or null outside one. */
    static Scope scope() {
        return SCOPE.get();
    }
}
