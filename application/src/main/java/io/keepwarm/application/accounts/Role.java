package io.keepwarm.application.accounts;

/** What a user may do: USER manages their own network; ADMIN also manages users and projections. */
public enum Role {
    USER,
    ADMIN
}
