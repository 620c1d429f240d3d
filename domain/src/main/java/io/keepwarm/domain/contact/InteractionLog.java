package io.keepwarm.domain.contact;

import io.keepwarm.domain.contact.api.CadenceCleared;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.ContactWoken;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The interactions of one relationship as they stand: each as it was logged, with its corrections applied and its
 * retraction, if any. It is the one fold of a contact's interaction events: the aggregate keeps resends idempotent
 * and corrections honest with it, and reading a contact's interactions back replays the same fold.
 */
public final class InteractionLog {

    private final Map<InteractionId, LoggedInteraction> interactions = new LinkedHashMap<>();

    /** Applies one event of the contact; events that are not about interactions change nothing. */
    public void apply(ContactEvent event) {
        event.accept(new ContactEvent.Visitor<Void>() {

            @Override
            public Void interactionLogged(InteractionLogged logged) {
                interactions.putIfAbsent(logged.interactionId(), LoggedInteraction.of(logged));
                return null;
            }

            @Override
            public Void interactionCorrected(InteractionCorrected corrected) {
                interactions.computeIfPresent(corrected.interactionId(), (id, known) -> known.corrected(corrected));
                return null;
            }

            @Override
            public Void interactionRetracted(InteractionRetracted retracted) {
                interactions.computeIfPresent(retracted.interactionId(), (id, known) -> known.retracted(retracted));
                return null;
            }

            @Override
            public Void forgotten(ContactForgotten forgotten) {
                interactions.clear();
                return null;
            }

            @Override
            public Void added(ContactAdded event) {
                return null;
            }

            @Override
            public Void detailsUpdated(ContactDetailsUpdated event) {
                return null;
            }

            @Override
            public Void cadenceSet(CadenceSet event) {
                return null;
            }

            @Override
            public Void cadenceCleared(CadenceCleared event) {
                return null;
            }

            @Override
            public Void snoozed(ContactSnoozed event) {
                return null;
            }

            @Override
            public Void woken(ContactWoken event) {
                return null;
            }

            @Override
            public Void archived(ContactArchived event) {
                return null;
            }

            @Override
            public Void restored(ContactRestored event) {
                return null;
            }
        });
    }

    public Optional<LoggedInteraction> find(InteractionId interactionId) {
        return Optional.ofNullable(interactions.get(interactionId));
    }

    /** Every interaction, retracted ones included, in the order they were logged. */
    public Collection<LoggedInteraction> all() {
        return Collections.unmodifiableCollection(interactions.values());
    }

    /** The going-cold inputs these interactions give: the latest standing touch and the favours asked and given. */
    public InteractionTally tally() {
        InteractionTally tally = InteractionTally.NONE;
        for (LoggedInteraction interaction : interactions.values()) {
            if (!interaction.retracted()) {
                tally = tally.plus(interaction.current());
            }
        }
        return tally;
    }
}
