package io.keepwarm.application.contact;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.application.goingcold.GoingColdInputs;
import io.keepwarm.application.goingcold.GoingColdQueries;
import io.keepwarm.application.paging.InvalidCursor;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.domain.contact.InteractionTally;
import io.keepwarm.domain.contact.ReachableHours;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.OwnerId;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the owner's contacts; every query has the owner in its predicate. */
@Component
public class ContactQueries {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            c.contact_id, c.display_name, c.how_we_met, c.organization, c.role, c.city, c.country_code, c.time_zone,
            c.tags, c.channels::text AS channels, c.archived, c.added_at, c.updated_at, c.version,
            c.known_since""";

    private final JdbcTemplate jdbc;
    private final GoingColdQueries goingCold;
    private final Clock clock;
    private final Settings settings;

    public ContactQueries(JdbcTemplate jdbc, GoingColdQueries goingCold, Clock clock, Settings settings) {
        this.jdbc = jdbc;
        this.goingCold = goingCold;
        this.clock = clock;
        this.settings = settings;
    }

    /** One contact, with its going-cold state evaluated at {@code at}; empty for a missing or another owner's. */
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
     * The owner's contacts in name order, optionally matching {@code q} (in name or organization), tags (every one
     * given: AND) or a city; keyset-paged by an opaque cursor.
     */
    public ContactPage list(OwnerId ownerId, String q, List<String> tags, String city, int limit, String cursor) {
        StringBuilder sql = new StringBuilder(
                "SELECT " + COLUMNS + " FROM contact_view c WHERE c.owner_id = ? AND NOT c.forgotten");
        List<Object> args = new ArrayList<>(List.of(ownerId.value()));
        if (q != null && !q.isBlank()) {
            sql.append(" AND (c.display_name ILIKE ? ESCAPE '\\' OR c.organization ILIKE ? ESCAPE '\\')");
            String pattern =
                    "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.add(pattern);
            args.add(pattern);
        }
        if (tags != null && !tags.isEmpty()) {
            sql.append(" AND c.tags @> ?::text[]");
            args.add(tags.stream()
                    .map(tag -> tag.toLowerCase(java.util.Locale.ROOT))
                    .distinct()
                    .toArray(String[]::new));
        }
        if (city != null) {
            sql.append(" AND lower(c.city) = lower(?)");
            args.add(city);
        }
        if (cursor != null) {
            Cursor after = Cursor.decode(cursor);
            sql.append(" AND (lower(c.display_name), c.contact_id) > (?, ?)");
            args.add(after.name());
            args.add(after.contactId());
        }
        sql.append(" ORDER BY lower(c.display_name), c.contact_id LIMIT ?");
        args.add(limit + 1);
        String select = sql.toString().replaceFirst("SELECT ", "SELECT lower(c.display_name) AS sort_name, ");
        List<Map.Entry<String, ContactView>> rows =
                jdbc.query(select, (rs, n) -> Map.entry(rs.getString("sort_name"), details(rs, n)), args.toArray());
        List<ContactView> page = withGoingCold(
                ownerId, rows.stream().limit(limit).map(Map.Entry::getValue).toList(), clock.instant());
        if (rows.size() <= limit) {
            return new ContactPage(page, null);
        }
        Map.Entry<String, ContactView> last = rows.get(limit - 1);
        return new ContactPage(page, new Cursor(last.getKey(), last.getValue().contactId()).encode());
    }

    /** A page of contacts, each with its going-cold inputs: one query for the whole page. */
    private List<ContactView> withGoingCold(OwnerId ownerId, List<ContactView> page, Instant at) {
        Map<UUID, GoingColdInputs> inputs = goingCold.findMany(
                ownerId, page.stream().map(ContactView::contactId).toList());
        ReachableHours reachable = settings.of(ownerId).reachable();
        return page.stream()
                .map(view -> withGoingCold(view, Optional.ofNullable(inputs.get(view.contactId())), at, reachable))
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

    private static ContactView details(ResultSet rs, int row) throws SQLException {
        try {
            Map<String, String> channels = JSON.readValue(rs.getString("channels"), new TypeReference<>() {});
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
                    rs.getObject("known_since", java.time.OffsetDateTime.class) == null
                            ? rs.getTimestamp("added_at").toInstant()
                            : rs.getObject("known_since", java.time.OffsetDateTime.class)
                                    .toInstant());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable channels", e);
        }
    }

    /** Keyset cursor: the last row's sort key, base64url-encoded so clients treat it as opaque. */
    record Cursor(String name, UUID contactId) {

        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((contactId + ":" + name).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String raw) {
            try {
                // A fresh decoder reports bytes that are not UTF-8 rather than replacing them.
                String decoded = StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(Base64.getUrlDecoder().decode(raw)))
                        .toString();
                int colon = decoded.indexOf(':');
                if (decoded.indexOf('\0') >= 0) {
                    // not text this API wrote; PostgreSQL could not even compare with it
                    throw new InvalidCursor();
                }
                return new Cursor(decoded.substring(colon + 1), UUID.fromString(decoded.substring(0, colon)));
            } catch (RuntimeException | java.nio.charset.CharacterCodingException e) {
                throw new InvalidCursor();
            }
        }
    }
}
