-- Search's derived columns keep no planner statistics either (docs/adr/0017, docs/adr/0018, docs/privacy.md).
--
-- V35 added, to every version of contact_view, sort_key (the display name's collation key), search_name (the name
-- folded) and search_text (name, organization, role, city, tags and handles folded), and sort_key to going_cold.
-- They hold the same personal data as the columns V21 hides, so ANALYZE sampled a forgotten contact's folded name
-- into pg_stats. keepwarm_hide_personal_statistics() now covers them as well; it is called here for the tables
-- there are, and by every rebuild for the tables it creates (ProjectionRebuilds), as before. Expression indexes on
-- the projection tables (whatever columns they use) were and still are covered by the function's index part; the
-- trigram index on search_text is a plain column index, which has no statistics of its own.
CREATE OR REPLACE FUNCTION keepwarm_hide_personal_statistics() RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    personal CONSTANT TEXT[][] := ARRAY[
        ARRAY['^going_cold_v[0-9]+$', 'display_name'],
        ARRAY['^going_cold_v[0-9]+$', 'city'],
        ARRAY['^going_cold_v[0-9]+$', 'sort_key'],
        ARRAY['^contact_view_v[0-9]+$', 'display_name'],
        ARRAY['^contact_view_v[0-9]+$', 'how_we_met'],
        ARRAY['^contact_view_v[0-9]+$', 'organization'],
        ARRAY['^contact_view_v[0-9]+$', 'role'],
        ARRAY['^contact_view_v[0-9]+$', 'city'],
        ARRAY['^contact_view_v[0-9]+$', 'channels'],
        ARRAY['^contact_view_v[0-9]+$', 'sort_key'],
        ARRAY['^contact_view_v[0-9]+$', 'search_name'],
        ARRAY['^contact_view_v[0-9]+$', 'search_text'],
        ARRAY['^history_entry_v[0-9]+$', 'data'],
        ARRAY['^contact_key$', 'key'],
        ARRAY['^shared_note_key$', 'key']];
    i INT;
    col RECORD;
    idx RECORD;
BEGIN
    FOR i IN 1 .. array_length(personal, 1) LOOP
        FOR col IN SELECT c.oid, c.relname, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod) AS type,
                          coalesce(a.attstattarget, -1) AS target
                   FROM pg_class c
                   JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped
                   WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
                     AND c.relname ~ personal[i][1] AND a.attname = personal[i][2] LOOP
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
    END LOOP;
    -- Expression indexes (lower(display_name), …) on the projection tables get statistics of their own.
    -- An index whose expressions already have statistics is built anew (dropping it drops them).
    FOR idx IN SELECT ix.relname AS index_name, pg_get_indexdef(i.indexrelid) AS definition
               FROM pg_index i
               JOIN pg_class t ON t.oid = i.indrelid
               JOIN pg_class ix ON ix.oid = i.indexrelid
               WHERE t.relnamespace = current_schema()::regnamespace
                 AND t.relname ~ '^(going_cold|contact_view|history_entry)_v[0-9]+$'
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
                 AND t.relname ~ '^(going_cold|contact_view|history_entry)_v[0-9]+$'
                 AND i.indexprs IS NOT NULL AND i.indkey[k.n - 1] = 0 LOOP
        EXECUTE format('ALTER INDEX %I ALTER COLUMN %s SET STATISTICS 0', idx.index_name, idx.n);
    END LOOP;
END
$$;

SELECT keepwarm_hide_personal_statistics();
