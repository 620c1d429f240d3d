package io.keepwarm.domain.contact.api;

/** Every event of the Contact aggregate names its contact and owner in its payload (SPEC §1). */
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
}
