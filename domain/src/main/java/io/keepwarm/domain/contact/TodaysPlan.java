package io.keepwarm.domain.contact;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Whom to touch today (SPEC §9), as a careful friend would suggest it: from the going-cold view (already assessed
 * by {@link GoingColdRules}), coldest first; among rows of the same (shown) ratio, contacts reachable during the
 * owner's day before the others, then by display name and contact id; spread over people and places: at most
 * {@value #PER_ORGANIZATION} per organization and {@value #PER_CITY} per city while other candidates remain, so a
 * plan is never five people at one company. A contact to whom the owner owes a give (balance &lt; 0) is suggested
 * a give. Nothing here reads a clock: the same candidates, instant and settings give the same plan.
 */
public final class TodaysPlan {

    public static final int DEFAULT_LIMIT = 5;
    static final int PER_ORGANIZATION = 1;
    static final int PER_CITY = 2;

    private TodaysPlan() {}

    /** The kind of touch suggested. */
    public enum Touch {
        /** The owner owes them one: offer help. */
        GIVE("offer help"),
        /** Tracked but never contacted: say hello. */
        INTRODUCE("say hello"),
        /** Gone cold (ratio ≥ 2): reconnect. */
        RECONNECT("reconnect"),
        /** Due soon or overdue: a short check-in. */
        CHECK_IN("check in");

        private final String advice;

        Touch(String advice) {
            this.advice = advice;
        }

        public String advice() {
            return advice;
        }
    }

    /**
     * One row of the going-cold view, as the rules assessed it.
     *
     * @param ratio the shown ratio (four decimals): rows showing the same ratio are ties
     * @param timeZone the contact's zone, or null (unknown: not counted as reachable)
     */
    public record Candidate(
            UUID contactId,
            String displayName,
            String organization,
            String city,
            ZoneId timeZone,
            int cadenceDays,
            Instant lastInteractionAt,
            BigDecimal ratio,
            GoingColdStatus status,
            int asks,
            int gives) {

        public Candidate {
            Objects.requireNonNull(contactId, "contactId");
            Objects.requireNonNull(ratio, "ratio");
            Objects.requireNonNull(status, "status");
        }

        int balance() {
            return gives - asks;
        }
    }

    /** A row of the plan: whom, the touch suggested, and why in one sentence. */
    public record Item(Candidate contact, Touch touch, boolean reachableToday, String reason) {}

    /**
     * The plan at {@code at} for an owner living in {@code ownerZone} with {@code hours}: at most {@code limit}
     * items, best first.
     */
    public static List<Item> plan(
            List<Candidate> candidates, Instant at, ZoneId ownerZone, ReachableHours hours, int limit) {
        LocalDate today = at.atZone(ownerZone).toLocalDate();
        Map<UUID, Boolean> reachable = new HashMap<>();
        for (Candidate candidate : candidates) {
            reachable.put(
                    candidate.contactId(),
                    candidate.timeZone() != null && hours.reachableDuring(today, ownerZone, candidate.timeZone()));
        }
        Comparator<Candidate> order = Comparator.comparing(Candidate::ratio)
                .reversed()
                .thenComparing(c -> !reachable.get(c.contactId()))
                .thenComparing(Candidate::displayName, NameOrder.NAMES)
                .thenComparing(Candidate::contactId, GoingColdRules::compareUnsigned);
        List<Candidate> ordered = candidates.stream().sorted(order).toList();

        List<Candidate> chosen = new ArrayList<>();
        List<Candidate> passedOver = new ArrayList<>();
        Map<String, Integer> perOrganization = new HashMap<>();
        Map<String, Integer> perCity = new HashMap<>();
        for (Candidate candidate : ordered) {
            if (chosen.size() == limit) {
                break;
            }
            String organization = place(candidate.organization());
            String city = place(candidate.city());
            if ((organization != null && perOrganization.getOrDefault(organization, 0) >= PER_ORGANIZATION)
                    || (city != null && perCity.getOrDefault(city, 0) >= PER_CITY)) {
                passedOver.add(candidate);
                continue;
            }
            chosen.add(candidate);
            if (organization != null) {
                perOrganization.merge(organization, 1, Integer::sum);
            }
            if (city != null) {
                perCity.merge(city, 1, Integer::sum);
            }
        }
        // Fewer places than slots: the plan still fills up, with those passed over in their order.
        Set<UUID> taken = new HashSet<>();
        chosen.forEach(c -> taken.add(c.contactId()));
        for (Candidate candidate : passedOver) {
            if (chosen.size() == limit) {
                break;
            }
            if (taken.add(candidate.contactId())) {
                chosen.add(candidate);
            }
        }
        return chosen.stream()
                .map(c -> {
                    Touch touch = touch(c);
                    boolean reachableToday = reachable.get(c.contactId());
                    return new Item(c, touch, reachableToday, reason(c, touch, reachableToday, at));
                })
                .toList();
    }

    static Touch touch(Candidate candidate) {
        if (candidate.balance() < 0) {
            return Touch.GIVE;
        }
        if (candidate.lastInteractionAt() == null) {
            return Touch.INTRODUCE;
        }
        return candidate.status() == GoingColdStatus.COLD ? Touch.RECONNECT : Touch.CHECK_IN;
    }

    /** "last spoke 74 days ago, every 21 days; you asked twice and gave once: offer help". */
    static String reason(Candidate candidate, Touch touch, boolean reachableToday, Instant at) {
        StringBuilder reason = new StringBuilder();
        if (candidate.lastInteractionAt() == null) {
            reason.append("never contacted since tracked");
        } else {
            long days = Duration.between(candidate.lastInteractionAt(), at).toDays();
            reason.append("last spoke ").append(days <= 0 ? "today" : days == 1 ? "yesterday" : days + " days ago");
        }
        reason.append(candidate.cadenceDays() == 1 ? ", every day" : ", every " + candidate.cadenceDays() + " days");
        if (candidate.asks() > 0 && candidate.gives() > 0) {
            reason.append("; you asked ")
                    .append(times(candidate.asks()))
                    .append(" and gave ")
                    .append(times(candidate.gives()));
        } else if (candidate.asks() > 0) {
            reason.append("; you asked ").append(times(candidate.asks())).append(" and never gave");
        } else if (candidate.gives() > 0) {
            reason.append("; you gave ").append(times(candidate.gives())).append(" and never asked");
        }
        if (candidate.timeZone() != null && !reachableToday) {
            reason.append("; outside your hours today where they are");
        }
        return reason.append(": ").append(touch.advice()).toString();
    }

    private static String times(int n) {
        return switch (n) {
            case 1 -> "once";
            case 2 -> "twice";
            default -> n + " times";
        };
    }

    /** An organization or city as compared for spreading: trimmed, case folded; blank is no place. */
    private static String place(String name) {
        return name == null || name.isBlank() ? null : name.strip().toLowerCase(Locale.ROOT);
    }
}
