package io.keepwarm.application.reports;

import io.keepwarm.domain.contact.api.CadenceCleared;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.ContactWoken;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every interaction of the owner's contacts as it is known after a fold of its events: logged, then corrected,
 * perhaps retracted. An interaction with several contacts is one entry per contact (each contact's aggregate
 * records it), all sharing the interaction id.
 *
 * <p>Which events reach the ledger is the caller's choice; that is where the knowledge cut-off ({@code knownAt})
 * of the bitemporal rules applies.
 */
final class InteractionLedger {

    /** One contact's part in one interaction, after every correction folded in so far. */
    record Entry(
            UUID contactId,
            UUID interactionId,
            long loggedAt,
            Instant occurredAt,
            Channel channel,
            InitiatedBy initiatedBy,
            Favor favor,
            boolean retracted) {

        Entry corrected(InteractionRecord after) {
            return new Entry(
                    contactId,
                    interactionId,
                    loggedAt,
                    after.occurredAt(),
                    after.channel(),
                    after.initiatedBy(),
                    after.favor(),
                    retracted);
        }

        Entry retract() {
            return new Entry(contactId, interactionId, loggedAt, occurredAt, channel, initiatedBy, favor, true);
        }
    }

    private record Key(UUID contactId, UUID interactionId) {}

    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    /**
     * Folds one event in if it is about an interaction, and says whether it was; a correction or retraction of an
     * unknown interaction changes nothing. Every event type is decided here: a new one does not compile until it is.
     */
    boolean apply(ContactEvent event, long position) {
        return event.accept(new ContactEvent.Visitor<Boolean>() {

            @Override
            public Boolean interactionLogged(InteractionLogged logged) {
                InteractionRecord record = logged.interaction();
                entries.putIfAbsent(
                        new Key(
                                logged.contactId().value(),
                                logged.interactionId().value()),
                        new Entry(
                                logged.contactId().value(),
                                logged.interactionId().value(),
                                position,
                                record.occurredAt(),
                                record.channel(),
                                record.initiatedBy(),
                                record.favor(),
                                false));
                return true;
            }

            @Override
            public Boolean interactionCorrected(InteractionCorrected corrected) {
                entries.computeIfPresent(
                        new Key(
                                corrected.contactId().value(),
                                corrected.interactionId().value()),
                        (key, entry) -> entry.corrected(corrected.after()));
                return true;
            }

            @Override
            public Boolean interactionRetracted(InteractionRetracted retracted) {
                entries.computeIfPresent(
                        new Key(
                                retracted.contactId().value(),
                                retracted.interactionId().value()),
                        (key, entry) -> entry.retract());
                return true;
            }

            @Override
            public Boolean added(ContactAdded event) {
                return false;
            }

            @Override
            public Boolean detailsUpdated(ContactDetailsUpdated event) {
                return false;
            }

            @Override
            public Boolean cadenceSet(CadenceSet event) {
                return false;
            }

            @Override
            public Boolean cadenceCleared(CadenceCleared event) {
                return false;
            }

            @Override
            public Boolean snoozed(ContactSnoozed event) {
                return false;
            }

            @Override
            public Boolean woken(ContactWoken event) {
                return false;
            }

            @Override
            public Boolean archived(ContactArchived event) {
                return false;
            }

            @Override
            public Boolean restored(ContactRestored event) {
                return false;
            }

            @Override
            public Boolean forgotten(ContactForgotten event) {
                return false;
            }
        });
    }

    /** The entries that still count (not retracted), in the order they were first logged. */
    List<Entry> standing() {
        List<Entry> standing = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            if (!entry.retracted()) {
                standing.add(entry);
            }
        }
        return standing;
    }
}
