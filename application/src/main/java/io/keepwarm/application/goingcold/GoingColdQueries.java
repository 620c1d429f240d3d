package io.keepwarm.application.goingcold;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.keepwarm.domain.contact.GoingColdRules;
import io.keepwarm.domain.contact.GoingColdRules.ExactRatio;
import io.keepwarm.domain.contact.GoingColdRules.ReferenceRange;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.OwnerId;

/**
 * Answers the going-cold view from the read model, letting the database hand out only the rows that can be in
 * the answer (docs/adr/0008-going-cold-reference-instant.md).
 *
 * <p>For one cadence the ratio falls as the reference instant ({@link GoingColdRules#reference}, stored by the
 * projection as {@code reference_at}) rises, and each status is a range of references ({@link
 * GoingColdRules#referenceRanges}). So for each of the owner's cadences one index range scan of
 * {@code (owner_id, cadence_days, reference_at, display_name, contact_id)} returns that cadence's first
 * {@code limit} rows in the view's order; {@link GoingColdRules} then merges those few rows in Java with the same
 * order the reports use, and assesses only the rows returned. Nothing about the formula is written in SQL: the
 * statement receives reference bounds computed by the rules.
 */
@Component
public class GoingColdQueries {

    /**
     * An owner with more distinct cadences than this is answered by reading all of the owner's listed rows once, as
     * a range per cadence would read more index pages than that.
     */
    static final int MAX_CADENCES = 64;

    private static final String COLUMNS = """
            contact_id, display_name, city, time_zone, tags, cadence_days, cadence_set_at, last_interaction_at,
            asks, gives, snoozed_until, archived""";

    private static final String LISTED = "cadence_days IS NOT NULL AND NOT archived AND NOT forgotten";

    /**
     * The owner's distinct cadences among listed rows, one index probe per cadence (a loose index scan: PostgreSQL
     * has no skip scan, and {@code SELECT DISTINCT} would read every row's index entry). Parameters: owner, owner,
     * the most cadences wanted. Public, like {@link #rankedSql}, for the benchmark's ceiling (the same SQL over JDBC).
     */
    public static final String CADENCES = """
            WITH RECURSIVE cadence (days) AS (
                (SELECT cadence_days FROM going_cold
                 WHERE owner_id = ? AND %1$s
                 ORDER BY cadence_days LIMIT 1)
                UNION ALL
                SELECT (SELECT g.cadence_days FROM going_cold g
                        WHERE g.owner_id = ? AND g.cadence_days > c.days AND NOT g.archived AND NOT g.forgotten
                        ORDER BY g.cadence_days LIMIT 1)
                FROM cadence c WHERE c.days IS NOT NULL)
            SELECT days FROM cadence WHERE days IS NOT NULL LIMIT ?""".formatted(LISTED);

    /**
     * One branch per (cadence, reference range): the branch's first {@code limit} rows in reference order, which for
     * one cadence is the view's order. Parameters: cadences, exclusive lower and inclusive upper reference bounds
     * (text, {@code ±infinity} for none), owner, include snoozed, the instant, then the filters, then the limit.
     */
    public static String rankedSql(String filters) {
        return """
                SELECT g.* FROM unnest(?::int[], ?::text[]::timestamptz[], ?::text[]::timestamptz[])
                                AS b(cadence_days, reference_after, reference_not_after)
                CROSS JOIN LATERAL (
                    SELECT %1$s FROM going_cold g
                    WHERE g.owner_id = ? AND g.cadence_days = b.cadence_days AND NOT g.archived AND NOT g.forgotten
                      AND g.reference_at > b.reference_after AND g.reference_at <= b.reference_not_after
                      AND (? OR g.snoozed_until IS NULL OR g.snoozed_until <= ?::timestamptz)%2$s
                    ORDER BY g.reference_at, g.display_name COLLATE "C", g.contact_id
                    LIMIT ?) g""".formatted(COLUMNS, filters);
    }

    /** Every listed row of the owner (for an owner with very many cadences). */
    static String allListedSql(String filters) {
        return """
                SELECT %1$s FROM going_cold g
                WHERE g.owner_id = ? AND %2$s
                  AND (? OR g.snoozed_until IS NULL OR g.snoozed_until <= ?::timestamptz)%3$s"""
                .formatted(COLUMNS, LISTED, filters);
    }

    private final JdbcTemplate jdbc;

