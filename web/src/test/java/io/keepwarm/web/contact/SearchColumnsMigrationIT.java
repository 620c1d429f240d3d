package io.keepwarm.web.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.contact.SearchText;
import io.keepwarm.domain.contact.NameOrder;
import io.keepwarm.web.testsupport.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V35 adds the search and sort columns to every version's tables and V36 fills them for rows already there, with
 * the same NameOrder and SearchText the projections use; forgotten rows stay blank.
 */
class SearchColumnsMigrationIT {

    @Test
    void rows_written_before_the_migration_get_their_collation_key_and_folded_search_text() {
        TestDatabase.Server server = TestDatabase.server();
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(TestDatabase.newDatabase(), server.user(), server.password());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target("10")
                .load()
                .migrate();
        UUID owner = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID forgotten = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO contact_view_v1 (owner_id, contact_id, display_name, organization, role, city, tags,
                                             channels, added_at, updated_at, version)
                VALUES (?, ?, 'Łukasz Wiśniewski', 'Żabka', 'CTO', 'Łódź', '{open-source}',
                        '{"EMAIL": "lukasz@example.pl"}', now(), now(), 1)""", owner, kept);
        jdbc.update("""
                INSERT INTO contact_view_v1 (owner_id, contact_id, display_name, added_at, updated_at, version, forgotten)
                VALUES (?, ?, '', now(), now(), 2, TRUE)""", owner, forgotten);
        jdbc.update("""
                INSERT INTO going_cold_v1 (owner_id, contact_id, display_name, version)
                VALUES (?, ?, 'Łukasz Wiśniewski', 1)""", owner, kept);

        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT sort_key, search_name, search_text FROM contact_view WHERE contact_id = ?", kept);
        assertThat((byte[]) row.get("sort_key")).isEqualTo(NameOrder.key("Łukasz Wiśniewski"));
        assertThat(row.get("search_name")).isEqualTo("lukasz wisniewski");
        assertThat(row.get("search_text"))
                .isEqualTo(String.join(
                        SearchText.FIELD_SEPARATOR,
                        "lukasz wisniewski",
                        "zabka",
                        "cto",
                        "lodz",
                        "open source",
                        "lukasz example pl"));
        assertThat((byte[])
                        jdbc.queryForObject("SELECT sort_key FROM going_cold WHERE contact_id = ?", byte[].class, kept))
                .isEqualTo(NameOrder.key("Łukasz Wiśniewski"));
        Map<String, Object> blank = jdbc.queryForMap(
                "SELECT sort_key, search_name, search_text FROM contact_view WHERE contact_id = ?", forgotten);
        assertThat((byte[]) blank.get("sort_key")).isEmpty();
        assertThat(blank.get("search_text")).isEqualTo("");
    }
}
