package io.keepwarm.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.digest.Digests;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * No forgotten name is left in the planner's statistics (pg_stats): the columns holding personal data in clear, and
 * the keys, are never sampled by ANALYZE, in every version of every read model (issue 12, docs/privacy.md).
 */
class PlannerStatisticsIT extends IntegrationTest {

    private static final String PERSONAL_COLUMNS = """
            SELECT tablename || '.' || attname FROM pg_stats
            WHERE schemaname = current_schema()
              AND ((tablename ~ '^going_cold_v[0-9]+$' AND attname IN ('display_name', 'city', 'sort_key'))
                OR (tablename ~ '^contact_view_v[0-9]+$'
                    AND attname IN ('display_name', 'how_we_met', 'organization', 'role', 'city', 'channels',
                                    'sort_key', 'search_name', 'search_text'))
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

    /**
     * The personal columns of the tables that are not read models, listed here on their own (not read from the
     * schema's personal_column table, which this test checks): what an import keeps of its file, a digest's
     * recipient and errors, the settings' address and its change log, usernames, token names, the admin audit's
     * summary and digests of request bodies.
     */
    static final List<String> ACCOUNT_AND_IMPORT_COLUMNS = List.of(
            "import_row.reason",
            "import_row.action",
            "import_job.failure",
            "import_source.source_key",
            "digest_delivery.recipient",
            "digest_delivery.last_error",
            "account_settings.digest_email",
            "account_settings_change.changes",
            "app_user.username",
            "api_token.name",
            "admin_audit.summary",
            "idempotency_key.request_digest",
            "idempotency_key.idempotency_key");

    @Autowired
    Digests digests;

    @Test
    void the_personal_columns_of_imports_digests_settings_accounts_and_the_audit_keep_no_statistics() {
        Api owner = newOwner();
        String email = "stats-" + marker + "@mail.example";
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        var settings = owner.patch(
                "/api/me/settings",
                Map.of(
                        "timeZone",
                        "UTC",
                        "digest",
                        Map.of(
                                "frequency",
                                "WEEKLY",
                                "day",
                                now.getDayOfWeek().name(),
                                "hour",
                                now.getHour(),
                                "email",
                                email)));
        assertThat(settings.status()).as("%s", settings).isEqualTo(200);
        digests.plan();
        String file = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                + "Stat,Person" + marker + ",https://www.linkedin.com/in/" + marker + ",p" + email + ",Org" + marker
                + ",Role,05 Feb 2020\n"
                + "Broken,Row" + marker + ",,,,,not a date " + marker + "\n";
        var imported =
                owner.send("POST", "/api/imports?dryRun=false", file.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as("%s", imported).isEqualTo(202);
        assertThat(owner.with("Idempotency-Key", "key-" + marker)
                        .post("/api/contacts", Map.of("displayName", "Keyed " + marker))
                        .status())
                .isEqualTo(201);
        Api leaving = newOwner();
        String leavingId = leaving.get("/api/me").json().get("userId").asText();
        assertThat(admin().delete("/api/admin/users/" + leavingId).status()).isEqualTo(204);
        await(() -> jdbc.queryForObject(
                        "SELECT count(*) FROM import_job WHERE state IN ('COMPLETED', 'FAILED')", Integer.class)
                > 0);
        for (String column : ACCOUNT_AND_IMPORT_COLUMNS) {
            String table = column.substring(0, column.indexOf('.'));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class))
                    .as("%s has rows for ANALYZE to sample", table)
                    .isPositive();
        }

        jdbc.execute("ANALYZE");

        List<String> shown = jdbc.queryForList(
                "SELECT tablename || '.' || attname FROM pg_stats WHERE schemaname = current_schema()", String.class);
        assertThat(shown).as("personal columns in pg_stats").doesNotContainAnyElementsOf(ACCOUNT_AND_IMPORT_COLUMNS);
        assertThat(shown)
                .as("their other columns keep their statistics")
                .contains("digest_delivery.state", "import_row.outcome", "app_user.role");
        assertThat(statisticsMentioning(marker)).isEmpty();
        assertThat(jdbc.queryForList(
                        "SELECT table_pattern || ' ' || column_name FROM personal_column p WHERE NOT EXISTS ("
                                + "SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                                + " WHERE c.relname ~ p.table_pattern AND a.attname = p.column_name)",
                        String.class))
                .as("every personal_column row names a column there is")
                .isEmpty();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited a minute").isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
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
