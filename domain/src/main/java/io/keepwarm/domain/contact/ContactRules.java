package io.keepwarm.domain.contact;

import io.keepwarm.domain.DomainRuleViolation.FieldViolation;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import java.time.Instant;
import java.util.List;

/**
 * The aggregate's rules for a contact's fields, for callers that must judge many contacts before sending a
 * command (an import's dry run): the same checks {@link Contact} applies when adding one.
 */
public final class ContactRules {

    private ContactRules() {}

    /** Every bad field of a contact to add, at instant {@code now}; empty when the add would be accepted. */
    public static List<FieldViolation> violations(
            ContactPersonalData personal, ContactAttributes attributes, Instant knownSince, Instant now) {
        return ContactValidation.start()
                .personal(personal)
                .attributes(ContactValidation.normalise(attributes))
                .knownSince(knownSince, now)
                .violations();
    }
}
