package io.keepwarm.application.goingcold;

import io.keepwarm.application.settings.Settings;
import io.keepwarm.domain.contact.GoingColdRules;
import io.keepwarm.domain.contact.GoingColdRules.ExactRatio;
import io.keepwarm.domain.contact.GoingColdRules.ReferenceRange;
import io.keepwarm.domain.contact.NameOrder;
import io.keepwarm.domain.contact.ReachableHours;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.OwnerId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers the going-cold view from the read model, letting the database hand out only the rows that can be in
 * the answer (docs/adr/0008-going-cold-ranked-by-index.md).
 *
 * <p>For one cadence the ratio falls as the reference instant ({@link GoingColdRules#reference}) rises, and each
 * status is a range of references ({@link GoingColdRules#referenceRanges}). The reference is the last interaction,
 * or for a contact never contacted the instant its cadence was set less one cadence; so for each of the owner's
 * cadences, one index range scan of contacted rows by last interaction and one of never-contacted rows by the
 * instant the cadence was set ({@link GoingColdRules#cadenceSetRanges}) return that cadence's first {@code limit}
 * rows of each kind in the view's order. The rules then merge those few rows in Java with the same order the
 * reports use, and assess only the rows returned. Nothing of the formula is written in SQL: the statement compares
 * stored columns with bounds the rules computed.
 */
@Component
public class GoingColdQueries {

    /**
     * An owner with more distinct cadences than this is answered by reading all of the owner's listed rows once, as
     * ranges per cadence would read more index pages than that.
     */
    static final int MAX_CADENCES = 64;

    private static final String COLUMNS = """
            contact_id, display_name, city, time_zone, tags, cadence_days, cadence_set_at, last_interaction_at,
            asks, gives, snoozed_until, archived, known_since""";

    /**
     * What ranking reads of each candidate: what the rules order and list by (the two instants, the cadence, the
     * snooze, the start, the name for ties) and the row's version. The rest ({@link #WIDE_SQL}) is read only for
     * the rows returned.
     */
    private static final String NARROW = """
            contact_id, display_name, cadence_days, cadence_set_at, last_interaction_at, snoozed_until, known_since,
            version""";

    /**
     * The full going-cold inputs of the rows a page returns, by primary key, with their version: a row whose version
     * moved since it was ranked makes the read rank again. Parameters: the owner, the contact ids. Public for the
     * benchmark's ceiling, which runs both statements.
     */
    public static final String WIDE_SQL = "SELECT " + COLUMNS + ", version FROM going_cold"
            + " WHERE owner_id = ? AND contact_id = ANY(?) AND NOT forgotten";

    /** Ranking again after this many reads that met a row changed between its ranking and its full read. */
    private static final int ATTEMPTS = 3;

    private static final String LISTED = "cadence_days IS NOT NULL AND NOT archived AND NOT forgotten";

    /**
     * The owner's distinct cadences among listed rows, one probe per cadence of each of the two indexes (a loose
     * index scan: PostgreSQL has no skip scan, and {@code SELECT DISTINCT} would read every row's index entry).
     * Parameters: the owner four times, then the most cadences wanted. Public, like {@link #rankedSql}, for the
     * benchmark's ceiling (the same SQL over JDBC).
     */
    public static final String CADENCES = """
            WITH RECURSIVE contacted (days) AS (
                (SELECT cadence_days FROM going_cold
                 WHERE owner_id = ? AND %1$s AND last_interaction_at IS NOT NULL
                 ORDER BY cadence_days LIMIT 1)
                UNION ALL
                SELECT (SELECT g.cadence_days FROM going_cold g
                        WHERE g.owner_id = ? AND g.cadence_days > c.days AND NOT g.archived AND NOT g.forgotten
                          AND g.last_interaction_at IS NOT NULL
                        ORDER BY g.cadence_days LIMIT 1)
                FROM contacted c WHERE c.days IS NOT NULL),
            never_contacted (days) AS (
                (SELECT cadence_days FROM going_cold
                 WHERE owner_id = ? AND %1$s AND last_interaction_at IS NULL
                 ORDER BY cadence_days LIMIT 1)
                UNION ALL
                SELECT (SELECT g.cadence_days FROM going_cold g
                        WHERE g.owner_id = ? AND g.cadence_days > c.days AND NOT g.archived AND NOT g.forgotten
                          AND g.last_interaction_at IS NULL
                        ORDER BY g.cadence_days LIMIT 1)
                FROM never_contacted c WHERE c.days IS NOT NULL)
            SELECT days FROM contacted WHERE days IS NOT NULL
            UNION
            SELECT days FROM never_contacted WHERE days IS NOT NULL
            ORDER BY days LIMIT ?""".formatted(LISTED);

    /**
     * Per (cadence, range): the first {@code limit} contacted rows by last interaction, and the first
     * {@code limit} never-contacted rows by the instant the cadence was set, each the view's order within its
     * cadence. Parameters: cadences, exclusive lower and inclusive upper bounds (text, {@code ±infinity} for none)
     * for contacted rows; owner, include snoozed, the instant, the filters, the limit; then the same for
     * never-contacted rows ({@link #rankedArgs}).
     */
    public static String rankedSql(String filters) {
        return branches(NARROW, filters);
    }

    /**
     * How many listed rows match a query: the branches of {@link #rankedSql} without order or limit, counted (the
     * ranges are exact, so the count is the number of rows the rules list). Same parameters as {@link #rankedSql},
     * with no limit ({@code LIMIT NULL}): {@link #countArgs}. Run within {@link #rankedCountedSql}.
     */
    static String countSql(String filters) {
        return "SELECT count(*) FROM (" + branches("1", filters) + ") AS matching";
    }

    /**
     * The first page's ranking and its {@code total} in one statement: the rows of {@link #rankedSql}, each with the
     * count of {@link #countSql} beside it (one row of nulls and the count when nothing ranks). Parameters: those of
     * {@link #rankedSql}, then those of {@link #countSql} ({@link #rankedCountedArgs}). Public for the benchmark's
     * ceiling.
     */
    public static String rankedCountedSql(String filters) {
        return "WITH ranked AS (" + rankedSql(filters) + "),\ncounted AS (" + countSql(filters) + ")\n"
                + "SELECT ranked.*, counted.count AS total FROM counted LEFT JOIN ranked ON TRUE";
    }

    /**
     * The statements of a page, by the filters' SQL ({@link #filters}: four combinations of tag and city), built once:
     * formatting them took a share of a read's CPU of its own (docs/bench.md, "Reads: the server's own share").
     */
    private static final Map<String, String> RANKED_COUNTED = new ConcurrentHashMap<>();

    private static final Map<String, String> RANKED = new ConcurrentHashMap<>();

    private static final Map<String, String> ALL_LISTED = new ConcurrentHashMap<>();

    /**
     * The parameters of {@link #rankedCountedSql} for the first page of a query, as {@link #page} binds them: one
     * candidate more per range than the page holds, to know whether another page follows.
     */
    public static Object[] firstPageArgs(FindGoingCold query, List<Integer> cadences) {
        return rankedCountedArgs(query, cadences, null, query.limit());
    }

    private static Object[] rankedCountedArgs(
            FindGoingCold query, List<Integer> cadences, ExactRatio after, int limit) {
        Object[] ranked = rankedArgs(query, cadences, after, limit + 1);
        Object[] count = countArgs(query, cadences);
        Object[] both = Arrays.copyOf(ranked, ranked.length + count.length);
        System.arraycopy(count, 0, both, ranked.length, count.length);
        return both;
    }

    private static String branches(String columns, String filters) {
        String branch = """
                SELECT g.* FROM unnest(?::int[], ?::text[]::timestamptz[], ?::text[]::timestamptz[])
                                AS b(cadence_days, after, not_after)
                CROSS JOIN LATERAL (
                    SELECT %1$s FROM going_cold g
                    WHERE g.owner_id = ? AND g.cadence_days = b.cadence_days AND NOT g.archived AND NOT g.forgotten
                      AND %2$s
                      AND (? OR g.snoozed_until IS NULL OR g.snoozed_until <= ?::timestamptz)
                      AND (g.known_since IS NULL OR g.known_since <= ?::timestamptz)%3$s
                    ORDER BY %4$s, g.sort_key, g.contact_id
                    LIMIT ?) g""";
        return branch.formatted(columns, """
                g.last_interaction_at IS NOT NULL
                      AND g.last_interaction_at > b.after AND g.last_interaction_at <= b.not_after""", filters, "g.last_interaction_at")
                + "\nUNION ALL\n"
                + branch.formatted(columns, """
                g.last_interaction_at IS NULL
                      AND g.cadence_set_at > b.after AND g.cadence_set_at <= b.not_after""", filters, "g.cadence_set_at");
    }

    /** The parameters of {@link #countSql} for a query, given the owner's cadences. */
    private static Object[] countArgs(FindGoingCold query, List<Integer> cadences) {
        return rankedArgs(query, cadences, null, null);
    }

    /** The parameters of {@link #rankedSql} for a query, given the owner's cadences. */
    public static Object[] rankedArgs(FindGoingCold query, List<Integer> cadences) {
        return rankedArgs(query, cadences, null, query.limit());
    }

    /**
     * The parameters of {@link #rankedSql} for a page after a row of ratio {@code after} (null for the first page):
     * each cadence's ranges start no earlier than the references of that ratio ({@link
     * GoingColdRules#referenceBoundAfter}).
     */
    static Object[] rankedArgs(FindGoingCold query, List<Integer> cadences, ExactRatio after, Integer limit) {
        List<Object> args = new ArrayList<>();
        for (boolean contacted : new boolean[] {true, false}) {
            List<Integer> branchCadences = new ArrayList<>();
            List<String> afterBounds = new ArrayList<>();
            List<String> notAfter = new ArrayList<>();
            for (int cadence : cadences) {
                List<ReferenceRange> ranges = contacted
                        ? GoingColdRules.referenceRanges(query.statuses(), cadence, query.at())
                        : GoingColdRules.cadenceSetRanges(query.statuses(), cadence, query.at());
                Instant floor = null;
                if (after != null) {
                    floor = GoingColdRules.referenceBoundAfter(after, cadence, query.at());
                    floor = contacted ? floor : floor.plus(Duration.ofDays(cadence));
                }
                for (ReferenceRange range : ranges) {
                    Instant lower = range.after();
                    if (floor != null && (lower == null || floor.isAfter(lower))) {
                        lower = floor;
                    }
                    if (lower != null && range.notAfter() != null && !lower.isBefore(range.notAfter())) {
                        continue;
                    }
                    branchCadences.add(cadence);
                    afterBounds.add(lower == null ? "-infinity" : timestamp(lower));
                    notAfter.add(range.notAfter() == null ? "infinity" : timestamp(range.notAfter()));
                }
            }
            args.addAll(List.of(
                    branchCadences.toArray(Integer[]::new),
                    afterBounds.toArray(String[]::new),
                    notAfter.toArray(String[]::new),
                    query.ownerId().value(),
                    query.includeSnoozed(),
                    timestamp(query.at()),
                    timestamp(query.at())));
            args.addAll(filterArgs(query));
            args.add(limit);
        }
        return args.toArray();
    }

    /** Every listed row of the owner (for an owner with very many cadences). */
    static String allListedSql(String filters) {
        return """
                SELECT %1$s FROM going_cold g
                WHERE g.owner_id = ? AND %2$s
                  AND (? OR g.snoozed_until IS NULL OR g.snoozed_until <= ?::timestamptz)%3$s""".formatted(NARROW, LISTED, filters);
    }

    /** The tag and city conditions of a query, appended to each branch's WHERE; every tag must be on the row. */
    public static String filters(FindGoingCold query) {
        return (query.tags() == null ? "" : "\n      AND g.tags @> ?::text[]")
                + (query.city() == null ? "" : "\n      AND lower(g.city) = lower(?)");
    }

    private static List<Object> filterArgs(FindGoingCold query) {
        List<Object> args = new ArrayList<>();
        if (query.tags() != null) {
            args.add(query.tags().toArray(String[]::new));
        }
        if (query.city() != null) {
            args.add(query.city());
        }
        return args;
    }

    private final JdbcTemplate jdbc;
    private final Settings settings;

    public GoingColdQueries(JdbcTemplate jdbc, Settings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** The first {@code limit} rows of the view. */
    public List<GoingColdRow> find(FindGoingCold query) {
        return rows(query, null, query.limit(), false).items();
    }

    /**
     * One page of the view: the rows after the cursor's (the first page without one), the cursor of the next page
     * (null on the last), and how many rows match in all. A cursor holds the instant the first page was evaluated at
     * (so every page ranks at that instant), the last row's exact ratio and its contact id: no name, nothing personal
     * ({@link GoingColdCursor}).
     */
    public GoingColdPage page(FindGoingCold query, String cursor) {
        if (cursor == null) {
            return rows(query, null, query.limit(), true);
        }
        GoingColdCursor after = GoingColdCursor.decode(cursor);
        FindGoingCold atCursor = new FindGoingCold(
                query.ownerId(),
                query.statuses(),
                query.tags(),
                query.city(),
                query.limit(),
                after.at(),
                query.includeSnoozed());
        String name = jdbc
                .queryForList(
                        "SELECT display_name FROM going_cold WHERE owner_id = ? AND contact_id = ?",
                        String.class,
                        query.ownerId().value(),
                        after.contactId())
                .stream()
                .findFirst()
                .orElse("");
        return rows(atCursor, new Candidate(after.ratio(), name, after.contactId(), -1), query.limit(), true);
    }

    private GoingColdPage rows(FindGoingCold query, Candidate after, int limit, boolean counted) {
        for (int attempt = 1; ; attempt++) {
            Optional<GoingColdPage> page = rows(query, after, limit, counted, attempt == ATTEMPTS);
            if (page.isPresent()) {
                return page.get();
            }
        }
    }

    /**
     * Ranks on narrow rows, then reads the full inputs of the rows returned; empty when one of them changed in
     * between (its version moved or it left the view), unless {@code lastAttempt}: then the full rows are shown as read.
     */
    private Optional<GoingColdPage> rows(
            FindGoingCold query, Candidate after, int limit, boolean counted, boolean lastAttempt) {
        UUID owner = query.ownerId().value();
        List<Integer> cadences =
                jdbc.queryForList(CADENCES, Integer.class, owner, owner, owner, owner, MAX_CADENCES + 1);
        List<Versioned> candidates;
        Long total = null;
        if (cadences.isEmpty() || query.statuses().isEmpty()) {
            return Optional.of(new GoingColdPage(query.at(), List.of(), null, 0));
        } else if (cadences.size() > MAX_CADENCES) {
            List<Object> args = new ArrayList<>(List.of(owner, query.includeSnoozed(), timestamp(query.at())));
            args.addAll(filterArgs(query));
            candidates = jdbc.query(
                    ALL_LISTED.computeIfAbsent(filters(query), GoingColdQueries::allListedSql),
                    GoingColdQueries::narrow,
                    args.toArray());
        } else if (counted) {
            // ranked and counted in one statement: one round trip fewer for every page that answers its total
            List<Versioned> ranked = new ArrayList<>();
            long[] count = {0};
            jdbc.query(
                    RANKED_COUNTED.computeIfAbsent(filters(query), GoingColdQueries::rankedCountedSql),
                    rs -> {
                        count[0] = rs.getLong("total");
                        if (rs.getObject("contact_id") != null) {
                            ranked.add(narrow(rs, ranked.size()));
                        }
                    },
                    rankedCountedArgs(query, cadences, after == null ? null : after.ratio(), limit));
            candidates = ranked;
            total = count[0];
        } else {
            candidates = jdbc.query(
                    RANKED.computeIfAbsent(filters(query), GoingColdQueries::rankedSql),
                    GoingColdQueries::narrow,
                    rankedArgs(query, cadences, after == null ? null : after.ratio(), limit + 1));
        }
        // The database chose the candidates; the rules decide, in the one order the reports share. Only the rows
        // returned get the full assessment (local time, reachable in the account's hours, warmth, rounding).
        List<Candidate> matching = candidates.stream()
                .filter(row -> row.inputs().isListed(query.at(), query.includeSnoozed()))
                .map(row -> new Candidate(
                        row.inputs().ratio(query.at()),
                        row.inputs().displayName(),
                        row.inputs().contactId(),
                        row.version()))
                .filter(candidate -> query.statuses().contains(candidate.ratio().status()))
                .toList();
        if (total == null) {
            total = (long) matching.size();
        }
        List<Candidate> page = matching.stream()
                .filter(candidate -> after == null || Candidate.ORDER.compare(candidate, after) > 0)
                .sorted(Candidate.ORDER)
                .limit(limit + 1L)
                .toList();
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            Candidate last = page.get(limit - 1);
            next = new GoingColdCursor(query.at(), last.ratio(), last.contactId()).encode();
        }
        if (page.isEmpty()) {
            return Optional.of(new GoingColdPage(query.at(), List.of(), next, total));
        }
        Map<UUID, Versioned> full = new HashMap<>();
        jdbc.query(
                        WIDE_SQL,
                        GoingColdQueries::wide,
                        owner,
                        page.stream().map(Candidate::contactId).toArray(UUID[]::new))
                .forEach(row -> full.put(row.inputs().contactId(), row));
        List<GoingColdInputs> shown = new ArrayList<>(page.size());
        for (Candidate candidate : page) {
            Versioned row = full.get(candidate.contactId());
            if (row == null || row.version() != candidate.version()) {
                if (!lastAttempt) {
                    return Optional.empty(); // changed since it was ranked: rank again
                }
                if (row == null) {
                    continue;
                }
            }
            shown.add(row.inputs());
        }
        ReachableHours reachable = settings.of(query.ownerId()).reachable();
        return Optional.of(new GoingColdPage(
                query.at(),
                shown.stream()
                        .map(contact -> contact.assess(query.at(), reachable).row())
                        .toList(),
                next,
                total));
    }

    /** A row's going-cold inputs and the version (last sequence number applied) they were read at. */
    private record Versioned(GoingColdInputs inputs, long version) {}

    /**
     * A candidate row with its exact ratio, ordered as the view is (SPEC §2); a cursor's row has no version. Its
     * name's collation key is computed when a comparison first needs it (a tie on the ratio) and kept: sorting a
     * page's candidates compares each many times, and the key costs more than the comparison.
     */
    private static final class Candidate {

        static final Comparator<Candidate> ORDER =
                GoingColdRules.coldestFirstByNameKey(Candidate::ratio, Candidate::nameKey, Candidate::contactId);

        private final ExactRatio ratio;
        private final String displayName;
        private final UUID contactId;
        private final long version;
        private byte[] nameKey;

        Candidate(ExactRatio ratio, String displayName, UUID contactId, long version) {
            this.ratio = ratio;
            this.displayName = displayName;
            this.contactId = contactId;
            this.version = version;
        }

        ExactRatio ratio() {
            return ratio;
        }

        UUID contactId() {
            return contactId;
        }

        long version() {
            return version;
        }

        byte[] nameKey() {
            if (nameKey == null && displayName != null) {
                nameKey = NameOrder.key(displayName);
            }
            return nameKey;
        }
    }

    /**
     * An instant as PostgreSQL timestamptz text, floored to the microsecond. PostgreSQL keeps microseconds, so every
     * stored instant lies on that grid, and comparing it with a floored instant answers as comparing with the exact
     * one ({@code x ≤ b ⇔ x ≤ ⌊b⌋}, {@code x > b ⇔ x > ⌊b⌋}). Before the year 1 it is {@code -infinity}: no stored
     * instant is that early (interactions are from 1900 on, cadences are set now), so {@code x > b} and
     * {@code x ≤ b} answer the same for such a bound and for {@code -infinity}.
     */
    public static String timestamp(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return micros.isBefore(YEAR_ONE) ? "-infinity" : micros.toString();
    }

    private static final Instant YEAR_ONE = Instant.parse("0001-01-01T00:00:00Z");

    /** The going-cold inputs of one contact, whether or not it is tracked. */
    public Optional<GoingColdInputs> findOne(OwnerId ownerId, ContactId contactId) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS
                                + " FROM going_cold WHERE owner_id = ? AND contact_id = ? AND NOT forgotten",
                        GoingColdQueries::tracked,
                        ownerId.value(),
                        contactId.value())
                .stream()
                .findFirst();
    }

    /**
     * A ranked candidate: only the columns of {@link #NARROW}; what it does not read is left empty (no city, zone or
     * tags, no asks or gives), which nothing in the ranking looks at. Not archived: every statement that ranks
     * selects listed rows only.
     */
    static Versioned narrow(ResultSet rs, int row) throws SQLException {
        return new Versioned(
                new GoingColdInputs(
                        rs.getObject("contact_id", UUID.class),
                        rs.getString("display_name"),
                        null,
                        null,
                        List.of(),
                        rs.getObject("cadence_days", Integer.class),
                        instant(rs, "cadence_set_at"),
                        instant(rs, "last_interaction_at"),
                        0,
                        0,
                        instant(rs, "snoozed_until"),
                        false,
                        instant(rs, "known_since")),
                rs.getLong("version"));
    }

    static Versioned wide(ResultSet rs, int row) throws SQLException {
        return new Versioned(tracked(rs, row), rs.getLong("version"));
    }

    static GoingColdInputs tracked(ResultSet rs, int row) throws SQLException {
        return tracked(rs, "");
    }

    private static GoingColdInputs tracked(ResultSet rs, String prefix) throws SQLException {
        String[] column = LABELS.computeIfAbsent(prefix, GoingColdQueries::labels);
        return new GoingColdInputs(
                rs.getObject(column[0], UUID.class),
                rs.getString(column[1]),
                rs.getString(column[2]),
                rs.getString(column[3]),
                strings(rs.getArray(column[4])),
                rs.getObject(column[5], Integer.class),
                instant(rs, column[6]),
                instant(rs, column[7]),
                rs.getInt(column[8]),
                rs.getInt(column[9]),
                instant(rs, column[10]),
                rs.getBoolean(column[11]),
                instant(rs, column[12]));
    }

    /**
     * The labels of {@link #COLUMNS} with a prefix, in that order, by prefix (the page's own columns and the contact
     * list's joined ones): made once, not 13 strings for every row read.
     */
    private static final Map<String, String[]> LABELS = new ConcurrentHashMap<>();

    private static String[] labels(String prefix) {
        return Arrays.stream(COLUMNS.split(","))
                .map(String::strip)
                .map(column -> prefix + column)
                .toArray(String[]::new);
    }

    /**
     * The going-cold inputs' columns of a {@code going_cold} row aliased {@code g}, each named {@code prefix} and the
     * column: for a statement that joins them to another read model's rows ({@link #joinedInputs}), as the contact
     * list does to answer a page in one statement.
     */
    public static String joinedColumns(String prefix) {
        return Arrays.stream(COLUMNS.split(","))
                .map(String::strip)
                .map(column -> "g." + column + " AS " + prefix + column)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The inputs a row read with {@link #joinedColumns}; empty where the (outer) join found no going-cold row. */
    public static Optional<GoingColdInputs> joinedInputs(ResultSet rs, String prefix) throws SQLException {
        return rs.getObject(prefix + "contact_id") == null ? Optional.empty() : Optional.of(tracked(rs, prefix));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /**
     * A timestamptz column as an instant. Through {@code getTimestamp}: once PgJDBC has prepared the statement on the
     * server it reads timestamptz in binary, microseconds since 2000 in UTC, and makes one {@code Timestamp} of them
     * with no calendar involved. {@code getObject(…, OffsetDateTime.class)} made an {@code OffsetDateTime} through
     * {@code ZoneOffset.UTC.getRules()}, which on Java 17 builds new zone rules (a map and arrays) for every value: the
     * largest single share of a going-cold read's allocation, some 2,800 instants a page (docs/bench.md, "Reads: the
     * server's own share"). The first executions of a statement read text, which PgJDBC parses with its calendar:
     * exact for every instant keepwarm stores (1900 on; the hybrid Julian calendar differs only before 1582).
     */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
