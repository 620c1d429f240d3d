package io.keepwarm.application.accounts;

import io.keepwarm.domain.contact.api.OwnerId;
import java.util.Objects;
import java.util.UUID;

/**
 * Who is making the current request: the owner whose network it touches, the user acting, and the request's
 * correlation id. Every command's metadata and every query's owner predicate come from here.
 */
public record Caller(OwnerId ownerId, UUID actorId, String correlationId) {

    public Caller {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
