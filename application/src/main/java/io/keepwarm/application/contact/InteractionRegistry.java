package io.keepwarm.application.contact;

import io.keepwarm.application.eventstore.ProjectionBatch;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.OwnerId;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which contacts each interaction involves, so correcting or retracting it reaches all of them.
 *
 * <p>Its processing group is subscribing: it is written inside the command's own transaction, before it commits,
 * so a correction sent right after logging always finds the interaction.
 */
@Component
@ProcessingGroup(InteractionRegistry.PROCESSING_GROUP)
public class InteractionRegistry {

    public static final String PROCESSING_GROUP = "interaction-registry";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public InteractionRegistry(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Queued with the unit of work's read model statements: it goes to PostgreSQL in their round trip. */
    @EventHandler
    void on(InteractionLogged event) {
        ProjectionBatch.current(PROCESSING_GROUP, template, (batch, touched) -> {})
                .add(
                        ProjectionBatch.ContactKey.of(event),
                        """
                        INSERT INTO interaction_registry (owner_id, interaction_id, contact_id) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""",
                        event.ownerId().value(),
                        event.interactionId().value(),
                        event.contactId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE interaction_registry").update();
    }

    /** The contacts of one of the owner's interactions; empty when the owner has no such interaction. */
    public List<ContactId> participants(OwnerId ownerId, InteractionId interactionId) {
        return jdbc.sql(
                        "SELECT contact_id FROM interaction_registry WHERE owner_id = ? AND interaction_id = ? ORDER BY contact_id")
                .params(ownerId.value(), interactionId.value())
                .query((rs, n) -> new ContactId(rs.getObject(1, java.util.UUID.class)))
                .list();
    }
}
