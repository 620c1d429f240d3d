package io.keepwarm.domain.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The going-cold rules of SPEC §2 at their boundaries. */
class GoingColdRulesTest {

    /** With a cadence of 100 days every ratio of five decimals is a whole number of milliseconds. */
    private static final int HUNDRED_DAYS = 100;

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final Instant LAST = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant CADENCE_SET_AT = Instant.parse("2024-06-01T00:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Relationship contacted(int cadenceDays, Instant lastInteractionAt) {
        return new Relationship(cadenceDays, CADENCE_SET_AT, lastInteractionAt, 0, 0, null);
    }

    /** The instant at which a contact last touched at {@link #LAST} with a 100-day cadence has ratio {@code r}. */
    private static Instant atRatio(String r) {
        long millis = new BigDecimal(r)
                .multiply(BigDecimal.valueOf(HUNDRED_DAYS * MILLIS_PER_DAY))
                .longValueExact();
        return LAST.plusMillis(millis);
    }

    @ParameterizedTest(name = "r = {0} is {1}")
    @CsvSource({
        "0,       WARM",
        "0.79999, WARM",
        "0.8,     DUE_SOON",
        "0.99999, DUE_SOON",
        "1,       OVERDUE",
        "1.99999, OVERDUE",
        "2,       COLD",
        "7.5,     COLD",
    })
    void the_status_follows_the_ratio_at_each_boundary(String r, GoingColdStatus expected) {
        GoingCold assessed = GoingColdRules.assess(contacted(HUNDRED_DAYS, LAST), atRatio(r));

        assertThat(assessed.ratio()).isEqualTo(Double.parseDouble(r));
        assertThat(assessed.status()).isEqualTo(expected);
    }

    static Stream<Arguments> aThreeWeekCadenceAroundItsBoundaries() {
        Duration fourFifths = Duration.ofDays(21).multipliedBy(4).dividedBy(5);
        return Stream.of(
                arguments(fourFifths.minusMillis(1), GoingColdStatus.WARM),
                arguments(fourFifths, GoingColdStatus.DUE_SOON),
                arguments(Duration.ofDays(21).minusMillis(1), GoingColdStatus.DUE_SOON),
                arguments(Duration.ofDays(21), GoingColdStatus.OVERDUE),
                arguments(Duration.ofDays(42).minusMillis(1), GoingColdStatus.OVERDUE),
                arguments(Duration.ofDays(42), GoingColdStatus.COLD));
    }

    @ParameterizedTest(name = "{0} after the last touch is {1}")
    @MethodSource("aThreeWeekCadenceAroundItsBoundaries")
    void a_three_week_cadence_changes_status_at_the_exact_millisecond(
            Duration sinceLastTouch, GoingColdStatus expected) {
        assertThat(GoingColdRules.assess(contacted(21, LAST), LAST.plus(sinceLastTouch))
                        .status())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "r = {0} gives warmth {1}")
    @CsvSource({
        "0,    100",
        "0.5,  71",
        "1,    50",
        "2,    25",
        "-0.5, 100",
    })
    void warmth_halves_with_every_cadence_period(String r, int expectedWarmth) {
        GoingCold assessed = GoingColdRules.assess(contacted(HUNDRED_DAYS, LAST), atRatio(r));

        assertThat(assessed.warmth()).isEqualTo(expectedWarmth);
        assertThat(assessed.neverContacted()).isFalse();
    }

    @Test
    void a_never_contacted_contact_is_overdue_the_moment_its_cadence_is_set() {
        Relationship never = new Relationship(30, CADENCE_SET_AT, null, 0, 0, null);

        GoingCold assessed = GoingColdRules.assess(never, CADENCE_SET_AT);

        assertThat(assessed.ratio()).isEqualTo(1.0);
        assertThat(assessed.status()).isEqualTo(GoingColdStatus.OVERDUE);
        assertThat(assessed.dueAt()).isEqualTo(CADENCE_SET_AT);
        assertThat(assessed.lastInteractionAt()).isNull();
        assertThat(assessed.neverContacted()).isTrue();
        assertThat(assessed.warmth()).isZero();
        assertThat(assessed.askReady()).isFalse();
    }

