package io.keepwarm.domain.contact.api;

/**
 * Marks the parts of an event payload that are personal data about a contact.
 *
 * <p>Every personal field of every event lives inside a value of this type and nowhere else, so the
 * storage layer can encrypt exactly these parts with the contact's own key (crypto-shredding, SPEC §6)
 * while ids, instants, cadences and enums stay readable for projections and reports.
 */
public interface PersonalData {}
