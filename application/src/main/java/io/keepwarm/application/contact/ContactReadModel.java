package io.keepwarm.application.contact;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.keepwarm.application.projection.ProjectionDefinition;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.domain.contact.api.OwnerId;

/** The contact list as an operated projection: its table, its handlers per version, its applied versions. */
@Component
@Order(2)
public class ContactReadModel implements ProjectionDefinition {

    public static final String NAME = "contacts";

    private final JdbcTemplate jdbc;

    public ContactReadModel(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of("contact_view");
    }

    @Override
    public Object handlersFor(ProjectionTables tables) {
        return new ContactProjection(jdbc, tables);
    }

    /** Reads the {@code contact_view} view, i.e. the active version. */
    @Override
    public int countApplied(OwnerId ownerId, UUID[] contactIds, Long[] versions) {
        Integer applied = jdbc.queryForObject("""
                        SELECT count(*) FROM unnest(?::uuid[], ?::bigint[]) AS w(contact_id, version)
                        JOIN contact_view c ON c.owner_id = ? AND c.contact_id = w.contact_id AND c.version >= w.version""",
                Integer.class, contactIds, versions, ownerId.value());
        return applied == null ? 0 : applied;
    }
}