    @Test
    void a_never_contacted_contact_goes_cold_one_cadence_after_it_is_set() {
        Relationship never = new Relationship(30, CADENCE_SET_AT, null, 0, 0, null);

        GoingCold justBefore = GoingColdRules.assess(
                never, CADENCE_SET_AT.plus(Duration.ofDays(30)).minusMillis(1));
        GoingCold then = GoingColdRules.assess(never, CADENCE_SET_AT.plus(Duration.ofDays(30)));

        assertThat(justBefore.status()).isEqualTo(GoingColdStatus.OVERDUE);
        assertThat(then.ratio()).isEqualTo(2.0);
        assertThat(then.status()).isEqualTo(GoingColdStatus.COLD);
        assertThat(then.warmth()).isZero();
    }

    @Test
    void once_contacted_the_instant_the_cadence_was_set_no_longer_matters() {
        Instant at = LAST.plus(Duration.ofDays(10));

        GoingCold setLongAgo = GoingColdRules.assess(new Relationship(30, CADENCE_SET_AT, LAST, 0, 0, null), at);
        GoingCold setYesterday =
                GoingColdRules.assess(new Relationship(30, at.minus(Duration.ofDays(1)), LAST, 0, 0, null), at);

        assertThat(setYesterday).isEqualTo(setLongAgo);
        assertThat(setLongAgo.dueAt()).isEqualTo(LAST.plus(Duration.ofDays(30)));
    }

    @ParameterizedTest(name = "every {0} days")
    @ValueSource(ints = {1, 21, 60, 180, 365, 3650})
    void due_at_is_the_last_touch_plus_the_cadence_in_whole_days(int cadenceDays) {
        Instant dueAt = LAST.plus(Duration.ofHours(24L * cadenceDays));

        GoingCold assessed = GoingColdRules.assess(contacted(cadenceDays, LAST), dueAt);

        assertThat(assessed.dueAt()).isEqualTo(dueAt);
        assertThat(assessed.ratio()).isEqualTo(1.0);
        assertThat(assessed.lastInteractionAt()).isEqualTo(LAST);
    }

    @ParameterizedTest(name = "r = {0}, {1} asks, {2} gives: warmth {3}, balance {4}, ask-ready {5}")
    @CsvSource({
        "0,     0, 0, 100,  0, true",
        "1,     1, 1,  50,  0, true",
        "1,     2, 1,  50, -1, false",
        "1.014, 0, 0,  50,  0, true",
        "1.02,  0, 0,  49,  0, false",
        "0,     3, 0, 100, -3, false",
        "2,     0, 5,  25,  5, false",
    })
    void ask_ready_needs_warmth_of_at_least_50_and_a_balance_of_at_least_0(
            String r, int asks, int gives, int warmth, int balance, boolean askReady) {
        Relationship relationship = new Relationship(HUNDRED_DAYS, CADENCE_SET_AT, LAST, asks, gives, null);

        GoingCold assessed = GoingColdRules.assess(relationship, atRatio(r));

        assertThat(assessed.asks()).isEqualTo(asks);
        assertThat(assessed.gives()).isEqualTo(gives);
        assertThat(assessed.warmth()).isEqualTo(warmth);
        assertThat(assessed.balance()).isEqualTo(balance);
        assertThat(assessed.askReady()).isEqualTo(askReady);
    }

