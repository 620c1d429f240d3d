package io.keepwarm.application.reports;

import io.keepwarm.application.goingcold.GoingColdInputs;
import io.keepwarm.application.goingcold.GoingColdRow;
import io.keepwarm.domain.contact.InteractionTally;
import io.keepwarm.domain.contact.ReachableHours;
import io.keepwarm.domain.contact.api.CadenceCleared;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.ContactWoken;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The going-cold inputs of an owner's contacts, gathered from replayed events rather than from the read model:
 * the contacts' own facts (details, cadence, snooze, archive, when the relationship began) and, separately, a tally
 * of the interactions that count. The two are kept apart because an interaction may be backfilled to before its
 * contact was even added.
 *
 * <p>Occurred times (SPEC §4): a contact is in the network from its {@code knownSince} on ({@link #known}: the
 * latest start recorded, whenever the caller's knowledge reaches), a cadence counts from its {@code effectiveFrom},
 * every other contact event from when it was recorded ({@link #occurredBy}). A contact's group of facts (its
 * cadence, its start) keeps the value of its latest event by position among those applied, so applying events in
 * occurred order (the activity report's sweep) ends where applying them in append order does (the network report).
 *
 * <p>{@link #tracked()} turns the state into {@link GoingColdInputs}s, so the rows come from the one going-cold
 * formula the live view uses.
 */
final class NetworkState {

    /** A contact as its lifecycle events describe it. */
    private static final class Facts {
        final UUID contactId;
        String displayName;
        String city;
        String timeZone;
        List<String> tags;
        Integer cadenceDays;
        Instant cadenceSetAt;
        Instant snoozedUntil;
        boolean archived;
        boolean added;
        Instant knownSince;
        long knownPosition = -1;
        long cadencePosition = -1;

        Facts(UUID contactId) {
            this.contactId = contactId;
        }
    }

    private final Map<UUID, Facts> contacts = new LinkedHashMap<>();
    private final Map<UUID, InteractionTally> tallies = new HashMap<>();
    private final Set<UUID> forgotten = new HashSet<>();

    /**
     * Applies a contact lifecycle event (anything but an interaction event). {@link ContactForgotten} removes the
     * contact from every answer whenever it was recorded: a forgotten person leaves the reports of every date
     * (SPEC §6), as the live views do.
     */
    void apply(ContactEvent event, long position) {
        event.accept(new ContactEvent.Visitor<Void>() {

            @Override
            public Void forgotten(ContactForgotten forgottenEvent) {
                forgotten.add(forgottenEvent.contactId().value());
                return null;
            }

            @Override
            public Void added(ContactAdded added) {
                Facts facts = contacts.computeIfAbsent(added.contactId().value(), Facts::new);
                facts.added = true;
                details(facts, added.personal(), added.attributes());
                known(added, position);
                return null;
            }

            @Override
            public Void detailsUpdated(ContactDetailsUpdated updated) {
                ifAdded(updated, facts -> {
                    details(facts, updated.personal(), updated.attributes());
                    known(updated, position);
                });
                return null;
            }

            @Override
            public Void cadenceSet(CadenceSet cadence) {
                ifAdded(cadence, facts -> {
                    if (position > facts.cadencePosition) {
                        facts.cadencePosition = position;
                        facts.cadenceDays = cadence.everyDays();
                        facts.cadenceSetAt = stored(cadence.firstDueAt());
                    }
                });
                return null;
            }

            @Override
            public Void cadenceCleared(CadenceCleared cleared) {
                ifAdded(cleared, facts -> {
                    if (position > facts.cadencePosition) {
                        facts.cadencePosition = position;
                        facts.cadenceDays = null;
                        facts.cadenceSetAt = null;
                    }
                });
                return null;
            }

            @Override
            public Void snoozed(ContactSnoozed snoozed) {
                ifAdded(snoozed, facts -> facts.snoozedUntil = stored(snoozed.until()));
                return null;
            }

            @Override
            public Void woken(ContactWoken woken) {
                ifAdded(woken, facts -> facts.snoozedUntil = null);
                return null;
            }

            @Override
            public Void archived(ContactArchived archived) {
                ifAdded(archived, facts -> facts.archived = true);
                return null;
            }

            @Override
            public Void restored(ContactRestored restored) {
                ifAdded(restored, facts -> facts.archived = false);
                return null;
            }

            /** Interactions are the ledger's ({@link InteractionLedger}); they reach the state through {@link #count}. */
            @Override
            public Void interactionLogged(InteractionLogged event) {
                return null;
            }

            @Override
            public Void interactionCorrected(InteractionCorrected event) {
                return null;
            }

            @Override
            public Void interactionRetracted(InteractionRetracted event) {
                return null;
            }
        });
    }

    /** Changes a contact's facts only after its ContactAdded: before it there is nothing to change. */
    private void ifAdded(ContactEvent event, java.util.function.Consumer<Facts> change) {
        Facts facts = contacts.get(event.contactId().value());
        if (facts != null && facts.added) {
            change.accept(facts);
        }
    }

    /**
     * Takes the relationship's start from an event recorded within the caller's knowledge, whether or not the event
     * occurred by the report's instant: a start given later corrects when the relationship began.
     */
    void known(ContactEvent event, long position) {
        Instant knownSince = event.accept(KNOWN_SINCE);
        if (knownSince == null) {
            return;
        }
        Facts facts = contacts.computeIfAbsent(event.contactId().value(), Facts::new);
        if (position > facts.knownPosition) {
            facts.knownPosition = position;
            facts.knownSince = knownSince;
        }
    }

    /**
     * Whether a contact event had occurred by {@code at} (SPEC §4): a cadence from its {@code effectiveFrom}, an
     * added contact always (its {@code knownSince} decides whether it is listed), a forgetting always (the person
     * leaves the reports of every date), anything else when recorded.
     */
    static boolean occurredBy(ContactEvent event, Instant recordedAt, Instant at) {
        return !occurredAt(event, recordedAt).isAfter(at);
    }

    /** The occurred time of a contact event, as {@link #occurredBy} reads it. */
    static Instant occurredAt(ContactEvent event, Instant recordedAt) {
        Instant occurred = event.accept(OCCURRED_AT);
        return occurred != null ? occurred : recordedAt;
    }

    /** The start of the relationship an event gives (ContactAdded, ContactDetailsUpdated), else null. */
    private static final ContactEvent.Visitor<Instant> KNOWN_SINCE = new Occurred() {

        @Override
        public Instant added(ContactAdded event) {
            return event.knownSince();
        }

        @Override
        public Instant detailsUpdated(ContactDetailsUpdated event) {
            return event.knownSince();
        }

        @Override
        public Instant cadenceSet(CadenceSet event) {
            return null;
        }

        @Override
        public Instant forgotten(ContactForgotten event) {
            return null;
        }
    };

    /**
     * When an event occurred if not when it was recorded (null): an added contact always (its knownSince decides
     * whether it is listed), a cadence from its effectiveFrom, a forgetting always.
     */
    private static final ContactEvent.Visitor<Instant> OCCURRED_AT = new Occurred() {

        @Override
        public Instant added(ContactAdded event) {
            return Instant.MIN;
        }

        @Override
        public Instant detailsUpdated(ContactDetailsUpdated event) {
            return null;
        }

        @Override
        public Instant cadenceSet(CadenceSet event) {
            return event.effectiveFrom();
        }

        /** Forgetting reaches every date, whenever it was recorded (SPEC §6). */
        @Override
        public Instant forgotten(ContactForgotten event) {
            return Instant.MIN;
        }
    };

    /**
     * The instants the other events give: none. Abstract over the three events that carry one, so each visitor
     * above decides them; a new event type still fails to compile here until it is decided.
     */
    private abstract static class Occurred implements ContactEvent.Visitor<Instant> {

        @Override
        public Instant cadenceCleared(CadenceCleared event) {
            return null;
        }

        @Override
        public Instant interactionLogged(InteractionLogged event) {
            return null;
        }

        @Override
        public Instant interactionCorrected(InteractionCorrected event) {
            return null;
        }

        @Override
        public Instant interactionRetracted(InteractionRetracted event) {
            return null;
        }

        @Override
        public Instant snoozed(ContactSnoozed event) {
            return null;
        }

        @Override
        public Instant woken(ContactWoken event) {
            return null;
        }

        @Override
        public Instant archived(ContactArchived event) {
            return null;
        }

        @Override
        public Instant restored(ContactRestored event) {
            return null;
        }
    }

    private static void details(Facts facts, ContactPersonalData personal, ContactAttributes attributes) {
        facts.displayName = personal.displayName();
        facts.city = personal.city();
        facts.timeZone = attributes.timeZone();
        facts.tags = attributes.tags();
    }

    /** Counts one standing interaction for its contact, by the domain's one tally (last touch, asks, gives). */
    void count(InteractionLedger.Entry interaction) {
        UUID contactId = interaction.contactId();
        tallies.put(
                contactId,
                tallies.getOrDefault(contactId, InteractionTally.NONE)
                        .plus(stored(interaction.occurredAt()), interaction.favor()));
    }

    /**
     * An instant as the live read model holds it: PostgreSQL's {@code timestamptz} keeps microseconds, and the
     * JDBC driver rounds the nanoseconds of an event's instant half up to the microsecond on the way in. Events
     * keep nanoseconds (the server clock and clients may supply them); a report shows what the live view shows,
     * so the going-cold inputs get the same rounding. Which events count is still decided on the exact instants.
     */
    static Instant stored(Instant instant) {
        if (instant == null) {
            return null;
        }
        int belowMicros = instant.getNano() % 1_000;
        Instant micros = instant.minusNanos(belowMicros);
        return belowMicros >= 500 ? micros.plusNanos(1_000) : micros;
    }

    /** The going-cold inputs of every contact in the network, tracked or not; a forgotten contact is gone. */
    List<GoingColdInputs> tracked() {
        List<GoingColdInputs> tracked = new ArrayList<>(contacts.size());
        for (Facts facts : contacts.values()) {
            if (forgotten.contains(facts.contactId) || !facts.added) {
                continue;
            }
            InteractionTally tally = tallies.getOrDefault(facts.contactId, InteractionTally.NONE);
            tracked.add(new GoingColdInputs(
                    facts.contactId,
                    facts.displayName,
                    facts.city,
                    facts.timeZone,
                    facts.tags,
                    facts.cadenceDays,
                    facts.cadenceSetAt,
                    tally.lastInteractionAt(),
                    tally.asks(),
                    tally.gives(),
                    facts.snoozedUntil,
                    facts.archived,
                    stored(facts.knownSince)));
        }
        return tracked;
    }

    /** The going-cold view at {@code at}: listed contacts (SPEC §2), every status, in the view's order. */
    List<GoingColdInputs.Assessed> view(Instant at, ReachableHours reachable) {
        return tracked().stream()
                .filter(contact -> contact.isListed(at, false))
                .map(contact -> contact.assess(at, reachable))
                .sorted(GoingColdInputs.Assessed.ORDER)
                .toList();
    }

    static List<GoingColdRow> rows(List<GoingColdInputs.Assessed> view) {
        return view.stream().map(GoingColdInputs.Assessed::row).toList();
    }
}