    public GoingColdQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<GoingColdRow> find(FindGoingCold query) {
        UUID owner = query.ownerId().value();
        // PostgreSQL keeps microseconds. Every stored instant lies on that grid, so comparing it with an instant
        // floored to the grid gives the same answer as comparing with the exact one (x ≤ b ⇔ x ≤ ⌊b⌋, x > b ⇔ x > ⌊b⌋).
        String at = timestamp(query.at());
        StringBuilder filters = new StringBuilder();
        List<Object> filterArgs = new ArrayList<>();
        if (query.tag() != null) {
            filters.append("\n      AND ? = ANY(g.tags)");
            filterArgs.add(query.tag());
        }
        if (query.city() != null) {
            filters.append("\n      AND lower(g.city) = lower(?)");
            filterArgs.add(query.city());
        }
        List<Integer> cadences = jdbc.queryForList(CADENCES, Integer.class, owner, owner, MAX_CADENCES + 1);
        List<TrackedContact> candidates;
        if (cadences.size() > MAX_CADENCES) {
            List<Object> args = new ArrayList<>(List.of(owner, query.includeSnoozed(), at));
            args.addAll(filterArgs);
            candidates = jdbc.query(allListedSql(filters.toString()), GoingColdQueries::tracked, args.toArray());
        } else {
            List<Integer> branchCadences = new ArrayList<>();
            List<String> after = new ArrayList<>();
            List<String> notAfter = new ArrayList<>();
            for (int cadence : cadences) {
                for (ReferenceRange range : GoingColdRules.referenceRanges(query.statuses(), cadence, query.at())) {
                    branchCadences.add(cadence);
                    after.add(range.after() == null ? "-infinity" : timestamp(range.after()));
                    notAfter.add(range.notAfter() == null ? "infinity" : timestamp(range.notAfter()));
                }
            }
            if (branchCadences.isEmpty()) {
                return List.of();
            }
            List<Object> args = new ArrayList<>(List.of(branchCadences.toArray(Integer[]::new),
                    after.toArray(String[]::new), notAfter.toArray(String[]::new), owner, query.includeSnoozed(), at));
            args.addAll(filterArgs);
            args.add(query.limit());
            candidates = jdbc.query(rankedSql(filters.toString()), GoingColdQueries::tracked, args.toArray());
        }
        // The database chose the candidates; the rules decide, in the one order the reports share. Only the rows
        // returned get the full assessment (local time, warmth, rounding).
        return candidates.stream()
                .filter(contact -> contact.isListed(query.at(), query.includeSnoozed()))
                .map(contact -> new Candidate(contact.ratio(query.at()), contact))
                .filter(candidate -> query.statuses().contains(candidate.ratio().status()))
                .sorted(Candidate.ORDER)
                .limit(query.limit())
                .map(candidate -> candidate.contact().assess(query.at()).row())
                .toList();
    }

    /** A candidate row with its exact ratio, ordered as the view is (SPEC §2). */
    private record Candidate(ExactRatio ratio, TrackedContact contact) {

        static final Comparator<Candidate> ORDER = GoingColdRules.coldestFirst(
                Candidate::ratio, c -> c.contact().displayName(), c -> c.contact().contactId());
    }

    /**
     * An instant as PostgreSQL timestamptz text, floored to the microsecond. Before the year 1 it is
     * {@code -infinity}: no stored reference is that early (interactions are from 1900 on, cadences are set now), so
     * {@code ref > b} and {@code ref ≤ b} answer the same for such a bound and for {@code -infinity}.
     */
    public static String timestamp(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return micros.isBefore(YEAR_ONE) ? "-infinity" : micros.toString();
    }

    private static final Instant YEAR_ONE = Instant.parse("0001-01-01T00:00:00Z");

    /** The going-cold inputs of one contact, whether or not it is tracked. */
    public Optional<TrackedContact> findOne(OwnerId ownerId, ContactId contactId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM going_cold WHERE owner_id = ? AND contact_id = ? AND NOT forgotten",
                GoingColdQueries::tracked, ownerId.value(), contactId.value()).stream().findFirst();
    }

    static TrackedContact tracked(ResultSet rs, int row) throws SQLException {
        return new TrackedContact(rs.getObject("contact_id", UUID.class), rs.getString("display_name"),
                rs.getString("city"), rs.getString("time_zone"), strings(rs.getArray("tags")),
                rs.getObject("cadence_days", Integer.class), instant(rs, "cadence_set_at"),
                instant(rs, "last_interaction_at"), rs.getInt("asks"), rs.getInt("gives"),
                instant(rs, "snoozed_until"), rs.getBoolean("archived"));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** A timestamptz column as an instant, without the Calendar-based conversion of getTimestamp. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