    @ParameterizedTest(name = "{1} in {0} is {2} local, reachable: {3}")
    @CsvSource({
        "Europe/Berlin,       2025-01-15T07:59:59Z, 2025-01-15T08:59:59, false",
        "Europe/Berlin,       2025-01-15T08:00:00Z, 2025-01-15T09:00:00, true",
        "Europe/Berlin,       2025-01-15T18:59:59Z, 2025-01-15T19:59:59, true",
        "Europe/Berlin,       2025-01-15T19:00:00Z, 2025-01-15T20:00:00, false",
        "Europe/Berlin,       2025-07-15T07:00:00Z, 2025-07-15T09:00:00, true",
        "Europe/Berlin,       2025-07-15T18:00:00Z, 2025-07-15T20:00:00, false",
        "America/Los_Angeles, 2025-07-01T16:00:00Z, 2025-07-01T09:00:00, true",
        "America/Los_Angeles, 2025-01-15T03:30:00Z, 2025-01-14T19:30:00, true",
        "Pacific/Auckland,    2025-01-15T12:00:00Z, 2025-01-16T01:00:00, false",
        "Asia/Kolkata,        2025-01-15T03:30:00Z, 2025-01-15T09:00:00, true",
        "Asia/Kolkata,        2025-01-15T03:29:59Z, 2025-01-15T08:59:59, false",
    })
    void a_contact_is_reachable_from_9_inclusive_to_20_exclusive_local_time(
            ZoneId zone, Instant at, LocalDateTime localTime, boolean reachable) {
        Relationship relationship = new Relationship(30, CADENCE_SET_AT, LAST, 0, 0, zone);

        GoingCold assessed = GoingColdRules.assess(relationship, at);

        assertThat(assessed.localTime().toLocalDateTime()).isEqualTo(localTime);
        assertThat(assessed.localTime().getOffset()).isEqualTo(zone.getRules().getOffset(at));
        assertThat(assessed.reachableNow()).isEqualTo(reachable);
    }

    @Test
    void without_a_time_zone_there_is_no_local_time_and_reachability_is_unknown() {
        // 10:00 UTC would be reachable in UTC; without a zone it must not be assumed either way
        GoingCold assessed = GoingColdRules.assess(contacted(30, LAST), Instant.parse("2025-01-15T10:00:00Z"));

        assertThat(assessed.localTime()).isNull();
        assertThat(assessed.reachableNow()).isNull();
    }

    @Test
    void saturday_morning_is_not_reachable_by_default_but_is_for_an_account_that_works_saturdays() {
        Instant saturdayTenInBerlin = Instant.parse("2025-01-18T09:00:00Z");
        Relationship inBerlin = new Relationship(30, CADENCE_SET_AT, LAST, 0, 0, BERLIN);
        ReachableHours saturdays =
                new ReachableHours(LocalTime.of(10, 0), LocalTime.of(12, 0), EnumSet.of(DayOfWeek.SATURDAY));

        assertThat(GoingColdRules.assess(inBerlin, saturdayTenInBerlin).reachableNow())
                .isFalse();
        assertThat(GoingColdRules.assess(inBerlin, saturdayTenInBerlin, saturdays)
                        .reachableNow())
                .isTrue();
        assertThat(GoingColdRules.assess(inBerlin, saturdayTenInBerlin.plusSeconds(7200), saturdays)
                        .reachableNow())
                .as("12:00 is the exclusive end")
                .isFalse();
    }

