package io.keepwarm.application.history;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.keepwarm.application.projection.ProjectionDefinition;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.domain.contact.api.OwnerId;

/** The audit trail as an operated projection: its table, its handlers per version, its applied versions. */
@Component
@Order(3)
public class RelationshipHistoryReadModel implements ProjectionDefinition {

    public static final String NAME = "relationship-history";

    private final JdbcTemplate jdbc;

    public RelationshipHistoryReadModel(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of("history_entry");
    }

    @Override
    public Object handlersFor(ProjectionTables tables) {
        return new RelationshipHistoryProjection(jdbc, tables);
    }

    /** Reads the {@code history_entry} view, i.e. the active version. */
    @Override
    public int countApplied(OwnerId ownerId, UUID[] contactIds, Long[] versions) {
        Integer applied = jdbc.queryForObject("""
                        SELECT count(*) FROM unnest(?::uuid[], ?::bigint[]) AS w(contact_id, version)
                        WHERE EXISTS (SELECT 1 FROM history_entry h WHERE h.owner_id = ? AND h.contact_id = w.contact_id
                                      AND h.sequence_number >= w.version)""",
                Integer.class, contactIds, versions, ownerId.value());
        return applied == null ? 0 : applied;
    }
}
