package io.keepwarm.application.goingcold;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.keepwarm.application.projection.ProjectionDefinition;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.domain.contact.api.OwnerId;

/** The going-cold read model as an operated projection: its tables, its handlers per version, its applied versions. */
@Component
@Order(1)
public class GoingColdReadModel implements ProjectionDefinition {

    public static final String NAME = "going-cold";

    private final JdbcTemplate jdbc;

    public GoingColdReadModel(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of("going_cold", "going_cold_interaction");
    }

    @Override
    public Object handlersFor(ProjectionTables tables) {
        return new GoingColdProjection(jdbc, tables);
    }

    /** Reads the {@code going_cold} view, i.e. the active version. */
    @Override
    public int countApplied(OwnerId ownerId, UUID[] contactIds, Long[] versions) {
        Integer applied = jdbc.queryForObject("""
                        SELECT count(*) FROM unnest(?::uuid[], ?::bigint[]) AS w(contact_id, version)
                        JOIN going_cold g ON g.owner_id = ? AND g.contact_id = w.contact_id AND g.version >= w.version""",
                Integer.class, contactIds, versions, ownerId.value());
        return applied == null ? 0 : applied;
    }
}
