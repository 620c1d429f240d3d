package io.keepwarm.domain.contact.api;

/** Kinds of address a contact can be reached at. */
public enum ChannelKind {
    email,
    phone,
    linkedin,
    other
}
