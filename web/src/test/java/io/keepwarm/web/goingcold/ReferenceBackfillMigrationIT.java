package io.keepwarm.web.goingcold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.keepwarm.domain.contact.GoingColdRules;
import io.keepwarm.web.testsupport.TestDatabase;

/**
 * V8 adds {@code reference_at} to a database that already holds going-cold rows: every version's table (the serving
 * one and a running rebuild's target) gets the column, its rows the rules' reference, and the index; the view shows
 * the column.
 */
class ReferenceBackfillMigrationIT {

    private static final UUID OWNER = UUID.randomUUID();
    private static final Instant SET_AT = Instant.parse("2025-01-01T10:00:00.123456Z");
    private static final Instant LAST = Instant.parse("2025-02-03T04:05:06.654321Z");

    @Test
    void existing_rows_of_every_version_get_the_rules_reference_and_the_view_shows_it() {
        TestDatabase.Server server = TestDatabase.server();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabase.newDatabase(), server.user(),
                server.password());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("7").load().migrate();
        UUID contacted = UUID.randomUUID();
        UUID neverContacted = UUID.randomUUID();
        UUID untracked = UUID.randomUUID();
        insert(jdbc, "going_cold_v1", contacted, 21, LAST);
        insert(jdbc, "going_cold_v1", neverContacted, 10, null);
        jdbc.update("INSERT INTO going_cold_v1 (owner_id, contact_id, display_name, version) VALUES (?, ?, 'Untracked', 1)",
                OWNER, untracked);
        // A rebuild to version 2 is running: its tables are copies of the active ones (ProjectionRebuilds).
        jdbc.execute("CREATE TABLE going_cold_v2 (LIKE going_cold_v1 INCLUDING ALL)");
        insert(jdbc, "going_cold_v2", neverContacted, 10, null);

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        assertThat(reference(jdbc, "going_cold_v1", contacted)).isEqualTo(LAST);
        assertThat(reference(jdbc, "going_cold_v1", neverContacted))
                .isEqualTo(SET_AT.minus(Duration.ofDays(10)))
                .isEqualTo(GoingColdRules.reference(10, SET_AT, null));
        assertThat(reference(jdbc, "going_cold_v1", untracked)).isNull();
        assertThat(reference(jdbc, "going_cold_v2", neverContacted)).isEqualTo(SET_AT.minus(Duration.ofDays(10)));
        assertThat(reference(jdbc, "going_cold", contacted)).as("through the view").isEqualTo(LAST);
        for (String table : List.of("going_cold_v1", "going_cold_v2")) {
            List<String> indexes = jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE tablename = ?",
                    String.class, table);
            assertThat(indexes).as(table)
                    .anyMatch(index -> index.contains("(owner_id, cadence_days, reference_at, display_name COLLATE \"C\", contact_id)"))
                    .noneMatch(index -> index.contains("(owner_id) WHERE"));
        }
    }

    private static void insert(JdbcTemplate jdbc, String table, UUID contact, int cadenceDays, Instant last) {
        jdbc.update("INSERT INTO " + table + " (owner_id, contact_id, display_name, cadence_days, cadence_set_at,"
                        + " last_interaction_at, version) VALUES (?, ?, 'Someone', ?, ?, ?, 3)",
                OWNER, contact, cadenceDays, SET_AT.atOffset(ZoneOffset.UTC),
                last == null ? null : last.atOffset(ZoneOffset.UTC));
    }

    private static Instant reference(JdbcTemplate jdbc, String table, UUID contact) {
        OffsetDateTime value = jdbc.queryForObject("SELECT reference_at FROM " + table + " WHERE contact_id = ?",
                OffsetDateTime.class, contact);
        return value == null ? null : value.toInstant();
    }
}
