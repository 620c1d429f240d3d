package io.keepwarm.application.goingcold;

import io.keepwarm.domain.contact.GoingCold;
import io.keepwarm.domain.contact.GoingColdRules;
import io.keepwarm.domain.contact.ReachableHours;
import io.keepwarm.domain.contact.Relationship;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A contact's going-cold inputs ({@code cadenceSetAt}: when its cadence takes effect, its first due instant), wherever they were gathered (the live read model or a replay of the event
 * store), and the one way to turn them into a {@link GoingColdRow}: through {@link GoingColdRules}.
 */
public record GoingColdInputs(
        UUID contactId,
        String displayName,
        String city,
        String timeZone,
        List<String> tags,
        Integer cadenceDays,
        Instant cadenceSetAt,
        Instant lastInteractionAt,
        int asks,
        int gives,
        Instant snoozedUntil,
        boolean archived,
        Instant knownSince) {

    /** Listed at {@code at} (SPEC §2), and known by then: a relationship that began later is not in that view. */
    public boolean isListed(Instant at, boolean includeSnoozed) {
        return GoingColdRules.isKnownAt(knownSince, at)
                && GoingColdRules.isListed(cadenceDays != null, archived, snoozedUntil, at, includeSnoozed);
    }

    /** The reference instant of the rules ({@link GoingColdRules#reference}); only for a contact with a cadence. */
    public Instant reference() {
        return GoingColdRules.reference(cadenceDays, cadenceSetAt, lastInteractionAt);
    }

    /** The exact ratio at {@code at}, what the view orders by; only for a contact with a cadence. */
    public GoingColdRules.ExactRatio ratio(Instant at) {
        return GoingColdRules.exactRatio(reference(), cadenceDays, at);
    }

    /** Assesses this tracked contact at {@code at} with the default reachable hours; only with a cadence. */
    public Assessed assess(Instant at) {
        return assess(at, ReachableHours.DEFAULT);
    }

    /**
     * Assesses this tracked contact at {@code at}, reachable within the account's {@code reachable} hours; call
     * only for a contact with a cadence.
     */
    public Assessed assess(Instant at, ReachableHours reachable) {
        ZoneId zone = timeZone == null ? null : ZoneId.of(timeZone);
        GoingCold goingCold = GoingColdRules.assess(
                new Relationship(cadenceDays, cadenceSetAt, lastInteractionAt, asks, gives, zone), at, reachable);
        return new Assessed(
                ratio(at),
                new GoingColdRow(
                        contactId,
                        displayName,
                        city,
                        timeZone,
                        tags,
                        cadenceDays,
                        goingCold.lastInteractionAt(),
                        goingCold.dueAt(),
                        goingCold.daysSinceReference(),
                        goingCold.roundedRatio(),
                        goingCold.status(),
                        goingCold.warmth(),
                        goingCold.neverContacted(),
                        goingCold.asks(),
                        goingCold.gives(),
                        goingCold.balance(),
                        goingCold.askReady(),
                        goingCold.localTime(),
                        goingCold.reachableNow(),
                        snoozedUntil));
    }

    /**
     * A row with the exact ratio beside it: the order (SPEC §2: coldest first, ties by display name, then
     * contact id) uses the exact value, the API shows the rounded one.
     */
    public record Assessed(GoingColdRules.ExactRatio exactRatio, GoingColdRow row) {

        public static final Comparator<Assessed> ORDER = GoingColdRules.coldestFirst(
                Assessed::exactRatio, a -> a.row().displayName(), a -> a.row().contactId());
    }
}
