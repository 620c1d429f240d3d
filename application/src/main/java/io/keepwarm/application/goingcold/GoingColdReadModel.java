package io.keepwarm.application.goingcold;

import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.application.projection.VersionedReadModel;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The going-cold read model as an operated projection: its tables, its handlers per version. */
@Component
@Order(1)
public class GoingColdReadModel extends VersionedReadModel {

    public static final String NAME = "going-cold";

    public GoingColdReadModel(JdbcTemplate jdbc) {
        super(jdbc, NAME, List.of("going_cold", "going_cold_interaction"), GoingColdProjection::new);
    }

    /** Every statement of {@link GoingColdBatch} finds its rows by primary key. */
    @Override
    public boolean defersIndexes() {
        return true;
    }

    /** Going-cold keeps names, cities and instants: no handler of it reads a note ({@link GoingColdProjection}). */
    @Override
    public boolean readsNotes() {
        return false;
    }

    /** The contacts' last interaction, asks, gives and version, which a deferring batch leaves to this. */
    @Override
    public void finishReplay(JdbcTemplate jdbc, ProjectionTables tables) {
        new GoingColdBatch.Statements(tables).finishReplay(jdbc);
    }
}
