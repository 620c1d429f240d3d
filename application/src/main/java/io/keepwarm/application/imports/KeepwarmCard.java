package io.keepwarm.application.imports;

/**
 * The vCard properties of keepwarm's own export ({@code GET /api/export}): what a vCard 4.0 card has no standard
 * property for, as {@code X-KEEPWARM-*} extensions other address books keep and ignore. The standard ones it also
 * uses ({@code CATEGORIES} for tags, {@code NOTE} for how we met, {@code TZ} for the zone) are read back from a card
 * only when its {@code PRODID} is {@link #PRODUCT_ID}: Google writes {@code CATEGORIES:myContacts} and notes of its
 * own, which are not keepwarm's tags and how-we-met.
 */
public final class KeepwarmCard {

    public static final String PRODUCT_ID = "-//keepwarm//export 1//EN";

    /** When the relationship began (ISO-8601 instant). */
    public static final String KNOWN_SINCE = "X-KEEPWARM-KNOWN-SINCE";
    /** The cadence in days. */
    public static final String CADENCE = "X-KEEPWARM-CADENCE";
    /** When the cadence took effect (ISO-8601 instant). */
    public static final String CADENCE_EFFECTIVE_FROM = "X-KEEPWARM-CADENCE-EFFECTIVE-FROM";
    /** The cadence's first due instant (ISO-8601 instant). */
    public static final String CADENCE_FIRST_DUE_AT = "X-KEEPWARM-CADENCE-FIRST-DUE-AT";
    /** The contact is snoozed until then (ISO-8601 instant). */
    public static final String SNOOZED_UNTIL = "X-KEEPWARM-SNOOZED-UNTIL";
    /** {@code true}: the contact was archived when exported. */
    public static final String ARCHIVED = "X-KEEPWARM-ARCHIVED";
    /** ISO 3166-1 alpha-2 country code. */
    public static final String COUNTRY = "X-KEEPWARM-COUNTRY";
    /** The {@code other} channel's handle. */
    public static final String OTHER_CHANNEL = "X-KEEPWARM-OTHER";

    /** The UID of a contact's card: {@code urn:uuid:} and its id, so its interactions can name it. */
    public static String uid(java.util.UUID contactId) {
        return "urn:uuid:" + contactId;
    }

    private KeepwarmCard() {}
}
