package io.keepwarm.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * No forgotten name is left in the planner's statistics (pg_stats): the columns holding personal data in clear, and
 * the keys, are never sampled by ANALYZE, in every version of every read model (issue 12, docs/privacy.md).
 */
class PlannerStatisticsIT extends IntegrationTest {

    private static final String PERSONAL_COLUMNS = """
            SELECT tablename || '.' || attname FROM pg_stats
            WHERE schemaname = current_schema()
              AND ((tablename ~ '^going_cold_v[0-9]+$' AND attname IN ('display_name', 'city'))
                OR (tablename ~ '^contact_view_v[0-9]+$'
                    AND attname IN ('display_name', 'how_we_met', 'organization', 'role', 'city', 'channels'))
                OR (tablename ~ '^history_entry_v[0-9]+$' AND attname = 'data')
                OR (tablename IN ('contact_key', 'shared_note_key') AND attname = 'key')
                OR tablename IN (SELECT ix.relname FROM pg_index i JOIN pg_class ix ON ix.oid = i.indexrelid
                                 JOIN pg_class t ON t.oid = i.indrelid
                                 WHERE i.indexprs IS NOT NULL
                                   AND t.relname ~ '^(going_cold|contact_view|history_entry)_v[0-9]+$'))
            ORDER BY 1""";

    private final String marker = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void analyze_gathers_no_statistics_of_personal_columns_so_no_forgotten_name_stays_in_pg_stats() {
        Api owner = newOwner();
        String name = "Statistically Forgotten " + marker;
        List<String> ids = List.of(contact(owner, name), contact(owner, name), contact(owner, name));

        jdbc.execute("ANALYZE");
        assertThat(jdbc.queryForList(PERSONAL_COLUMNS, String.class)).isEmpty();
        assertThat(statisticsMentioning(marker)).isEmpty();
        assertThat(jdbc.queryForList(
                        "SELECT tablename FROM pg_stats WHERE tablename ~ '^going_cold_v[0-9]+$'"
                                + " AND attname = 'cadence_days'",
                        String.class))
                .as("other columns keep their statistics")
                .isNotEmpty();

        ids.forEach(
                id -> assertThat(owner.delete("/api/contacts/" + id).status()).isEqualTo(204));
        jdbc.execute("ANALYZE");

        assertThat(statisticsMentioning(marker)).isEmpty();
    }

    @Test
    void statistics_gathered_before_are_dropped_and_a_rebuilt_version_gathers_none() throws Exception {
        Api owner = newOwner();
        String name = "Gathered Earlier " + marker;
        contact(owner, name);
        contact(owner, name);
        String table = jdbc.queryForObject(
                "SELECT 'going_cold_v' || active_version FROM projection_version WHERE projection = 'going-cold'",
                String.class);
        jdbc.execute("ALTER TABLE " + table + " ALTER COLUMN display_name SET STATISTICS -1");
        jdbc.execute("ANALYZE " + table);
        assertThat(statisticsMentioning(marker))
                .as("as an older schema let ANALYZE gather")
                .isNotEmpty();

        jdbc.execute("SELECT keepwarm_hide_personal_statistics()");

        assertThat(statisticsMentioning(marker)).isEmpty();

        var started = admin().post("/api/admin/projections/contacts/rebuild", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        int version = started.json().get("rebuild").get("toVersion").asInt();
        String rebuildId = started.json().get("rebuild").get("rebuildId").asText();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            var rebuild = admin().get("/api/admin/projections/contacts").json().get("rebuild");
            if (rebuild.get("rebuildId").asText().equals(rebuildId)
                    && !rebuild.get("state").asText().equals("RUNNING")) {
                break;
            }
            Thread.sleep(100);
        }
        jdbc.execute("ANALYZE contact_view_v" + version);
        assertThat(jdbc.queryForList(PERSONAL_COLUMNS, String.class)).isEmpty();
        assertThat(statisticsMentioning(marker)).isEmpty();
    }

    /** Every column or index of the schema whose most common values or histogram bounds contain the text. */
    private List<String> statisticsMentioning(String text) {
        return jdbc.queryForList("""
                SELECT tablename || '.' || attname FROM pg_stats
                WHERE schemaname = current_schema()
                  AND (most_common_vals::text LIKE '%' || ? || '%' OR histogram_bounds::text LIKE '%' || ? || '%')""", String.class, text, text);
    }

    private static String contact(Api owner, String name) {
        String id = owner.post("/api/contacts", Map.of("displayName", name, "city", "Oslo " + name))
                .json()
                .get("contactId")
                .asText();
        owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", 21));
        return id;
    }
}
