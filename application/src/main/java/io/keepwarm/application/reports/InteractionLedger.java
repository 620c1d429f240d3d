package io.keepwarm.application.reports;

import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactEvent;
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

    static boolean isInteractionEvent(Class<?> type) {
        return type == InteractionLogged.class
                || type == InteractionCorrected.class
                || type == InteractionRetracted.class;
    }

    /** Folds one interaction event in; a correction or retraction of an unknown interaction changes nothing. */
    void apply(ContactEvent event, long position) {
        if (event instanceof InteractionLogged logged) {
            InteractionRecord record = logged.interaction();
            entries.putIfAbsent(
                    new Key(logged.contactId().value(), logged.interactionId().value()),
                    new Entry(
                            logged.contactId().value(),
                            logged.interactionId().value(),
                            position,
                            record.occurredAt(),
                            record.channel(),
                            record.initiatedBy(),
                            record.favor(),
                            false));
        } else if (event instanceof InteractionCorrected corrected) {
            entries.computeIfPresent(
                    new Key(
                            corrected.contactId().value(),
                            corrected.interactionId().value()),
                    (key, entry) -> entry.corrected(corrected.after()));
        } else if (event instanceof InteractionRetracted retracted) {
            entries.computeIfPresent(
                    new Key(
                            retracted.contactId().value(),
                            retracted.interactionId().value()),
                    (key, entry) -> entry.retract());
        }
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
