package io.keepwarm.domain.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.domain.contact.TodaysPlan.Candidate;
import io.keepwarm.domain.contact.TodaysPlan.Item;
import io.keepwarm.domain.contact.TodaysPlan.Touch;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Today's plan on a scripted network. The owner lives in Auckland; "now" is Monday 2025-03-03 13:00 NZDT
 * (00:00 UTC), so the owner's day runs 09:00–20:00 NZDT = 2025-03-02T20:00Z to 2025-03-03T07:00Z, when it is still
 * Sunday in Honolulu and Los Angeles, and already Monday in Tokyo and Kiritimati.
 */
class TodaysPlanTest {

    static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
    static final Instant NOW = Instant.parse("2025-03-03T00:00:00Z");

    private static int ids;

    static Candidate candidate(
            String name, String organization, String city, String zone, String ratio, int asks, int gives) {
        int cadence = 21;
        BigDecimal r = new BigDecimal(ratio);
        Instant last = NOW.minus(Duration.ofSeconds(
                r.multiply(BigDecimal.valueOf(cadence * 86_400L)).longValue()));
        GoingColdStatus status = r.compareTo(BigDecimal.valueOf(2)) >= 0
                ? GoingColdStatus.COLD
                : r.compareTo(BigDecimal.ONE) >= 0 ? GoingColdStatus.OVERDUE : GoingColdStatus.DUE_SOON;
        return new Candidate(
                new UUID(0, ++ids),
                name,
                organization,
                city,
                zone == null ? null : ZoneId.of(zone),
                cadence,
                last,
                r,
                status,
                asks,
                gives);
    }

    static List<String> names(List<Item> plan) {
        return plan.stream().map(item -> item.contact().displayName()).toList();
    }

    static List<Item> plan(List<Candidate> candidates, int limit) {
        return TodaysPlan.plan(candidates, NOW, AUCKLAND, ReachableHours.DEFAULT, limit);
    }

    @Test
    void across_the_date_line_a_contact_still_in_sunday_is_not_reachable_during_the_owners_monday() {
        ReachableHours hours = ReachableHours.DEFAULT;
        LocalDate monday = LocalDate.of(2025, 3, 3);

        assertThat(hours.reachableDuring(monday, AUCKLAND, ZoneId.of("Asia/Tokyo")))
                .isTrue();
        assertThat(hours.reachableDuring(monday, AUCKLAND, ZoneId.of("Pacific/Kiritimati")))
                .as("UTC+14: its Monday 09:00 is 19:00Z Sunday, before the owner's day ends")
                .isTrue();
        assertThat(hours.reachableDuring(monday, AUCKLAND, ZoneId.of("Pacific/Honolulu")))
                .as("its Sunday; its Monday 09:00 is 19:00Z Monday, after the owner's day")
                .isFalse();
        assertThat(hours.reachableDuring(monday, AUCKLAND, ZoneId.of("America/Los_Angeles")))
                .isFalse();
    }

    @Test
    void coldest_first_and_among_equal_ratios_the_reachable_before_the_others_then_by_name() {
        List<Candidate> network = List.of(
                candidate("Aaron Honolulu", null, "Honolulu", "Pacific/Honolulu", "1.5000", 0, 0),
                candidate("Zed Tokyo", null, "Tokyo", "Asia/Tokyo", "1.5000", 0, 0),
                candidate("Kiri Island", null, "Kiritimati", "Pacific/Kiritimati", "1.5000", 0, 0),
                candidate("Nobody Zoneless", null, null, null, "1.5000", 0, 0),
                candidate("Coldest Ever", null, "Los Angeles", "America/Los_Angeles", "3.0000", 0, 0));

        List<Item> plan = plan(network, 5);

        assertThat(names(plan))
                .containsExactly("Coldest Ever", "Kiri Island", "Zed Tokyo", "Aaron Honolulu", "Nobody Zoneless");
        assertThat(plan.stream().map(Item::reachableToday)).containsExactly(false, true, true, false, false);
        assertThat(plan.get(0).reason())
                .isEqualTo("last spoke 63 days ago, every 21 days; outside your hours today where they are: "
                        + "reconnect");
        assertThat(plan.get(0).touch()).isEqualTo(Touch.RECONNECT);
        assertThat(plan.get(4).reason())
                .as("no zone: nothing said about hours")
                .isEqualTo("last spoke 31 days ago, every 21 days: check in");
    }

