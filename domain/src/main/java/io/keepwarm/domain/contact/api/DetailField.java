package io.keepwarm.domain.contact.api;

/** The contact fields an {@link UpdateContactDetails} can change. */
public enum DetailField {
    DISPLAY_NAME,
    HOW_WE_MET,
    ORGANIZATION,
    ROLE,
    CITY,
    CHANNELS,
    COUNTRY_CODE,
    TIME_ZONE,
    TAGS,
    KNOWN_SINCE
}
