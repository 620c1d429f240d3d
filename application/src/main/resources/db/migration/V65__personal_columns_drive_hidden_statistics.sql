-- Planner statistics hidden by a list of personal columns, not by a function rewritten for each new one
-- (docs/adr/0017, docs/privacy.md).
--
-- V21 hid the statistics of the read models' personal columns with a function whose list was written in its body;
-- V38 had to copy the whole function to add search's three columns. The list is now a table, personal_column: one
-- row per column holding personal data in clear (or derived from it: folded text, collation keys, digests of
-- addresses), with the reason, and keepwarm_hide_personal_statistics() reads it. A new personal column is one
-- INSERT in the migration that adds it, followed by SELECT keepwarm_hide_personal_statistics().
--
-- Rows also cover the personal columns of the tables that are not read models, which V21 and V38 left out: import
-- rows (the file's values in the per-row report and planned action), import failures, import source keys (digests of
-- profile URLs and addresses), digest deliveries (the recipient, and SMTP errors that quote it), the digest's
-- address in the settings and in the settings' change log, usernames (a deleted user's old name would otherwise stay
-- in pg_stats after the rename), token names, the admin audit's summary (it names the deleted user) and idempotency
-- digests of request bodies. PlannerStatisticsIT lists these columns itself and fails if pg_stats shows any of them.
CREATE TABLE personal_column (
    table_pattern TEXT NOT NULL,  -- a regular expression over table names: versions of a read model share a row
    column_name   TEXT NOT NULL,
    reason        TEXT NOT NULL,
    PRIMARY KEY (table_pattern, column_name)
);

INSERT INTO personal_column (table_pattern, column_name, reason) VALUES
    ('^going_cold_v[0-9]+$', 'display_name', 'the contact''s name'),
    ('^going_cold_v[0-9]+$', 'city', 'where the contact lives'),
    ('^going_cold_v[0-9]+$', 'sort_key', 'the name''s collation key: the name, recoverable'),
    ('^contact_view_v[0-9]+$', 'display_name', 'the contact''s name'),
    ('^contact_view_v[0-9]+$', 'how_we_met', 'free text about the contact'),
    ('^contact_view_v[0-9]+$', 'organization', 'where the contact works'),
    ('^contact_view_v[0-9]+$', 'role', 'the contact''s role'),
    ('^contact_view_v[0-9]+$', 'city', 'where the contact lives'),
    ('^contact_view_v[0-9]+$', 'channels', 'email addresses, phone numbers, handles'),
    ('^contact_view_v[0-9]+$', 'sort_key', 'the name''s collation key'),
    ('^contact_view_v[0-9]+$', 'search_name', 'the name, folded'),
    ('^contact_view_v[0-9]+$', 'search_text', 'name, organization, role, city, tags and handles, folded'),
    ('^history_entry_v[0-9]+$', 'data', 'the events'' fields, personal ones until forgotten'),
    ('^contact_key$', 'key', 'the keys that crypto-shredding destroys'),
    ('^shared_note_key$', 'key', 'the keys of notes shared by several contacts'),
    ('^import_row$', 'reason', 'an error row''s reason quotes the file''s values'),
    ('^import_row$', 'action', 'the planned contact: name, organization, addresses'),
    ('^import_job$', 'failure', 'a failed import''s message may quote the file'),
    ('^import_source$', 'source_key', 'digest of a profile URL or an address: a known one can be tested for'),
    ('^digest_delivery$', 'recipient', 'the account''s email address'),
    ('^digest_delivery$', 'last_error', 'SMTP errors quote the recipient'),
    ('^account_settings$', 'digest_email', 'the account''s email address'),
    ('^account_settings_change$', 'changes', 'the settings'' changes, the digest''s address among them'),
    ('^app_user$', 'username', 'a person''s name often; a deleted user''s old name must not outlive the rename'),
    ('^api_token$', 'name', 'the user''s label for a token'),
    ('^admin_audit$', 'summary', 'names the user an admin deleted'),
    ('^idempotency_key$', 'request_digest', 'digest of a request body that holds a contact''s fields');

CREATE OR REPLACE FUNCTION keepwarm_hide_personal_statistics() RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    col RECORD;
    idx RECORD;
BEGIN
    FOR col IN SELECT DISTINCT c.oid, c.relname, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod) AS type,
                      coalesce(a.attstattarget, -1) AS target
               FROM personal_column p
               JOIN pg_class c ON c.relname ~ p.table_pattern
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = p.column_name AND NOT a.attisdropped
               WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' LOOP
        IF col.target <> 0 THEN
            EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET STATISTICS 0', col.relname, col.attname);
        END IF;
        IF EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = col.relname
                                            AND attname = col.attname) THEN
            BEGIN
                DELETE FROM pg_statistic WHERE starelid = col.oid AND staattnum = col.attnum;
            EXCEPTION WHEN insufficient_privilege THEN
                -- Not a superuser: changing a column's type (here to the type it has) drops its statistics
                -- too, without a rewrite; the views over the table are set aside meanwhile.
                PERFORM keepwarm_retype_column(col.oid, col.relname, col.attname, col.type);
            END;
        END IF;
    END LOOP;
    -- Expression indexes (lower(display_name), …) on a table with personal columns get statistics of their own.
    -- An index whose expressions already have statistics is built anew (dropping it drops them).
    FOR idx IN SELECT ix.relname AS index_name, pg_get_indexdef(i.indexrelid) AS definition
               FROM pg_index i
               JOIN pg_class t ON t.oid = i.indrelid
               JOIN pg_class ix ON ix.oid = i.indexrelid
               WHERE t.relnamespace = current_schema()::regnamespace
                 AND EXISTS (SELECT 1 FROM personal_column p WHERE t.relname ~ p.table_pattern)
                 AND i.indexprs IS NOT NULL
                 AND EXISTS (SELECT 1 FROM pg_stats s WHERE s.schemaname = current_schema()
                                                        AND s.tablename = ix.relname) LOOP
        EXECUTE format('DROP INDEX %I', idx.index_name);
        EXECUTE idx.definition;
    END LOOP;
    FOR idx IN SELECT ix.relname AS index_name, k.n
               FROM pg_index i
               JOIN pg_class t ON t.oid = i.indrelid
               JOIN pg_class ix ON ix.oid = i.indexrelid
               CROSS JOIN LATERAL generate_series(1, i.indnatts) AS k(n)
               WHERE t.relnamespace = current_schema()::regnamespace
                 AND EXISTS (SELECT 1 FROM personal_column p WHERE t.relname ~ p.table_pattern)
                 AND i.indexprs IS NOT NULL AND i.indkey[k.n - 1] = 0 LOOP
        EXECUTE format('ALTER INDEX %I ALTER COLUMN %s SET STATISTICS 0', idx.index_name, idx.n);
    END LOOP;
END
$$;

SELECT keepwarm_hide_personal_statistics();