    @Test
    void the_local_time_does_not_change_the_ratio() {
        Instant at = Instant.parse("2025-01-15T10:00:00Z");

        GoingCold inBerlin = GoingColdRules.assess(new Relationship(30, CADENCE_SET_AT, LAST, 0, 0, BERLIN), at);
        GoingCold nowhere = GoingColdRules.assess(contacted(30, LAST), at);

        assertThat(inBerlin.ratio()).isEqualTo(nowhere.ratio());
        assertThat(inBerlin.ratio()).isCloseTo((14 + 10 / 24.0) / 30, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "none",
            value = {
                "no cadence,                                 false, false, none,                     false, false",
                "no cadence even with snoozed included,      false, false, none,                     true,  false",
                "archived,                                   true,  true,  none,                     false, false",
                "archived even with snoozed included,        true,  true,  none,                     true,  false",
                "tracked and active,                         true,  false, none,                     false, true",
                "snoozed until a millisecond after t,        true,  false, 2025-03-01T12:00:00.001Z, false, false",
                "snoozed but snoozed ones included,          true,  false, 2025-03-01T12:00:00.001Z, true,  true",
                "snooze ending exactly at t,                 true,  false, 2025-03-01T12:00:00Z,     false, true",
                "snooze that ended before t,                 true,  false, 2025-02-01T00:00:00Z,     false, true",
            })
    void only_tracked_active_and_awake_contacts_are_listed(
            String description,
            boolean tracked,
            boolean archived,
            Instant snoozedUntil,
            boolean includeSnoozed,
            boolean listed) {
        Instant at = Instant.parse("2025-03-01T12:00:00Z");

        assertThat(GoingColdRules.isListed(tracked, archived, snoozedUntil, at, includeSnoozed))
                .isEqualTo(listed);
    }

    /** A row whose exact ratio is {@code ratio} with a 100-day cadence (five decimals at most: whole milliseconds). */
    record Row(GoingColdRules.ExactRatio ratio, String displayName, UUID contactId) {

        Row(double ratio, String displayName, UUID contactId) {
            this(
                    new GoingColdRules.ExactRatio(
                            Duration.between(LAST, atRatio(Double.toString(ratio))), HUNDRED_DAYS),
                    displayName,
                    contactId);
        }
    }

    @Test
    void the_coldest_come_first_then_by_display_name_then_by_contact_id() {
        Row coldest = new Row(2.5, "Zoe", UUID.fromString("00000000-0000-4000-8000-000000000001"));
        Row adaLowId = new Row(1.2, "Ada", UUID.fromString("10000000-0000-4000-8000-000000000001"));
        Row adaHighId = new Row(1.2, "Ada", UUID.fromString("90000000-0000-4000-8000-000000000001"));
        Row bob = new Row(1.2, "Bob", UUID.fromString("00000000-0000-4000-8000-000000000002"));
        Row nameless = new Row(1.2, null, UUID.fromString("00000000-0000-4000-8000-000000000003"));
        Row warmest = new Row(0.3, "Aaron", UUID.fromString("00000000-0000-4000-8000-000000000004"));
        List<Row> rows = new ArrayList<>(List.of(warmest, nameless, adaHighId, bob, coldest, adaLowId));

        rows.sort(GoingColdRules.coldestFirst(Row::ratio, Row::displayName, Row::contactId));

        assertThat(rows).containsExactly(coldest, adaLowId, adaHighId, bob, nameless, warmest);
    }

    @Test
    void ordering_by_precomputed_name_keys_is_the_same_order_as_by_names() {
        // the going-cold read sorts its candidates by keys computed once per row (GoingColdQueries); the reports sort
        // by names: both must give one order, accents, scripts, case and a missing name included
        List<String> names = new ArrayList<>(List.of(
                "Émile",
                "Emile",
                "emile",
                "Łukasz",
                "Lukas",
                "Zoë",
                "Zoe",
                "王芳",
                "李娜",
                "Nguyễn",
                "Ísık",
                "Işık",
                "Müller",
                "Muller",
                "anna k",
                "Anna K",
                "São Paulo",
                "Ada",
                "Ada"));
        names.add(null);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            // three ratios, so that most comparisons tie on the ratio and the name decides
            rows.add(new Row(1.0 + i % 3, names.get(i), new UUID(0, names.size() - i)));
        }
        List<Row> byName = new ArrayList<>(rows);
        byName.sort(GoingColdRules.coldestFirst(Row::ratio, Row::displayName, Row::contactId));
        List<Row> byKey = new ArrayList<>(rows);
        java.util.Collections.reverse(byKey);
        byKey.sort(GoingColdRules.coldestFirstByNameKey(
                Row::ratio,
                row -> row.displayName() == null ? null : NameOrder.key(row.displayName()),
                Row::contactId));

        assertThat(byKey).containsExactlyElementsOf(byName);
        // 6 rows of ratio 3.0 first, then the 7 of ratio 2.0, of which the nameless one (i = 19) is last
        assertThat(byName.get(12).displayName()).isNull();
        assertThat(byName.get(11).displayName()).isNotNull();
    }

    @Test
    void contact_ids_are_ordered_as_their_text_and_as_postgresql_orders_uuids() {
        // java.util.UUID.compareTo compares signed longs and would put 8… to f… before 0… to 7…
        List<UUID> ids = Stream.of(
                        "ffffffff-0000-4000-8000-000000000000",
                        "7fffffff-0000-4000-8000-000000000000",
                        "80000000-0000-4000-8000-000000000000",
                        "00000000-0000-4000-8000-000000000000",
                        "00000000-0000-4000-8000-800000000000",
                        "00000000-0000-4000-8000-000000000001",
                        "00000000-0000-4000-7fff-000000000000")
                .map(UUID::fromString)
                .toList();
        List<Row> rows =
                new ArrayList<>(ids.stream().map(id -> new Row(1.0, "Same", id)).toList());

        rows.sort(GoingColdRules.coldestFirst(Row::ratio, Row::displayName, Row::contactId));

        List<String> sortedAsText = ids.stream().map(UUID::toString).sorted().toList();
        assertThat(rows).extracting(row -> row.contactId().toString()).containsExactlyElementsOf(sortedAsText);
    }

