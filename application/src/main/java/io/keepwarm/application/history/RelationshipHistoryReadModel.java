package io.keepwarm.application.history;

import io.keepwarm.application.projection.VersionedReadModel;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The audit trail as an operated projection: its table, its handlers per version. */
@Component
@Order(3)
public class RelationshipHistoryReadModel extends VersionedReadModel {

    public static final String NAME = "relationship-history";

    public RelationshipHistoryReadModel(JdbcTemplate jdbc) {
        super(jdbc, NAME, List.of("history_entry"), RelationshipHistoryProjection::new);
    }
}
