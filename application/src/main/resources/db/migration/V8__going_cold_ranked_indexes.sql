-- The going-cold view ranks within a cadence in the database (docs/adr/0008-going-cold-ranked-by-index.md).
--
-- For one cadence the ratio falls as the reference instant rises, and the reference is the last interaction, or
-- for a contact never contacted the instant its cadence was set less one cadence. So each cadence's listed rows
-- come in the view's order from one of two indexes: contacted rows by last interaction, never contacted ones by
-- the instant the cadence was set; ties by display name in code point order (COLLATE "C"), then contact id.
-- They replace the owner-only index, which has the same leading column and predicate.
--
-- Every version's table gets them (the serving one, and a running rebuild's target, which was created LIKE it
-- before this migration); later versions copy them (LIKE ... INCLUDING ALL). No column changes, so the views
-- stay as they are.
DO $$
DECLARE
    t RECORD;
    old_index RECORD;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables
             WHERE schemaname = current_schema() AND tablename ~ '^going_cold_v[0-9]+$' LOOP
        FOR old_index IN SELECT indexname FROM pg_indexes
                         WHERE schemaname = current_schema() AND tablename = t.tablename
                           AND indexdef LIKE '%(owner_id) WHERE%' LOOP
            EXECUTE format('DROP INDEX %I', old_index.indexname);
        END LOOP;
        EXECUTE format('CREATE INDEX %I ON %I (owner_id, cadence_days, last_interaction_at, display_name COLLATE "C", '
                       'contact_id) WHERE cadence_days IS NOT NULL AND NOT archived AND NOT forgotten '
                       'AND last_interaction_at IS NOT NULL', t.tablename || '_contacted', t.tablename);
        EXECUTE format('CREATE INDEX %I ON %I (owner_id, cadence_days, cadence_set_at, display_name COLLATE "C", '
                       'contact_id) WHERE cadence_days IS NOT NULL AND NOT archived AND NOT forgotten '
                       'AND last_interaction_at IS NULL', t.tablename || '_never_contacted', t.tablename);
    END LOOP;
END
$$;
