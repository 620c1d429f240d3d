package io.keepwarm.domain.contact;

import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InteractionRecord;
import java.time.Instant;

/**
 * What a relationship's standing interactions (logged, after corrections, not retracted) give the going-cold
 * rules: the latest touch and the favours asked and given. A backfilled touch never moves the latest one back.
 *
 * @param lastInteractionAt the latest occurredAt, or null when there is none
 * @param asks              interactions with favor {@link Favor#ASKED}
 * @param gives             interactions with favor {@link Favor#GAVE}
 */
public record InteractionTally(Instant lastInteractionAt, int asks, int gives) {

    public static final InteractionTally NONE = new InteractionTally(null, 0, 0);

    /** This tally with one more standing interaction counted. */
    public InteractionTally plus(InteractionRecord interaction) {
        return plus(interaction.occurredAt(), interaction.favor());
    }

    /** This tally with one more standing interaction counted, given by when it occurred and its favour. */
    public InteractionTally plus(Instant occurredAt, Favor favor) {
        Instant last =
                lastInteractionAt == null || occurredAt.isAfter(lastInteractionAt) ? occurredAt : lastInteractionAt;
        return new InteractionTally(last, asks + (favor == Favor.ASKED ? 1 : 0), gives + (favor == Favor.GAVE ? 1 : 0));
    }
}
