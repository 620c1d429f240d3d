package io.keepwarm.application.contact;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.keepwarm.application.goingcold.GoingColdInputs;
import io.keepwarm.application.goingcold.GoingColdQueries;
import io.keepwarm.application.paging.InvalidCursor;
import io.keepwarm.application.privacy.ContactExport;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.domain.contact.InteractionTally;
import io.keepwarm.domain.contact.ReachableHours;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.OwnerId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the owner's contacts; every query has the owner in its predicate. */
@Component
public class ContactQueries implements ContactExport.ContactLookup {

    public static final int DEFAULT_LIMIT = 50;

    /** A contact's channels as stored (a JSON object of handles), read with one prepared reader. */
    private static final ObjectReader CHANNELS =
            new ObjectMapper().readerFor(new TypeReference<Map<String, String>>() {});

    /** The prefix of the going-cold columns a list statement joins to each contact ({@link ListQuery#pageSql}). */
    private static final String GOING_COLD = "gc_";

    private static final String COLUMNS = """
            c.contact_id, c.display_name, c.how_we_met, c.organization, c.role, c.city, c.country_code, c.time_zone,
            c.tags, c.channels::text AS channels, c.archived, c.added_at, c.updated_at, c.version,
            c.known_since""";

    private final JdbcTemplate jdbc;
    private final JdbcClient sql;
    private final GoingColdQueries goingCold;
    private final Clock clock;
    private final Settings settings;

    public ContactQueries(JdbcTemplate jdbc, GoingColdQueries goingCold, Clock clock, Settings settings) {
        this.jdbc = jdbc;
        this.sql = JdbcClient.create(jdbc);
        this.goingCold = goingCold;
        this.clock = clock;
        this.settings = settings;
    }

    /** One contact, with its going-cold state evaluated at {@code at}; empty for a missing or another owner's. */
    @Override
    public Optional<ContactView> findOne(OwnerId ownerId, ContactId contactId, Instant at) {
        Optional<ContactView> details = jdbc
                .query(
                        "SELECT " + COLUMNS
                                + " FROM contact_view c WHERE c.owner_id = ? AND c.contact_id = ? AND NOT c.forgotten",
                        ContactQueries::details,
                        ownerId.value(),
                        contactId.value())
                .stream()
                .findFirst();
        return details.map(view -> withGoingCold(
                view,
                goingCold.findOne(ownerId, contactId),
                at,
                settings.of(ownerId).reachable()));
    }

