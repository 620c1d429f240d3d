-- When a relationship began (SPEC §4: a contact's knownSince; LinkedIn's "Connected On", or given), kept by the
-- going-cold and contacts read models so that GET /api/going-cold?at= before it leaves the contact out and the
-- contact API shows it (docs/adr/0012-imports-and-occurred-times.md).
--
-- Every version's table gets the column (the serving one and a running rebuild's target); later versions copy it
-- (LIKE ... INCLUDING ALL). Contacts added before this migration were known from when they were added: the
-- contacts table has that instant, and ContactAdded events of revision 1 are upcast the same way. The plain-named
-- views select * from the active version's table; a view's columns are fixed when it is created, so they are
-- created again to show the new column.
--
-- going_cold.cadence_set_at keeps its name and now holds the instant the cadence takes effect for a contact never
-- contacted (SPEC §2's firstDueAt: the explicit one, else effectiveFrom); for every cadence set before this
-- migration that is the instant it was set, so no row changes.
DO $$
DECLARE
    t RECORD;
    active INTEGER;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables
             WHERE schemaname = current_schema() AND tablename ~ '^(contact_view|going_cold)_v[0-9]+$' LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN known_since TIMESTAMPTZ', t.tablename);
    END LOOP;
    FOR t IN SELECT tablename FROM pg_tables
             WHERE schemaname = current_schema() AND tablename ~ '^contact_view_v[0-9]+$' LOOP
        EXECUTE format('UPDATE %I SET known_since = added_at', t.tablename);
    END LOOP;
    FOR t IN SELECT tablename FROM pg_tables
             WHERE schemaname = current_schema() AND tablename ~ '^going_cold_v[0-9]+$' LOOP
        EXECUTE format('UPDATE %I g SET known_since = c.added_at FROM contact_view c '
                       'WHERE c.owner_id = g.owner_id AND c.contact_id = g.contact_id', t.tablename);
    END LOOP;
    SELECT active_version INTO active FROM projection_version WHERE projection = 'contacts';
    EXECUTE format('CREATE OR REPLACE VIEW contact_view AS SELECT * FROM %I', 'contact_view_v' || active);
    SELECT active_version INTO active FROM projection_version WHERE projection = 'going-cold';
    EXECUTE format('CREATE OR REPLACE VIEW going_cold AS SELECT * FROM %I', 'going_cold_v' || active);
END
$$;
