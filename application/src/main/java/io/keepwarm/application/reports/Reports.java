package io.keepwarm.application.reports;

import io.keepwarm.application.goingcold.GoingColdInputs;
import io.keepwarm.application.reports.InteractionLedger.Entry;
import io.keepwarm.application.reports.OwnerEventLog.RecordedEvent;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.domain.contact.GoingColdStatus;
import io.keepwarm.domain.contact.InteractionTally;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.OwnerId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The replayable history reports of SPEC §4, computed from the owner's events in the event store and never from
 * the read models, so they stay right while a projection is stopped, broken or being rebuilt.
 *
 * <p>Bitemporal rules, for {@code asOf = T} and {@code knownAt = K} (SPEC §4): a fact counts when it was recorded
 * at or before K and occurred at or before T.
 * <ul>
 *   <li>a contact is in the network from its {@code knownSince} on, a cadence counts from its
 *       {@code effectiveFrom}, other contact events (details, snooze, archive, …) from when they were recorded
 *       ({@link NetworkState#occurredBy});</li>
 *   <li>an interaction counts when its {@code occurredAt} (after the corrections that count) is at or before T;</li>
 *   <li>corrections and retractions count when recorded at or before K.</li>
 * </ul>
 * The rows then come from {@link GoingColdInputs#assess}, the same going-cold code the live view uses. A forgotten
 * contact (SPEC §6) is left out of every report, whatever its date; its touches still count in the activity
 * numbers, which say nothing about the person.
 */
@Service
public class Reports {

    private static final Set<GoingColdStatus> ON_CADENCE = Set.of(GoingColdStatus.WARM, GoingColdStatus.DUE_SOON);

    private final OwnerEventLog events;
    private final Settings settings;
    private final Clock clock;

    public Reports(OwnerEventLog events, Settings settings, Clock clock) {
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The going-cold view at {@code asOf} as known at {@code knownAt} (default: now), every status; whether a
     * contact is reachable is judged by the owner's own reachable hours (their settings).
     */
    public NetworkReport network(OwnerId ownerId, ReportParameters.Network query) {
        Instant asOf = query.asOf();
        Instant knownAt = query.knownAt() != null ? query.knownAt() : clock.instant();
        NetworkState state = new NetworkState();
        InteractionLedger ledger = new InteractionLedger();
        events.replay(
                ownerId,
                (type, recordedAt) -> type == ContactForgotten.class || !recordedAt.isAfter(knownAt),
                recorded -> {
                    if (ledger.apply(recorded.event(), recorded.position())) {
                        return;
                    }
                    if (NetworkState.occurredBy(recorded.event(), recorded.recordedAt(), asOf)) {
                        state.apply(recorded.event(), recorded.position());
                    } else {
                        state.known(recorded.event(), recorded.position());
                    }
                });
        for (Entry interaction : ledger.standing()) {
            if (!interaction.occurredAt().isAfter(asOf)) {
                state.count(interaction);
            }
        }
        return new NetworkReport(
                asOf,
                query.knownAt(),
                NetworkState.rows(state.view(asOf, settings.of(ownerId).reachable())));
    }

    /**
     * Activity per period over [from, to) with today's knowledge: interactions by when they occurred (as
     * corrected; retracted ones do not count), and adherence at each period's end as the network report at that
     * instant would show it.
     */
    public ActivityReport activity(OwnerId ownerId, ReportParameters.Activity query) {
        Instant knownAt = clock.instant();
        List<ReportPeriod> periods = ReportPeriod.covering(query.from(), query.to(), query.groupBy(), query.zone());
        List<RecordedEvent> contactEvents = new ArrayList<>();
        InteractionLedger ledger = new InteractionLedger();
        events.replay(
                ownerId,
                (type, recordedAt) -> type == ContactForgotten.class || !recordedAt.isAfter(knownAt),
                recorded -> {
                    if (ledger.apply(recorded.event(), recorded.position())) {
                        return;
                    }
                    contactEvents.add(recorded);
                });
        List<Entry> standing = ledger.standing();
        List<Tally> tallies = tally(periods, standing);
        NetworkState state = new NetworkState();
        // Today's knowledge of when each relationship began holds for every period. A forgetting occurred at the
        // start of time (NetworkState.occurredAt), so the sweep applies it before the first period ends.
        contactEvents.forEach(recorded -> state.known(recorded.event(), recorded.position()));
        List<Adherence> adherence = adherence(periods, state, contactEvents, standing);

        List<ActivityPeriod> rows = new ArrayList<>(periods.size());
        for (int i = 0; i < periods.size(); i++) {
            ReportPeriod period = periods.get(i);
            Tally tally = tallies.get(i);
            Adherence kept = adherence.get(i);
            rows.add(new ActivityPeriod(
                    period.period(),
                    period.start(),
                    period.end(),
                    tally.interactions,
                    Collections.unmodifiableMap(tally.byChannel),
                    Collections.unmodifiableMap(tally.byInitiatedBy),
                    tally.favours.asks(),
                    tally.favours.gives(),
                    tally.contacts.size(),
                    kept.tracked,
                    kept.share()));
        }
        return new ActivityReport(
                query.from(),
                query.to(),
                query.groupBy().apiName(),
                query.zone().getId(),
                rows);
    }

    /** Counters of one period. */
    private static final class Tally {
        int interactions;
        final Map<Channel, Integer> byChannel = zeros(Channel.class);
        final Map<InitiatedBy, Integer> byInitiatedBy = zeros(InitiatedBy.class);
        /** The period's interactions by the domain's one tally (only its asks and gives are shown). */
        InteractionTally favours = InteractionTally.NONE;

        final Set<UUID> contacts = new HashSet<>();
    }

    private record Adherence(int tracked, int onCadence) {

        BigDecimal share() {
            return tracked == 0
                    ? null
                    : BigDecimal.valueOf(onCadence).divide(BigDecimal.valueOf(tracked), 4, RoundingMode.HALF_EVEN);
        }
    }

    /**
     * Interactions per period. An interaction with several contacts is one entry per contact; it counts once,
     * described by its first-logged entry, while every entry adds its contact to the contacts touched.
     */
    private static List<Tally> tally(List<ReportPeriod> periods, List<Entry> standing) {
        List<Tally> tallies = new ArrayList<>(periods.size());
        periods.forEach(period -> tallies.add(new Tally()));
        Map<UUID, Entry> firstOfEach = new LinkedHashMap<>();
        for (Entry entry : standing) {
            firstOfEach.putIfAbsent(entry.interactionId(), entry);
            int index = indexOf(periods, entry.occurredAt());
            if (index >= 0) {
                tallies.get(index).contacts.add(entry.contactId());
            }
        }
        for (Entry interaction : firstOfEach.values()) {
            int index = indexOf(periods, interaction.occurredAt());
            if (index < 0) {
                continue;
            }
            Tally tally = tallies.get(index);
            tally.interactions++;
            tally.byChannel.merge(interaction.channel(), 1, Integer::sum);
            tally.byInitiatedBy.merge(interaction.initiatedBy(), 1, Integer::sum);
            tally.favours = tally.favours.plus(interaction.occurredAt(), interaction.favor());
        }
        return tallies;
    }

    /**
     * Adherence at each period's end, in one sweep forward in time: contact events join in the order they occurred
     * ({@link NetworkState#occurredAt}), interactions in the order they occurred, and at each end the tracked
     * contacts known by then are assessed.
     */
    private static List<Adherence> adherence(
            List<ReportPeriod> periods, NetworkState state, List<RecordedEvent> contactEvents, List<Entry> standing) {
        List<RecordedEvent> byRecorded = new ArrayList<>(contactEvents);
        byRecorded.sort(Comparator.comparing(
                        (RecordedEvent recorded) -> NetworkState.occurredAt(recorded.event(), recorded.recordedAt()))
                .thenComparingLong(RecordedEvent::position));
        List<Entry> byOccurred = new ArrayList<>(standing);
        byOccurred.sort(Comparator.comparing(Entry::occurredAt).thenComparingLong(Entry::loggedAt));

        List<Adherence> adherence = new ArrayList<>(periods.size());
        int nextEvent = 0;
        int nextInteraction = 0;
        for (ReportPeriod period : periods) {
            Instant end = period.end();
            while (nextEvent < byRecorded.size()) {
                RecordedEvent next = byRecorded.get(nextEvent);
                if (!NetworkState.occurredBy(next.event(), next.recordedAt(), end)) {
                    break;
                }
                state.apply(next.event(), next.position());
                nextEvent++;
            }
            while (nextInteraction < byOccurred.size()
                    && !byOccurred.get(nextInteraction).occurredAt().isAfter(end)) {
                state.count(byOccurred.get(nextInteraction++));
            }
            int tracked = 0;
            int onCadence = 0;
            for (GoingColdInputs contact : state.tracked()) {
                if (contact.isListed(end, false)) {
                    tracked++;
                    if (ON_CADENCE.contains(contact.assess(end).row().status())) {
                        onCadence++;
                    }
                }
            }
            adherence.add(new Adherence(tracked, onCadence));
        }
        return adherence;
    }

    /** The index of the period holding {@code instant}, or -1. Periods are contiguous and in order. */
    private static int indexOf(List<ReportPeriod> periods, Instant instant) {
        int low = 0;
        int high = periods.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            ReportPeriod period = periods.get(middle);
            if (instant.isBefore(period.start())) {
                high = middle - 1;
            } else if (!instant.isBefore(period.end())) {
                low = middle + 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    private static <E extends Enum<E>> Map<E, Integer> zeros(Class<E> type) {
        Map<E, Integer> zeros = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            zeros.put(value, 0);
        }
        return zeros;
    }
}
