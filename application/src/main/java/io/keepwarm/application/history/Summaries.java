package io.keepwarm.application.history;

import io.keepwarm.domain.contact.InteractionTally;
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
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One sentence per event for the audit trail. Summaries hold no personal data (no names, notes or reasons):
 * those stay in the entry's {@code data}, so forgetting a contact never has to rewrite a sentence and the trail
 * keeps its shape ("an interaction was logged on …").
 */
final class Summaries {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Summaries() {}

    static String of(ContactEvent event) {
        return event.accept(SENTENCES);
    }

    /** One sentence per event type: a new event type does not compile until it has one. */
    private static final ContactEvent.Visitor<String> SENTENCES = new ContactEvent.Visitor<>() {

        @Override
        public String added(ContactAdded event) {
            return "Contact added to the network.";
        }

        @Override
        public String detailsUpdated(ContactDetailsUpdated event) {
            return "Contact details updated.";
        }

        @Override
        public String cadenceSet(CadenceSet e) {
            return "Cadence set to every " + e.everyDays() + (e.everyDays() == 1 ? " day." : " days.");
        }

        @Override
        public String cadenceCleared(CadenceCleared event) {
            return "Cadence cleared; the relationship is no longer tracked.";
        }

        @Override
        public String interactionLogged(InteractionLogged e) {
            return "Interaction logged: " + describe(e.interaction()) + ".";
        }

        @Override
        public String interactionCorrected(InteractionCorrected e) {
            return "Interaction corrected: now " + describe(e.after()) + ".";
        }

        @Override
        public String interactionRetracted(InteractionRetracted event) {
            return "Interaction retracted; it no longer counts.";
        }

        @Override
        public String snoozed(ContactSnoozed e) {
            return "Snoozed until " + DAY.format(e.until()) + ".";
        }

        @Override
        public String woken(ContactWoken event) {
            return "Snooze ended.";
        }

        @Override
        public String archived(ContactArchived event) {
            return "Contact archived.";
        }

        @Override
        public String restored(ContactRestored event) {
            return "Contact restored from the archive.";
        }

        @Override
        public String forgotten(ContactForgotten event) {
            return "Contact forgotten; their personal data was erased.";
        }
    };

    private static String describe(InteractionRecord interaction) {
        String text = interaction.channel().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " on "
                + DAY.format(interaction.occurredAt()) + ", initiated by "
                + switch (interaction.initiatedBy()) {
                    case ME -> "me";
                    case THEM -> "them";
                    case MUTUAL -> "both";
                };
        InteractionTally counted = InteractionTally.of(interaction);
        if (counted.asks() > 0) {
            text += ", an ask";
        } else if (counted.gives() > 0) {
            text += ", a give";
        }
        return text;
    }
}
