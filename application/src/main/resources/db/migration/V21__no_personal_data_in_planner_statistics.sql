-- Planner statistics must not keep what forgetting erased (docs/adr/0017, docs/privacy.md).
--
-- ANALYZE (autovacuum runs it on its own) copies sample values of every column into pg_statistic: most common
-- values and histogram bounds, readable through pg_stats. A forgotten contact's name would stay there until the
-- next ANALYZE happened to sample other rows, and a destroyed key in contact_key's statistics would undo the
-- crypto-shredding. So the columns that hold personal data in clear (and the keys) get statistics target 0, which
-- ANALYZE skips, and statistics already gathered for them are dropped.
--
-- keepwarm_hide_personal_statistics() does this for every version of every projection table; a rebuild calls it
-- for the tables it creates (ProjectionRebuilds), so a new version never starts collecting them again. Queries on
-- these columns (name search, city filter) are planned with default selectivities instead; the orders and ranges
-- the read models serve do not depend on them.
-- ALTER COLUMN … TYPE to the type the column has, with the views that read the table dropped and recreated around
-- it (PostgreSQL refuses to change a column a view uses): drops the column's statistics as a table owner may.
CREATE FUNCTION keepwarm_retype_column(relation OID, relname TEXT, attname TEXT, type TEXT) RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    v RECORD;
    views TEXT[][] := ARRAY[]::TEXT[][];
    i INT;
BEGIN
    FOR v IN SELECT DISTINCT c.relname AS name, pg_get_viewdef(c.oid) AS definition
             FROM pg_depend d
             JOIN pg_rewrite r ON r.oid = d.objid
             JOIN pg_class c ON c.oid = r.ev_class
             WHERE d.refobjid = relation AND c.oid <> relation AND c.relkind = 'v' LOOP
        views := views || ARRAY[ARRAY[v.name, v.definition]];
        EXECUTE format('DROP VIEW %I', v.name);
    END LOOP;
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE %s', relname, attname, type);
    IF array_length(views, 1) IS NOT NULL THEN
        FOR i IN 1 .. array_length(views, 1) LOOP
            EXECUTE format('CREATE VIEW %I AS %s', views[i][1], views[i][2]);
        END LOOP;
    END IF;
END
$$;

CREATE FUNCTION keepwarm_hide_personal_statistics() RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    personal CONSTANT TEXT[][] := ARRAY[
        ARRAY['^going_cold_v[0-9]+$', 'display_name'],
        ARRAY['^going_cold_v[0-9]+$', 'city'],
        ARRAY['^contact_view_v[0-9]+$', 'display_name'],
        ARRAY['^contact_view_v[0-9]+$', 'how_we_met'],
        ARRAY['^contact_view_v[0-9]+$', 'organization'],
        ARRAY['^contact_view_v[0-9]+$', 'role'],
        ARRAY['^contact_view_v[0-9]+$', 'city'],
        ARRAY['^contact_view_v[0-9]+$', 'channels'],
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