    @ParameterizedTest(name = "{0} is shown as {1}")
    @CsvSource({
        "0.12345, 0.1234",
        "0.12355, 0.1236",
        "1,       1.0000",
        "2.46666, 2.4667",
    })
    void the_shown_ratio_is_rounded_half_even_to_four_decimals(double ratio, String shown) {
        GoingCold assessed =
                new GoingCold(LAST, LAST, 0, ratio, GoingColdStatus.WARM, 0, false, 0, 0, 0, false, null, false);

        assertThat(assessed.roundedRatio()).isEqualByComparingTo(shown);
        assertThat(assessed.roundedRatio().toPlainString()).isEqualTo(shown);
    }

    // --- the reference instant and the references with a status, for a database that ranks by reference --------

    @Test
    void the_thresholds_in_seconds_per_cadence_day_are_exactly_the_ratios_of_the_spec() {
        BigDecimal secondsPerDay = BigDecimal.valueOf(86_400);

        assertThat(BigDecimal.valueOf(GoingColdRules.DUE_SOON_FROM).multiply(secondsPerDay))
                .isEqualByComparingTo(BigDecimal.valueOf(GoingColdRules.DUE_SOON_SECONDS_PER_DAY));
        assertThat(BigDecimal.valueOf(GoingColdRules.OVERDUE_FROM).multiply(secondsPerDay))
                .isEqualByComparingTo(BigDecimal.valueOf(GoingColdRules.OVERDUE_SECONDS_PER_DAY));
        assertThat(BigDecimal.valueOf(GoingColdRules.COLD_FROM).multiply(secondsPerDay))
                .isEqualByComparingTo(BigDecimal.valueOf(GoingColdRules.COLD_SECONDS_PER_DAY));
    }

    @Test
    void the_reference_is_the_last_touch_or_one_cadence_before_the_cadence_was_set() {
        assertThat(GoingColdRules.reference(30, CADENCE_SET_AT, LAST)).isEqualTo(LAST);
        assertThat(GoingColdRules.reference(30, CADENCE_SET_AT, null))
                .isEqualTo(CADENCE_SET_AT.minus(Duration.ofDays(30)));
    }

    @ParameterizedTest(name = "every {0} days")
    @ValueSource(ints = {1, 21, 365, 3650})
    void the_status_changes_at_the_exact_nanosecond(int cadenceDays) {
        Duration cadence = Duration.ofDays(cadenceDays);
        Duration dueSoon = cadence.multipliedBy(4).dividedBy(5);

        assertThat(GoingColdRules.status(dueSoon.minusNanos(1), cadenceDays)).isEqualTo(GoingColdStatus.WARM);
        assertThat(GoingColdRules.status(dueSoon, cadenceDays)).isEqualTo(GoingColdStatus.DUE_SOON);
        assertThat(GoingColdRules.status(cadence.minusNanos(1), cadenceDays)).isEqualTo(GoingColdStatus.DUE_SOON);
        assertThat(GoingColdRules.status(cadence, cadenceDays)).isEqualTo(GoingColdStatus.OVERDUE);
        assertThat(GoingColdRules.status(cadence.multipliedBy(2).minusNanos(1), cadenceDays))
                .isEqualTo(GoingColdStatus.OVERDUE);
        assertThat(GoingColdRules.status(cadence.multipliedBy(2), cadenceDays)).isEqualTo(GoingColdStatus.COLD);
        assertThat(GoingColdRules.status(Duration.ofDays(-1), cadenceDays)).isEqualTo(GoingColdStatus.WARM);
    }

    @Test
    void the_default_statuses_are_every_reference_up_to_four_fifths_of_a_cadence_before_t() {
        Instant at = Instant.parse("2025-03-01T12:00:00.123456789Z");

        List<GoingColdRules.ReferenceRange> ranges = GoingColdRules.referenceRanges(
                EnumSet.of(GoingColdStatus.DUE_SOON, GoingColdStatus.OVERDUE, GoingColdStatus.COLD), 21, at);

        assertThat(ranges)
                .containsExactly(new GoingColdRules.ReferenceRange(
                        null, at.minus(Duration.ofDays(21).multipliedBy(4).dividedBy(5))));
    }

