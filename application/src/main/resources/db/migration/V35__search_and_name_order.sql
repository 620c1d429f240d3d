-- Search and the order of names (docs/adr/0018-search-and-name-order.md).
--
-- contact_view gains, per row: sort_key, the display name's ICU root collation key computed in Java
-- (io.keepwarm.domain.contact.NameOrder), which PostgreSQL orders by unsigned bytes exactly as Java does;
-- search_name, the display name folded for matching (io.keepwarm.application.contact.SearchText: case, accents and
-- punctuation folded); and search_text, search_name and the other searchable fields (organization, role, city, tags,
-- handles) folded alike, one per line. going_cold gains sort_key for its ties. All three are derived from personal
-- fields, so forgetting blanks them with the rest; V36 fills them in for the rows already there.
--
-- Indexes: the list's keyset (owner_id, sort_key, contact_id) replaces (owner_id, lower(display_name), contact_id);
-- a GIN index of (owner_id, search_text trigrams) serves q= (btree_gin lets the owner be part of it, so a search
-- never reads other owners' trigram entries); the going-cold ranked indexes break ties by sort_key instead of
-- display_name COLLATE "C". Every version's table gets the columns and indexes, later versions copy them
-- (LIKE ... INCLUDING ALL), and the plain-named views are re-created on the active versions so they show them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

DO $$
DECLARE
    t RECORD;
    old_index RECORD;
    active INTEGER;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables
             WHERE schemaname = current_schema() AND tablename ~ '^contact_view_v[0-9]+$' LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN sort_key BYTEA NOT NULL DEFAULT ''\x''::bytea, '
                       'ADD COLUMN search_name TEXT NOT NULL DEFAULT '''', '
                       'ADD COLUMN search_text TEXT NOT NULL DEFAULT ''''', t.tablename);
        FOR old_index IN SELECT indexname FROM pg_indexes
                         WHERE schemaname = current_schema() AND tablename = t.tablename
                           AND indexdef LIKE '%lower((display_name)::text)%' LOOP
            EXECUTE format('DROP INDEX %I', old_index.indexname);
        END LOOP;
        EXECUTE format('CREATE INDEX %I ON %I (owner_id, sort_key, contact_id)',
                       t.tablename || '_by_sort_key', t.tablename);
        EXECUTE format('CREATE INDEX %I ON %I USING GIN (owner_id, search_text gin_trgm_ops)',
                       t.tablename || '_search', t.tablename);
    END LOOP;

    FOR t IN SELECT tablename FROM pg_tables
             WHERE schemaname = current_schema() AND tablename ~ '^going_cold_v[0-9]+$' LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN sort_key BYTEA NOT NULL DEFAULT ''\x''::bytea', t.tablename);
        FOR old_index IN SELECT indexname FROM pg_indexes
                         WHERE schemaname = current_schema() AND tablename = t.tablename
                           AND indexdef LIKE '%COLLATE "C"%' LOOP
            EXECUTE format('DROP INDEX %I', old_index.indexname);
        END LOOP;
        EXECUTE format('CREATE INDEX %I ON %I (owner_id, cadence_days, last_interaction_at, sort_key, contact_id) '
                       'WHERE cadence_days IS NOT NULL AND NOT archived AND NOT forgotten '
                       'AND last_interaction_at IS NOT NULL', t.tablename || '_contacted_by_key', t.tablename);
        EXECUTE format('CREATE INDEX %I ON %I (owner_id, cadence_days, cadence_set_at, sort_key, contact_id) '
                       'WHERE cadence_days IS NOT NULL AND NOT archived AND NOT forgotten '
                       'AND last_interaction_at IS NULL', t.tablename || '_never_contacted_by_key', t.tablename);
    END LOOP;

    SELECT active_version INTO active FROM projection_version WHERE projection = 'contacts';
    EXECUTE format('CREATE OR REPLACE VIEW contact_view AS SELECT * FROM %I', 'contact_view_v' || active);
    SELECT active_version INTO active FROM projection_version WHERE projection = 'going-cold';
    EXECUTE format('CREATE OR REPLACE VIEW going_cold AS SELECT * FROM %I', 'going_cold_v' || active);
END
$$;
