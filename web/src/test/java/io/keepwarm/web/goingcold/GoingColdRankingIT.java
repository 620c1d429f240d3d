package io.keepwarm.web.goingcold;

import static io.keepwarm.web.testsupport.Fixtures.logInteraction;
import static io.keepwarm.web.testsupport.Fixtures.setCadence;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.domain.contact.GoingColdRules;
import io.keepwarm.domain.contact.GoingColdStatus;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Fixtures;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The going-cold view picks its rows in the database, one index range per cadence and status range
 * (docs/adr/0008-going-cold-reference-instant.md). These tests check that what comes back is exactly what ranking
 * every listed contact by the rules would give: across cadences, at every limit, with ties, at the exact instants
 * where statuses change, with snoozed, never contacted, tagged and located contacts.
 */
class GoingColdRankingIT extends IntegrationTest {

    private static final String ALL = "WARM,DUE_SOON,OVERDUE,COLD";

    /** A whole-second instant 100 days back, where the network's interactions happen. */
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(100));

    /**
     * Every contact here is known from a year before {@code base}: the view at an instant before a contact was known
     * leaves it out (SPEC §3), and these tests read the view at instants around the interactions they backfill.
     */
    private String addContact(Api owner, String displayName) {
        return addContact(owner, Map.of("displayName", displayName));
    }

    private String addContact(Api owner, Map<String, ?> body) {
        Map<String, Object> known = new HashMap<>(body);
        known.putIfAbsent("knownSince", base.minus(Duration.ofDays(365)).toString());
        return Fixtures.addContact(owner, known);
    }

    private String addTracked(Api owner, String displayName, int everyDays) {
        String id = addContact(owner, displayName);
        setCadence(owner, id, everyDays);
        return id;
    }

    /** What the test knows of one contact, read back once with every status and no limit. */
    private record Known(
            UUID contactId,
            String displayName,
            String city,
            List<String> tags,
            int cadenceDays,
            Instant reference,
            Instant snoozedUntil) {}

    private static JsonNode view(Api owner, String query) {
        var answer = owner.get("/api/going-cold?" + query);
        assertThat(answer.status()).as("%s: %s", query, answer).isEqualTo(200);
        return answer.json();
    }

    private static List<String> ids(JsonNode view) {
        List<String> ids = new ArrayList<>();
        view.get("items").forEach(row -> ids.add(row.get("contactId").asText()));
        return ids;
    }

    private static List<String> names(JsonNode view) {
        List<String> names = new ArrayList<>();
        view.get("items").forEach(row -> names.add(row.get("displayName").asText()));
        return names;
    }

    /** Every tracked, active contact with its reference (dueAt less the cadence), as the view reports it. */
    private static List<Known> everything(Api owner, Instant at) {
        List<Known> known = new ArrayList<>();
        view(owner, "status=" + ALL + "&includeSnoozed=true&limit=1000&at=" + at)
                .get("items")
                .forEach(row -> {
                    List<String> tags = new ArrayList<>();
                    row.get("tags").forEach(tag -> tags.add(tag.asText()));
                    int cadence = row.get("cadenceDays").asInt();
                    known.add(new Known(
                            UUID.fromString(row.get("contactId").asText()),
                            row.get("displayName").asText(),
                            row.get("city").isNull() ? null : row.get("city").asText(),
                            tags,
                            cadence,
                            Instant.parse(row.get("dueAt").asText()).minus(Duration.ofDays(cadence)),
                            row.get("snoozedUntil").isNull()
                                    ? null
                                    : Instant.parse(row.get("snoozedUntil").asText())));
                });
        return known;
    }

    /** The answer the rules give when every listed contact is ranked: the oracle for the database's choice. */
    private static List<String> expected(
            List<Known> network,
            Set<GoingColdStatus> statuses,
            String tag,
            String city,
            boolean includeSnoozed,
            Instant at,
            int limit) {
        return network.stream()
                .filter(k -> GoingColdRules.isListed(true, false, k.snoozedUntil(), at, includeSnoozed))
                .filter(k -> tag == null || k.tags().contains(tag))
                .filter(k -> city == null || city.equalsIgnoreCase(k.city()))
                .filter(k -> statuses.contains(GoingColdRules.exactRatio(k.reference(), k.cadenceDays(), at)
                        .status()))
                .sorted(GoingColdRules.coldestFirst(
                        k -> GoingColdRules.exactRatio(k.reference(), k.cadenceDays(), at),
                        Known::displayName,
                        Known::contactId))
                .limit(limit)
                .map(k -> k.contactId().toString())
                .toList();
    }

    private static String query(
            Set<GoingColdStatus> statuses, String tag, String city, boolean includeSnoozed, Instant at, int limit) {
        return "status=" + statuses.stream().map(Enum::name).collect(Collectors.joining(","))
                + (tag == null ? "" : "&tag=" + tag) + (city == null ? "" : "&city=" + city)
                + "&includeSnoozed=" + includeSnoozed + "&at=" + at + "&limit=" + limit;
    }

    /**
     * Four cadences; per cadence contacts touched at staggered days, pairs touched by one interaction (same
     * reference: ties broken by name, then id), some never contacted, some snoozed, some tagged or in a city.
     */
    private List<Known> network(Api owner) {
        // names whose collation order is not their code point order: ties must follow NameOrder in SQL and Java
        String[] names = {"émile", "Ada", "Łukasz", "bea", "Zoë", "İbrahim"};
        int n = 0;
        for (int cadence : List.of(3, 7, 10, 30)) {
            for (int day = 0; day < 100; day += 13 + cadence % 4) {
                String first = addContact(
                        owner,
                        Map.of(
                                "displayName",
                                names[n % names.length],
                                "city",
                                n % 3 == 0 ? "Lyon" : "Oslo",
                                "tags",
                                n % 2 == 0 ? List.of("team") : List.of()));
                String second = addContact(owner, names[(n + 3) % names.length]);
                String twin = addContact(owner, names[n % names.length]);
                for (String id : List.of(first, second, twin)) {
                    setCadence(owner, id, cadence);
                }
                logInteraction(owner, base.plus(Duration.ofDays(day)).plusMillis(cadence), first, second, twin);
                n++;
            }
            addTracked(owner, "Never " + cadence, cadence);
        }
        String snoozed = addTracked(owner, "Sleepy", 7);
        logInteraction(owner, base, snoozed);
        Instant until = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(3));
        assertThat(owner.post("/api/contacts/" + snoozed + "/snooze", Map.of("until", until.toString()))
                        .status())
                .isEqualTo(200);
        List<Known> network = everything(owner, Instant.now());
        assertThat(network).hasSize(n * 3 + 4 + 1);
        return network;
    }

    @Test
    void every_answer_is_what_ranking_every_contact_by_the_rules_gives() {
        Api owner = newOwner();
        List<Known> network = network(owner);
        Known boundary = network.get(network.size() / 2);
        Duration cadence = Duration.ofDays(boundary.cadenceDays());
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.now(), base.plus(Duration.ofDays(50)), Instant.now().plus(Duration.ofDays(5))));
        for (Duration threshold : List.of(cadence.multipliedBy(4).dividedBy(5), cadence, cadence.multipliedBy(2))) {
            Instant exactly = boundary.reference().plus(threshold);
            instants.addAll(List.of(exactly, exactly.minusNanos(1), exactly.plusNanos(1), exactly.minusNanos(1_000)));
        }
        List<Set<GoingColdStatus>> statusSets = List.of(
                EnumSet.of(GoingColdStatus.DUE_SOON, GoingColdStatus.OVERDUE, GoingColdStatus.COLD),
                EnumSet.of(GoingColdStatus.DUE_SOON),
                EnumSet.of(GoingColdStatus.OVERDUE),
                EnumSet.of(GoingColdStatus.WARM, GoingColdStatus.OVERDUE),
                EnumSet.allOf(GoingColdStatus.class));
        int checked = 0;
        int nonEmpty = 0;
        for (Instant at : instants) {
            for (Set<GoingColdStatus> statuses : statusSets) {
                for (int limit : List.of(1, 4, 13, 1000)) {
                    List<String> expected = expected(network, statuses, null, null, false, at, limit);
                    assertThat(ids(view(owner, query(statuses, null, null, false, at, limit))))
                            .as("%s", query(statuses, null, null, false, at, limit))
                            .containsExactlyElementsOf(expected);
                    checked++;
                    nonEmpty += expected.isEmpty() ? 0 : 1;
                }
            }
            for (String[] filter : new String[][] {{"team", null}, {null, "lyon"}, {"team", "OSLO"}}) {
                List<String> expected = expected(network, FindDefaults.STATUSES, filter[0], filter[1], true, at, 5);
                assertThat(ids(view(owner, query(FindDefaults.STATUSES, filter[0], filter[1], true, at, 5))))
                        .as("%s", query(FindDefaults.STATUSES, filter[0], filter[1], true, at, 5))
                        .containsExactlyElementsOf(expected);
            }
        }
        assertThat(nonEmpty).as("answers with rows among %d", checked).isGreaterThan(checked / 2);
    }

    /** The API's default statuses, spelled out for the oracle. */
    private static final class FindDefaults {
        static final Set<GoingColdStatus> STATUSES =
                EnumSet.of(GoingColdStatus.DUE_SOON, GoingColdStatus.OVERDUE, GoingColdStatus.COLD);
    }

    @Test
    void a_status_boundary_is_exact_to_the_nanosecond_for_each_cadence_in_one_answer() {
        Api owner = newOwner();
        String three = addTracked(owner, "Three", 3);
        String ten = addTracked(owner, "Ten", 10);
        logInteraction(owner, base, three, ten);
        Instant threeDueSoon = base.plus(Duration.ofDays(3).multipliedBy(4).dividedBy(5));
        Instant tenOverdue = base.plus(Duration.ofDays(10));

        assertThat(names(view(owner, "status=DUE_SOON&at=" + threeDueSoon.minusNanos(1))))
                .isEmpty();
        assertThat(names(view(owner, "status=DUE_SOON&at=" + threeDueSoon))).containsExactly("Three");
        assertThat(names(view(
                        owner,
                        "status=DUE_SOON&at=" + base.plus(Duration.ofDays(3)).minusNanos(1))))
                .containsExactly("Three");
        assertThat(names(view(owner, "status=DUE_SOON&at=" + base.plus(Duration.ofDays(3)))))
                .isEmpty();
        assertThat(names(view(owner, "status=OVERDUE&at=" + tenOverdue.minusNanos(1))))
                .isEmpty();
        assertThat(names(view(owner, "status=DUE_SOON,COLD&at=" + tenOverdue.minusNanos(1))))
                .containsExactly("Three", "Ten");
        assertThat(names(view(owner, "status=OVERDUE,COLD&at=" + tenOverdue))).containsExactly("Three", "Ten");
        assertThat(names(view(owner, "status=OVERDUE&at=" + tenOverdue))).containsExactly("Ten");
        assertThat(names(view(
                        owner,
                        "status=COLD&at=" + base.plus(Duration.ofDays(20)).minusNanos(1))))
                .containsExactly("Three");
        assertThat(names(view(owner, "status=COLD&at=" + base.plus(Duration.ofDays(20)))))
                .containsExactly("Three", "Ten");
    }

    @Test
    void a_limit_that_cuts_through_a_tie_keeps_the_first_names_whatever_order_they_were_added_in() {
        Api owner = newOwner();
        List<String> added = new ArrayList<>();
        for (String name : List.of("Zoe", "Mia", "Ada", "Kim", "Bob")) {
            added.add(addTracked(owner, name, 7));
        }
        String colder = addTracked(owner, "Yan", 30);
        logInteraction(owner, base, added.toArray(String[]::new));
        logInteraction(owner, base.minus(Duration.ofDays(80)), colder);
        Instant at = base.plus(Duration.ofDays(20));

        assertThat(names(view(owner, "limit=3&at=" + at)))
                .as("30-day cadence, 100 days: r ≈ 3.33; 7-day cadence, 20 days: r ≈ 2.86")
                .containsExactly("Yan", "Ada", "Bob");
        assertThat(names(view(owner, "limit=4&status=OVERDUE&at=" + base.plus(Duration.ofDays(10)))))
                .as("Yan is COLD at r = 3")
                .containsExactly("Ada", "Bob", "Kim", "Mia");
    }

    @Test
    void ties_are_broken_by_the_root_collation_of_names_not_by_code_points() {
        Api owner = newOwner();
        List<String> added = new ArrayList<>();
        for (String name : List.of("Zoë", "Łukasz", "eve", "Émile", "ada", "王伟", "İbrahim")) {
            added.add(addTracked(owner, name, 7));
        }
        logInteraction(owner, base, added.toArray(String[]::new));
        Instant at = base.plus(Duration.ofDays(20));

        assertThat(names(view(owner, "limit=1000&at=" + at)))
                .as("code points would give Zoë, ada, eve, Émile, İbrahim, Łukasz, 王伟")
                .containsExactly("ada", "Émile", "eve", "İbrahim", "Łukasz", "Zoë", "王伟");
        assertThat(names(view(owner, "limit=3&at=" + at))).containsExactly("ada", "Émile", "eve");
    }

    @Test
    void never_contacted_contacts_rank_by_the_instant_their_cadence_was_set() {
        Api owner = newOwner();
        String first = addTracked(owner, "Set First", 10);
        String touched = addTracked(owner, "Touched", 10);
        logInteraction(owner, Instant.now().minus(Duration.ofDays(10)).minusSeconds(60), touched);
        String second = addTracked(owner, "Set Second", 10);

        JsonNode view = view(owner, "status=" + ALL + "&at=" + Instant.now().plus(Duration.ofDays(1)));

        assertThat(names(view)).containsExactly("Touched", "Set First", "Set Second");
        assertThat(view.get("items").get(1).get("neverContacted").asBoolean()).isTrue();
        assertThat(ids(view)).containsSubsequence(first, second);
    }

    @Test
    void a_contact_moves_between_never_contacted_and_contacted_as_its_interactions_come_and_go() {
        Api owner = newOwner();
        String mover = addTracked(owner, "Mover", 10);
        String steady = addTracked(owner, "Steady", 10);
        logInteraction(owner, base.plus(Duration.ofDays(50)), steady);
        Instant at = Instant.now().plus(Duration.ofDays(1));
        String everything = "status=" + ALL + "&at=" + at;
        assertThat(names(view(owner, everything)))
                .as("never contacted: set now, due now")
                .containsExactly("Steady", "Mover");

        String only = logInteraction(owner, base.plus(Duration.ofDays(20)), mover);
        assertThat(names(view(owner, everything))).containsExactly("Mover", "Steady");
        String later = logInteraction(owner, base.plus(Duration.ofDays(80)), mover);
        assertThat(names(view(owner, everything))).containsExactly("Steady", "Mover");

        assertThat(owner.delete("/api/interactions/" + later).status()).isEqualTo(204);
        assertThat(names(view(owner, everything))).as("back to its first touch").containsExactly("Mover", "Steady");
        assertThat(owner.delete("/api/interactions/" + only).status()).isEqualTo(204);
        JsonNode never = view(owner, everything);
        assertThat(names(never)).as("never contacted again").containsExactly("Steady", "Mover");
        assertThat(never.get("items").get(1).get("neverContacted").asBoolean()).isTrue();

        setCadence(owner, mover, 3);
        assertThat(names(view(owner, "status=OVERDUE&at=" + Instant.now().plus(Duration.ofDays(2)))))
                .as("a new cadence set now: due at once, cold after 3 days")
                .containsExactly("Mover");
    }

    @Test
    void an_owner_with_more_cadences_than_index_ranges_are_worth_is_ranked_the_same_way() {
        Api owner = newOwner();
        List<String> ids = new ArrayList<>();
        for (int cadence = 1; cadence <= 70; cadence++) {
            ids.add(addTracked(owner, "Every " + (100 + cadence), cadence));
        }
        logInteraction(owner, base, ids.subList(0, 35).toArray(String[]::new));
        logInteraction(owner, base, ids.subList(35, 70).toArray(String[]::new));
        List<Known> network = everything(owner, Instant.now());
        Instant at = base.plus(Duration.ofDays(60));

        for (int limit : List.of(1, 10, 1000)) {
            assertThat(ids(view(owner, "limit=" + limit + "&at=" + at)))
                    .containsExactlyElementsOf(expected(network, FindDefaults.STATUSES, null, null, false, at, limit));
        }
        assertThat(names(view(owner, "limit=2&at=" + at))).containsExactly("Every 101", "Every 102");
        assertThat(names(view(owner, "status=DUE_SOON&at=" + at)))
                .as("0.8 ≤ 60/c < 1: c from 61 to 75")
                .containsExactly(
                        "Every 161",
                        "Every 162",
                        "Every 163",
                        "Every 164",
                        "Every 165",
                        "Every 166",
                        "Every 167",
                        "Every 168",
                        "Every 169",
                        "Every 170");
    }
}