    @Test
    void statuses_that_are_not_adjacent_give_two_ranges_latest_references_first() {
        Instant at = Instant.parse("2025-03-01T12:00:00Z");

        List<GoingColdRules.ReferenceRange> ranges =
                GoingColdRules.referenceRanges(EnumSet.of(GoingColdStatus.WARM, GoingColdStatus.OVERDUE), 10, at);

        assertThat(ranges)
                .containsExactly(
                        new GoingColdRules.ReferenceRange(at.minus(Duration.ofDays(8)), null),
                        new GoingColdRules.ReferenceRange(
                                at.minus(Duration.ofDays(20)), at.minus(Duration.ofDays(10))));
        assertThat(GoingColdRules.referenceRanges(EnumSet.noneOf(GoingColdStatus.class), 10, at))
                .isEmpty();
        assertThat(GoingColdRules.referenceRanges(EnumSet.allOf(GoingColdStatus.class), 10, at))
                .containsExactly(new GoingColdRules.ReferenceRange(null, null));
    }

    static Stream<Arguments> everySetOfStatusesAndCadence() {
        List<Arguments> cases = new ArrayList<>();
        for (int subset = 0; subset < 16; subset++) {
            Set<GoingColdStatus> statuses = EnumSet.noneOf(GoingColdStatus.class);
            for (GoingColdStatus status : GoingColdStatus.values()) {
                if ((subset & (1 << status.ordinal())) != 0) {
                    statuses.add(status);
                }
            }
            for (int cadenceDays : List.of(1, 21, 60, 365, 3650)) {
                cases.add(arguments(statuses, cadenceDays));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} every {1} days")
    @MethodSource("everySetOfStatusesAndCadence")
    void a_reference_is_in_the_ranges_exactly_when_its_status_was_asked_for(
            Set<GoingColdStatus> statuses, int cadenceDays) {
        Instant at = Instant.parse("2025-03-01T12:00:00.000000500Z");
        Duration cadence = Duration.ofDays(cadenceDays);
        List<Duration> sinceReference = new ArrayList<>();
        for (Duration threshold : List.of(cadence.multipliedBy(4).dividedBy(5), cadence, cadence.multipliedBy(2))) {
            for (Duration nudge : List.of(
                    Duration.ZERO,
                    Duration.ofNanos(1),
                    Duration.ofNanos(-1),
                    Duration.ofNanos(1_000),
                    Duration.ofNanos(-1_000),
                    Duration.ofMillis(1),
                    Duration.ofMillis(-1))) {
                sinceReference.add(threshold.plus(nudge));
            }
        }
        sinceReference.addAll(List.of(Duration.ZERO, Duration.ofDays(-3), cadence.multipliedBy(7)));
        List<GoingColdRules.ReferenceRange> ranges = GoingColdRules.referenceRanges(statuses, cadenceDays, at);

        List<GoingColdRules.ReferenceRange> setRanges = GoingColdRules.cadenceSetRanges(statuses, cadenceDays, at);

        for (Duration since : sinceReference) {
            Instant reference = at.minus(since);
            GoingColdStatus status =
                    GoingColdRules.assess(contacted(cadenceDays, reference), at).status();
            assertThat(ranges.stream()
                            .filter(range -> range.contains(reference))
                            .count())
                    .as("reference %s before t, %s", since, status)
                    .isEqualTo(statuses.contains(status) ? 1L : 0L);
            Instant setAt = reference.plus(cadence);
            GoingColdStatus never = GoingColdRules.assess(new Relationship(cadenceDays, setAt, null, 0, 0, null), at)
                    .status();
            assertThat(setRanges.stream().filter(range -> range.contains(setAt)).count())
                    .as("never contacted, cadence set %s before t, %s", since.minus(cadence), never)
                    .isEqualTo(statuses.contains(never) ? 1L : 0L);
        }
    }

    @Test
    void ratios_compare_exactly_where_their_doubles_tie() {
        Instant at = Instant.parse("2025-03-01T12:00:00Z");
        Instant earlier = LAST.minusNanos(1_000);
        Instant aMicrosecondLater = LAST;

        GoingCold first = GoingColdRules.assess(contacted(21, earlier), at);
        GoingCold second = GoingColdRules.assess(contacted(21, aMicrosecondLater), at);

        assertThat(first.ratio()).as("the shown ratio ties").isEqualTo(second.ratio());
        assertThat(GoingColdRules.exactRatio(earlier, 21, at))
                .isGreaterThan(GoingColdRules.exactRatio(aMicrosecondLater, 21, at));
        assertThat(GoingColdRules.exactRatio(at.minus(Duration.ofDays(21)), 21, at))
                .as("one cadence each")
                .isEqualByComparingTo(GoingColdRules.exactRatio(at.minus(Duration.ofDays(60)), 60, at));
        assertThat(GoingColdRules.exactRatio(at.minus(Duration.ofDays(60)).minusNanos(1), 60, at))
                .isGreaterThan(GoingColdRules.exactRatio(at.minus(Duration.ofDays(21)), 21, at));
    }

    @Test
    void ties_compare_display_names_by_the_human_collation_not_by_code_point() {
        // By code point "Zoë" (Z = U+005A) would come before "Łukasz" (Ł = U+0141) and "Émile" (É = U+00C9) after
        // "Eve"; ICU's root collation (NameOrder, the read model's sort_key) orders them as a person expects.
        Row zoe = new Row(1.0, "Zoë", UUID.fromString("00000000-0000-4000-8000-000000000001"));
        Row lukasz = new Row(1.0, "Łukasz", UUID.fromString("00000000-0000-4000-8000-000000000002"));
        Row eve = new Row(1.0, "Eve", UUID.fromString("00000000-0000-4000-8000-000000000003"));
        Row emile = new Row(1.0, "Émile", UUID.fromString("00000000-0000-4000-8000-000000000004"));
        Row empty = new Row(1.0, "", UUID.fromString("00000000-0000-4000-8000-000000000005"));
        List<Row> rows = new ArrayList<>(List.of(zoe, lukasz, eve, emile, empty));

        rows.sort(GoingColdRules.coldestFirst(Row::ratio, Row::displayName, Row::contactId));

        assertThat(rows).containsExactly(empty, emile, eve, lukasz, zoe);
    }

    @Test
    void exact_ratios_compare_as_the_products_of_elapsed_and_the_other_cadence_do() {
        java.util.Random random = new java.util.Random(6);
        List<Duration> elapsed = new ArrayList<>(List.of(
                Duration.ZERO,
                Duration.ofNanos(1),
                Duration.ofNanos(-1),
                Duration.ofSeconds(-5, 999_999_999),
                Duration.ofDays(21),
                Duration.ofDays(60),
                Duration.ofSeconds(Long.MAX_VALUE / 1000),
                Duration.ofSeconds(Long.MIN_VALUE / 1000)));
        for (int i = 0; i < 200; i++) {
            elapsed.add(Duration.ofSeconds(random.nextLong() % 300_000_000_000L, random.nextInt(1_000_000_000)));
        }
        List<Integer> cadences = List.of(1, 7, 21, 60, 365, 3650);
        for (int i = 0; i < 20_000; i++) {
            GoingColdRules.ExactRatio a = new GoingColdRules.ExactRatio(
                    elapsed.get(random.nextInt(elapsed.size())), cadences.get(random.nextInt(cadences.size())));
            GoingColdRules.ExactRatio b = random.nextInt(10) == 0
                    ? new GoingColdRules.ExactRatio(
                            a.elapsed().plus(a.elapsed()).plus(a.elapsed()), a.cadenceDays() * 3)
                    : new GoingColdRules.ExactRatio(
                            elapsed.get(random.nextInt(elapsed.size())), cadences.get(random.nextInt(cadences.size())));
            int expected = seconds(a.elapsed())
                    .multiply(BigDecimal.valueOf(b.cadenceDays()))
                    .compareTo(seconds(b.elapsed()).multiply(BigDecimal.valueOf(a.cadenceDays())));
            assertThat(Integer.signum(a.compareTo(b))).as("%s vs %s", a, b).isEqualTo(Integer.signum(expected));
        }
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }
}
