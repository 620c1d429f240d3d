package io.keepwarm.domain.contact;

import io.keepwarm.domain.DomainRuleViolation.FieldViolation;
import io.keepwarm.domain.contact.api.InteractionRecord;
import java.time.Instant;
import java.util.List;

/**
 * The field rules of an interaction (SPEC §1), for checking a request before it becomes commands, so that its bad
 * fields are reported together with the others of the same request. The aggregate applies the same rules
 * ({@link ContactValidation#interaction}): this only exposes them.
 */
public final class InteractionRules {

    private InteractionRules() {}

    /** Every broken rule of the interaction as it would be logged at {@code now}; empty when it is valid. */
    public static List<FieldViolation> violations(InteractionRecord interaction, Instant now) {
        return ContactValidation.start().interaction(interaction, now).violations();
    }
}
