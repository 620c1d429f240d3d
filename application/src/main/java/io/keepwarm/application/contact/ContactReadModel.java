package io.keepwarm.application.contact;

import io.keepwarm.application.projection.VersionedReadModel;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The contact list as an operated projection: its table, its handlers per version. */
@Component
@Order(2)
public class ContactReadModel extends VersionedReadModel {

    public static final String NAME = "contacts";

    public ContactReadModel(JdbcTemplate jdbc) {
        super(jdbc, NAME, List.of("contact_view"), ContactProjection::new);
    }
}
