package io.keepwarm.application.history;

import io.keepwarm.application.projection.VersionedReadModel;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The audit trail as an operated projection: its table, its handlers per version, its applied versions. */
@Component
@Order(3)
public class RelationshipHistoryReadModel extends VersionedReadModel {

    public static final String NAME = "relationship-history";

    public RelationshipHistoryReadModel(JdbcTemplate jdbc) {
        super(jdbc, NAME, List.of("history_entry"), RelationshipHistoryProjection::new, """
                SELECT count(*) FROM unnest(?::uuid[], ?::bigint[]) AS w(contact_id, version)
                WHERE EXISTS (SELECT 1 FROM history_entry h WHERE h.owner_id = ? AND h.contact_id = w.contact_id
                              AND h.sequence_number >= w.version)""");
    }
}
