package io.keepwarm.domain.contact.api;

/** How an interaction happened. */
public enum Channel {
    IN_PERSON,
    CALL,
    VIDEO,
    MESSAGE,
    EMAIL,
    SOCIAL,
    EVENT,
    LETTER
}
