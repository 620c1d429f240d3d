package io.keepwarm.application.goingcold;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.OwnerId;

/**
 * Answers the going-cold view from the read model. SQL narrows to the owner's tracked, non-archived contacts
 * (and the tag or city asked for) through an index; the rules of {@link io.keepwarm.domain.contact.GoingColdRules}
 * decide status, order and everything else in Java, the same code the reports replay uses.
 */
@Component
public class GoingColdQueries {

    private static final String COLUMNS = """
            contact_id, display_name, city, time_zone, tags, cadence_days, cadence_set_at, last_interaction_at,
            asks, gives, snoozed_until, archived""";

    private final JdbcTemplate jdbc;

    public GoingColdQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<GoingColdRow> find(FindGoingCold query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                + " FROM going_cold WHERE owner_id = ? AND cadence_days IS NOT NULL AND NOT archived AND NOT forgotten");
        List<Object> args = new ArrayList<>(List.of(query.ownerId().value()));
        if (query.tag() != null) {
            sql.append(" AND ? = ANY(tags)");
            args.add(query.tag());
        }
        if (query.city() != null) {
            sql.append(" AND lower(city) = lower(?)");
            args.add(query.city());
        }
        List<TrackedContact> tracked = jdbc.query(sql.toString(), GoingColdQueries::tracked, args.toArray());
        return tracked.stream()
                .filter(contact -> contact.isListed(query.at(), query.includeSnoozed()))
                .map(contact -> contact.assess(query.at()))
                .filter(assessed -> query.statuses().contains(assessed.row().status()))
                .sorted(TrackedContact.Assessed.ORDER)
                .limit(query.limit())
                .map(TrackedContact.Assessed::row)
                .toList();
    }

    /** The going-cold inputs of one contact, whether or not it is tracked. */
    public Optional<TrackedContact> findOne(OwnerId ownerId, ContactId contactId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM going_cold WHERE owner_id = ? AND contact_id = ? AND NOT forgotten",
                GoingColdQueries::tracked, ownerId.value(), contactId.value()).stream().findFirst();
    }

    static TrackedContact tracked(ResultSet rs, int row) throws SQLException {
        return new TrackedContact(rs.getObject("contact_id", UUID.class), rs.getString("display_name"),
                rs.getString("city"), rs.getString("time_zone"), strings(rs.getArray("tags")),
                rs.getObject("cadence_days", Integer.class), instant(rs.getTimestamp("cadence_set_at")),
                instant(rs.getTimestamp("last_interaction_at")), rs.getInt("asks"), rs.getInt("gives"),
                instant(rs.getTimestamp("snoozed_until")), rs.getBoolean("archived"));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
