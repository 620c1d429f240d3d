package io.keepwarm.web.goingcold;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V8 gives every version's going-cold table the two indexes the ranked view reads (the serving one and a running
 * rebuild's target, created before the migration), in place of the owner-only index; the view is unchanged.
 */
class RankedIndexesMigrationIT {

    @Test
    void the_serving_and_a_rebuilds_table_get_the_ranked_indexes_instead_of_the_owner_only_one() {
        TestDatabase.Server server = TestDatabase.server();
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(TestDatabase.newDatabase(), server.user(), server.password());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target("7")
                .load()
                .migrate();
        // A rebuild to version 2 is running: its tables are copies of the active ones (ProjectionRebuilds).
        jdbc.execute("CREATE TABLE going_cold_v2 (LIKE going_cold_v1 INCLUDING ALL)");

        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();

        // V35 replaced V8's ties by display_name COLLATE "C" with ties by sort_key (NameOrder), on both versions
        for (String table : List.of("going_cold_v1", "going_cold_v2")) {
            List<String> indexes =
                    jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE tablename = ?", String.class, table);
            assertThat(indexes)
                    .as(table)
                    .anyMatch(index ->
                            index.contains("(owner_id, cadence_days, last_interaction_at, sort_key, contact_id)")
                                    && index.contains("last_interaction_at IS NOT NULL"))
                    .anyMatch(index -> index.contains("(owner_id, cadence_days, cadence_set_at, sort_key, contact_id)")
                            && index.contains("last_interaction_at IS NULL"))
                    .noneMatch(index -> index.contains("(owner_id) WHERE"));
        }
        assertThat(jdbc.queryForObject("SELECT definition FROM pg_views WHERE viewname = 'going_cold'", String.class))
                .contains("going_cold_v1");
    }
}
