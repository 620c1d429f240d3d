package io.keepwarm.domain.contact;

import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InteractionRecord;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * What a relationship's standing interactions (logged, after corrections, not retracted) give the going-cold
 * rules: the latest touch and the favours asked and given. A backfilled touch never moves the latest one back.
 *
 * <p>This is the one fold of those inputs: the aggregate's {@link InteractionLog}, the going-cold projection's
 * batch, the reports' replay and the history's summaries all count through {@link #plus}. The projection's
 * set-based SQL binds {@link #asking()} and {@link #giving()}, which are read off {@link #plus}, and a test
 * (GoingColdBatchIT) compares its rows with this fold on generated histories.
 *
 * @param lastInteractionAt the latest occurredAt, or null when there is none
 * @param asks              interactions with favor {@link Favor#ASKED}
 * @param gives             interactions with favor {@link Favor#GAVE}
 */
public record InteractionTally(Instant lastInteractionAt, int asks, int gives) {

    public static final InteractionTally NONE = new InteractionTally(null, 0, 0);

    /** The tally of one interaction alone. */
    public static InteractionTally of(InteractionRecord interaction) {
        return NONE.plus(interaction);
    }

    /** This tally with one more standing interaction counted. */
    public InteractionTally plus(InteractionRecord interaction) {
        return plus(interaction.occurredAt(), interaction.favor());
    }

    /** This tally with one more standing interaction counted, given by when it occurred and its favour. */
    public InteractionTally plus(Instant occurredAt, Favor favor) {
        Instant last =
                lastInteractionAt == null || occurredAt.isAfter(lastInteractionAt) ? occurredAt : lastInteractionAt;
        return switch (favor) {
            case NONE -> new InteractionTally(last, asks, gives);
            case ASKED -> new InteractionTally(last, asks + 1, gives);
            case GAVE -> new InteractionTally(last, asks, gives + 1);
        };
    }

    /** The favours an interaction is counted as an ask for, as {@link #plus} counts them. */
    public static Set<Favor> asking() {
        return countedBy(InteractionTally::asks);
    }

    /** The favours an interaction is counted as a give for, as {@link #plus} counts them. */
    public static Set<Favor> giving() {
        return countedBy(InteractionTally::gives);
    }

    private static Set<Favor> countedBy(ToIntFunction<InteractionTally> count) {
        Set<Favor> favors = EnumSet.noneOf(Favor.class);
        for (Favor favor : Favor.values()) {
            if (count.applyAsInt(NONE.plus(Instant.EPOCH, favor)) > 0) {
                favors.add(favor);
            }
        }
        return favors;
    }
}
