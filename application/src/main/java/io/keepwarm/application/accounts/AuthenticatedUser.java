package io.keepwarm.application.accounts;

import java.util.UUID;

/** The user a valid token belongs to. */
public record AuthenticatedUser(UUID userId, String username, Role role, UUID tokenId) {}
