package io.keepwarm.web.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The owner is part of every read model's key (issue 3): each table that holds someone's network has
 * {@code owner_id} leading its primary key, so every lookup is owner-scoped by construction and served by an
 * index, never filtered afterwards. Tables that are not anyone's network are listed with the reason.
 */
class OwnerScopedReadModelsIT extends IntegrationTest {

    private static final Map<String, String> NOT_A_READ_MODEL = Map.ofEntries(
            Map.entry(
                    "domain_event_entry", "Axon's event store; each event carries ownerId in its payload and metadata"),
            Map.entry("snapshot_event_entry", "Axon's snapshots, keyed by aggregate"),
            Map.entry("token_entry", "Axon's tracking tokens, per processor and segment"),
            Map.entry("dead_letter_entry", "Axon's dead letters, per processing group"),
            Map.entry("flyway_schema_history", "Flyway's own bookkeeping"),
            Map.entry("app_user", "accounts: who may use keepwarm, not anyone's network"),
            Map.entry("api_token", "a user's tokens, keyed by token and looked up by hash"),
            Map.entry(
                    "contact_key",
                    "per-contact encryption keys, keyed by contact; they hold no network data, only make it readable"),
            Map.entry("projection_version", "which version of each projection serves reads; nobody's network"),
            Map.entry("projection_rebuild", "who started or cancelled which rebuild; nobody's network"),
            Map.entry("projection_node", "node heartbeats and failing processors; nobody's network"),
            Map.entry(
                    "shared_note_key",
                    "per-note encryption keys of shared notes, keyed by key; they hold no network data, only make it readable"),
            Map.entry(
                    "account_settings",
                    "accounts: a user's settings (zone, reachable hours, digest), keyed by user_id"),
            Map.entry("account_settings_change", "accounts: the audit trail of a user's settings, keyed by user_id"),
            Map.entry("calendar_feed", "accounts: a user's calendar feed secret, keyed by user_id"),
            Map.entry("digest_delivery", "accounts: the outbox of a user's weekly digests, keyed by user_id"),
            Map.entry("admin_audit", "the admins' audit trail of what they did to users; nobody's network"),
            Map.entry("import_job", "import jobs and their progress, keyed by import; not a read model of events"),
            Map.entry("import_row", "the rows of an import job, keyed by import and line; not a read model of events"),
            Map.entry(
                    "personal_column",
                    "the schema's list of personal columns whose planner statistics stay hidden; nobody's data"));

    @Test
    void every_read_model_table_has_the_owner_leading_its_primary_key() {
        List<Map<String, Object>> tables = jdbc.queryForList("""
                SELECT c.relname AS table_name,
                       (SELECT a.attname FROM pg_index i
                          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                         WHERE i.indrelid = c.oid AND i.indisprimary) AS first_key_column
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() AND NOT c.relispartition
                ORDER BY 1""");
        assertThat(tables)
                .extracting(t -> (String) t.get("table_name"))
                .as("each read model's physical tables, behind the views of the same name")
                .anyMatch(t -> t.startsWith("contact_view_v"))
                .anyMatch(t -> t.startsWith("going_cold_v"))
                .anyMatch(t -> t.startsWith("history_entry_v"));

        List<String> offending = tables.stream()
                .filter(t -> !NOT_A_READ_MODEL.containsKey((String) t.get("table_name")))
                .filter(t -> !"owner_id".equals(t.get("first_key_column")))
                .map(t -> t.get("table_name") + " (primary key starts with " + t.get("first_key_column") + ")")
                .toList();
        assertThat(offending)
                .as("read-model tables whose primary key does not start with owner_id; a table that is nobody's "
                        + "network belongs in NOT_A_READ_MODEL with the reason")
                .isEmpty();
    }
}