    @Test
    void a_contact_the_owner_owes_a_give_is_suggested_a_give_with_the_count_in_words() {
        List<Candidate> network = List.of(
                candidate("Owed Olga", null, null, "Asia/Tokyo", "3.5239", 2, 1),
                candidate("Even Evan", null, null, "Asia/Tokyo", "1.2000", 1, 1),
                candidate("Helped Hana", null, null, "Asia/Tokyo", "1.1000", 0, 3));

        List<Item> plan = plan(network, 5);

        assertThat(plan.get(0).touch()).isEqualTo(Touch.GIVE);
        assertThat(plan.get(0).reason())
                .isEqualTo("last spoke 74 days ago, every 21 days; you asked twice and gave once: offer help");
        assertThat(plan.get(1).touch()).as("balance 0 owes nothing").isEqualTo(Touch.CHECK_IN);
        assertThat(plan.get(1).reason())
                .isEqualTo("last spoke 25 days ago, every 21 days; you asked once and gave once: check in");
        assertThat(plan.get(2).reason())
                .isEqualTo("last spoke 23 days ago, every 21 days; you gave 3 times and never asked: check in");
    }

    @Test
    void a_never_contacted_contact_is_suggested_a_hello() {
        Candidate never = new Candidate(
                new UUID(1, 1),
                "New Nia",
                null,
                null,
                null,
                21,
                null,
                new BigDecimal("1.0000"),
                GoingColdStatus.OVERDUE,
                0,
                0);

        Item item = plan(List.of(never), 5).get(0);

        assertThat(item.touch()).isEqualTo(Touch.INTRODUCE);
        assertThat(item.reason()).isEqualTo("never contacted since tracked, every 21 days: say hello");
    }

    @Test
    void the_plan_is_spread_over_companies_and_cities_and_fills_up_only_when_nobody_else_is_left() {
        List<Candidate> network = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            network.add(candidate("Acme " + i, "Acme", "Paris " + i, "Asia/Tokyo", "4.00" + i, 0, 0));
        }
        for (int i = 0; i < 3; i++) {
            network.add(candidate("Lyon " + i, "Firm " + i, "Lyon", "Asia/Tokyo", "3.00" + i, 0, 0));
        }
        network.add(candidate("Solo", "Solo Ltd", "Nantes", "Asia/Tokyo", "1.0000", 0, 0));

        assertThat(names(plan(network, 5)))
                .as("one per company, two per city, then the coldest passed over")
                .containsExactly("Acme 4", "Lyon 2", "Lyon 1", "Solo", "Acme 3");
        assertThat(names(plan(network, 3))).containsExactly("Acme 4", "Lyon 2", "Lyon 1");
    }

    @Test
    void the_same_candidates_in_any_order_give_the_same_plan() {
        List<Candidate> network = new ArrayList<>(List.of(
                candidate("B", "X", "C1", "Asia/Tokyo", "1.5000", 0, 0),
                candidate("A", "Y", "C2", "Asia/Tokyo", "1.5000", 0, 0),
                candidate("A", "Z", "C3", "Asia/Tokyo", "1.5000", 0, 0),
                candidate("D", "X", "C4", null, "2.5000", 1, 0)));
        List<Item> first = plan(network, 5);
        java.util.Collections.reverse(network);

        assertThat(plan(network, 5)).isEqualTo(first);
        assertThat(first.get(1)
                        .contact()
                        .contactId()
                        .compareTo(first.get(2).contact().contactId()))
                .as("equal names: by contact id")
                .isNegative();
    }
}
