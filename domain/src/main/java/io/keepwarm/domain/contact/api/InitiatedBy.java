package io.keepwarm.domain.contact.api;

/** Who reached out. */
public enum InitiatedBy {
    ME,
    THEM,
    MUTUAL
}
