package io.keepwarm.domain.contact.api;

/**
 * Every event of the Contact aggregate names its contact and owner in its payload (SPEC §1). The hierarchy is sealed
 * and each consumer handles it through an exhaustive {@link Visitor}, never an {@code instanceof} chain.
 */
public sealed interface ContactEvent
        permits ContactAdded,
                ContactDetailsUpdated,
                CadenceSet,
                CadenceCleared,
                InteractionLogged,
                InteractionCorrected,
                InteractionRetracted,
                ContactSnoozed,
                ContactWoken,
                ContactArchived,
                ContactRestored,
                ContactForgotten {

    ContactId contactId();

    OwnerId ownerId();

    /**
     * Hands this event to the visitor's method for its type. With one method per event type and no defaults, a new
     * event type is a new method of {@link Visitor}: every consumer (projections, reports, the history's
     * summaries) then fails to compile until it says what the event does to it.
     */
    <R> R accept(Visitor<R> visitor);

    /** One method per event of the contact aggregate; see {@link #accept}. */
    interface Visitor<R> {

        R added(ContactAdded event);

        R detailsUpdated(ContactDetailsUpdated event);

        R cadenceSet(CadenceSet event);

        R cadenceCleared(CadenceCleared event);

        R interactionLogged(InteractionLogged event);

        R interactionCorrected(InteractionCorrected event);

        R interactionRetracted(InteractionRetracted event);

        R snoozed(ContactSnoozed event);

        R woken(ContactWoken event);

        R archived(ContactArchived event);

        R restored(ContactRestored event);

        R forgotten(ContactForgotten event);
    }
}