    /** Whether the owner has or had this contact: forgotten ones count (their history keeps its shape). */
    public boolean isKnown(OwnerId ownerId, ContactId contactId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM contact_view WHERE owner_id = ? AND contact_id = ?)",
                Boolean.class,
                ownerId.value(),
                contactId.value()));
    }

    /**
     * The owner's contacts in name order ({@link io.keepwarm.domain.contact.NameOrder}), optionally matching
     * {@code q}, tags (every one given: AND) or a city; keyset-paged by an opaque cursor.
     *
     * <p>{@code q} is folded as the stored text is ({@link SearchText}); every word of it must occur in the name, the
     * organization, the role, the city, a tag or a handle. Matches come best first ({@link #RANK}): the name starts
     * with the query, then a word of the name does, then the name holds every word, then a word of another field
     * starts with the query, then the rest; each tier in name order.
     */
    public ContactPage list(OwnerId ownerId, String q, List<String> tags, String city, int limit, String cursor) {
        return page(ownerId, q, tags, city, limit, cursor, true);
    }

    /**
     * The contact picker's question (the pages' "who was it with?"): the owner's contacts that can be part of an
     * interaction (not archived) matching {@code q} best first, exactly as {@link #list} matches and ranks them.
     */
    public List<ContactView> pick(OwnerId ownerId, String q, int limit) {
        return page(ownerId, q, null, null, limit, null, false).items();
    }

    /** Most words of a query that are matched; the rest of a longer query is ignored. */
    static final int MAX_TERMS = 8;

    /**
     * Terms of fewer characters than a trigram are matched with {@code strpos}, not {@code LIKE}: pg_trgm extracts no
     * trigram from {@code %li%}, so the GIN index (owner_id, search_text) would be scanned in full, every owner's
     * entries, and every row of the owner rechecked. A custom plan sees the pattern and avoids the index; a generic
     * plan (a prepared statement run more than five times, as PgJDBC and the pool do) cannot, and took 15 s for
     * {@code q=li} over a million rows (docs/bench.md, scenario 5). {@code strpos} is the same substring match (the
     * folded text holds no wildcard), and no index serves it: the owner's rows are read by the owner's index.
     */
    static final int TRIGRAM = 3;

    /**
     * The match tier of a row {@code x} for the folded query (0 best). The folded text holds no {@code %}, {@code _}
     * or backslash ({@link SearchText} makes punctuation a space), so the patterns need no escaping.
     */
    private static final String RANK = """
            CASE WHEN :q = '' THEN 0
                 WHEN x.search_name LIKE :prefix THEN 0
                 WHEN ' ' || x.search_name LIKE :wordPrefix THEN 1
                 WHEN %s THEN 2
                 WHEN ' ' || translate(x.search_text, E'\n', ' ') LIKE :wordPrefix THEN 3
                 ELSE 4 END""";

    /** A list statement with its named parameters, as {@link #list} runs it (public for the bench's ceiling). */
    public record ListStatement(String sql, Map<String, Object> params) {}

    /** The statement of the first page of {@code GET /api/contacts?q=&limit=}, exactly as {@link #list} runs it. */
    public static ListStatement firstPage(OwnerId ownerId, String q, int limit) {
        ListQuery query = new ListQuery(ownerId, q, null, null, true);
        return new ListStatement(query.pageSql(false), query.pageParams(limit));
    }

    private ContactPage page(
            OwnerId ownerId,
            String q,
            List<String> tags,
            String city,
            int limit,
            String cursor,
            boolean includeArchived) {
        ListQuery query = new ListQuery(ownerId, q, tags, city, includeArchived);
        if (cursor != null) {
            UUID after = Cursor.decode(cursor);
            query.params.put("after", after);
            Map<String, Object> anchor = sql.sql(query.anchorSql()).params(query.params).query().listOfRows().stream()
                    .findFirst()
                    // forgotten (or never this owner's): the position is gone, and nothing of it is told
                    .orElseThrow(() -> new InvalidCursor("no longer leads anywhere: start the list again"));
            query.params.put("afterRank", anchor.get("rank"));
            query.params.put("afterKey", anchor.get("sort_key"));
        }
        List<Listed> rows = sql.sql(query.pageSql(cursor != null))
                .params(query.pageParams(limit))
                .query(ContactQueries::listed)
                .list();
        List<ContactView> page =
                withGoingCold(ownerId, rows.stream().limit(limit).toList(), clock.instant());
        if (rows.size() <= limit) {
            return new ContactPage(page, null);
        }
        return new ContactPage(page, Cursor.encode(rows.get(limit - 1).view().contactId()));
    }

    /** A row of a list statement: the contact and, joined to it, its going-cold inputs (none when it has no row). */
    private record Listed(ContactView view, Optional<GoingColdInputs> goingCold) {}

    private static Listed listed(ResultSet rs, int row) throws SQLException {
        return new Listed(details(rs, row), GoingColdQueries.joinedInputs(rs, GOING_COLD));
    }

    /** One list question as SQL: its conditions, its rank expression and their named parameters. */
    private static final class ListQuery {

        final Map<String, Object> params = new java.util.HashMap<>();
        final StringBuilder where = new StringBuilder("c.owner_id = :owner AND NOT c.forgotten");
        final String rank;

        ListQuery(OwnerId ownerId, String q, List<String> tags, String city, boolean includeArchived) {
            String folded = q == null ? "" : SearchText.fold(q);
            List<String> terms = SearchText.terms(folded, MAX_TERMS);
            params.put("owner", ownerId.value());
            params.put("q", folded);
            params.put("prefix", folded + "%");
            params.put("wordPrefix", "% " + folded + "%");
            List<String> inName = new ArrayList<>();
            for (int i = 0; i < terms.size(); i++) {
                params.put("term" + i, "%" + terms.get(i) + "%");
                if (terms.get(i).codePointCount(0, terms.get(i).length()) >= TRIGRAM) {
                    where.append(" AND c.search_text LIKE :term").append(i);
                } else {
                    // Too short for a trigram: the same match, in a form the trigram index cannot serve (below).
                    params.put("short" + i, terms.get(i));
                    where.append(" AND strpos(c.search_text, :short").append(i).append(") > 0");
                }
                inName.add("x.search_name LIKE :term" + i);
            }
            rank = RANK.formatted(inName.isEmpty() ? "FALSE" : String.join(" AND ", inName));
            if (!includeArchived) {
                where.append(" AND NOT c.archived");
            }
            if (tags != null && !tags.isEmpty()) {
                where.append(" AND c.tags @> :tags::text[]");
                params.put(
                        "tags",
                        tags.stream()
                                .map(tag -> tag.toLowerCase(java.util.Locale.ROOT))
                                .distinct()
                                .toArray(String[]::new));
            }
            if (city != null) {
                where.append(" AND lower(c.city) = lower(:city)");
                params.put("city", city);
            }
        }

        /** The rank and sort key of the row a cursor names ({@code :after}). */
        String anchorSql() {
            return "SELECT " + rank.replace("x.", "a.") + " AS rank, a.sort_key"
                    + " FROM contact_view a WHERE a.owner_id = :owner AND a.contact_id = :after AND NOT a.forgotten";
        }

        /**
         * The page's contacts (one more than the limit, to know whether another page follows), each with its
         * going-cold inputs joined by key after the limit: one statement answers the page, and only the rows
         * returned are joined.
         */
        String pageSql(boolean afterAnchor) {
            String rankOfRow = rank.replace("x.", "c.");
            return "SELECT p.*, " + GoingColdQueries.joinedColumns(GOING_COLD) + " FROM (SELECT " + COLUMNS
                    + ", c.sort_key, " + rankOfRow + " AS rank FROM contact_view c WHERE " + where
                    + (afterAnchor
                            ? " AND (" + rankOfRow + ", c.sort_key, c.contact_id) > (:afterRank, :afterKey, :after)"
                            : "")
                    + " ORDER BY rank, c.sort_key, c.contact_id LIMIT :limit) p"
                    + " LEFT JOIN going_cold g ON g.owner_id = :owner AND g.contact_id = p.contact_id"
                    + " AND NOT g.forgotten"
                    + " ORDER BY p.rank, p.sort_key, p.contact_id";
        }

        Map<String, Object> pageParams(int limit) {
            params.put("limit", limit + 1);
            return params;
        }
    }

    /**
     * A page of contacts with the going-cold inputs their statement joined to them; the account's reachable hours
     * are read only when a contact on the page has a cadence to assess.
     */
    private List<ContactView> withGoingCold(OwnerId ownerId, List<Listed> page, Instant at) {
        boolean assessed = page.stream().anyMatch(row -> row.goingCold()
                .filter(inputs -> inputs.cadenceDays() != null)
                .isPresent());
        ReachableHours reachable = assessed ? settings.of(ownerId).reachable() : null;
        return page.stream()
                .map(row -> withGoingCold(row.view(), row.goingCold(), at, reachable))
                .toList();
    }

    /** The one mapping of a contact's going-cold inputs onto its view, for the list and the single read alike. */
    private static ContactView withGoingCold(
            ContactView view, Optional<GoingColdInputs> tracked, Instant at, ReachableHours reachable) {
        if (tracked.isEmpty()) {
            return view;
        }
        GoingColdInputs contact = tracked.get();
        var row = contact.cadenceDays() == null
                ? null
                : contact.assess(at, reachable).row();
        return new ContactView(
                view.contactId(),
                view.displayName(),
                view.howWeMet(),
                view.organization(),
                view.role(),
                view.city(),
                view.countryCode(),
                view.timeZone(),
                view.tags(),
                view.channels(),
                view.archived(),
                view.addedAt(),
                view.updatedAt(),
                view.version(),
                contact.cadenceDays(),
                contact.snoozedUntil(),
                new InteractionTally(contact.lastInteractionAt(), contact.asks(), contact.gives()),
                row,
                view.knownSince());
    }

    private static Instant knownSince(Timestamp knownSince, Timestamp addedAt) {
        return (knownSince == null ? addedAt : knownSince).toInstant();
    }

    private static ContactView details(ResultSet rs, int row) throws SQLException {
        try {
            Map<String, String> channels = CHANNELS.readValue(rs.getString("channels"));
            return new ContactView(
                    rs.getObject("contact_id", UUID.class),
                    rs.getString("display_name"),
                    rs.getString("how_we_met"),
                    rs.getString("organization"),
                    rs.getString("role"),
                    rs.getString("city"),
                    rs.getString("country_code"),
                    rs.getString("time_zone"),
                    List.of((String[]) rs.getArray("tags").getArray()),
                    channels,
                    rs.getBoolean("archived"),
                    rs.getTimestamp("added_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant(),
                    rs.getLong("version"),
                    null,
                    null,
                    InteractionTally.NONE,
                    null,
                    // known since it was added unless it says otherwise; one Timestamp per column read (not an
                    // OffsetDateTime, which makes new zone rules per value on Java 17: GoingColdQueries.instant)
                    knownSince(rs.getTimestamp("known_since"), rs.getTimestamp("added_at")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable channels", e);
        }
    }

    /**
     * The list's cursor names the last row's contact id, nothing else: the next page reads that row's current sort
     * key and rank from the read model (docs/adr/0018-search-and-name-order.md). So a cursor holds no personal data,
     * not even derived (a collation key or a hash of a name could be reversed by guessing names), and once that
     * contact is forgotten the cursor leads nowhere. {@code k1.} marks the format, so it can change.
     */
    static final class Cursor {

        private static final String PREFIX = "k1.";

        private Cursor() {}

        static String encode(UUID contactId) {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
            bytes.putLong(contactId.getMostSignificantBits()).putLong(contactId.getLeastSignificantBits());
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        }

        static UUID decode(String raw) {
            try {
                if (!raw.startsWith(PREFIX)) {
                    throw new InvalidCursor();
                }
                byte[] bytes = Base64.getUrlDecoder().decode(raw.substring(PREFIX.length()));
                if (bytes.length != 16) {
                    throw new InvalidCursor();
                }
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                return new UUID(buffer.getLong(), buffer.getLong());
            } catch (IllegalArgumentException e) {
                throw new InvalidCursor();
            }
        }
    }
}
