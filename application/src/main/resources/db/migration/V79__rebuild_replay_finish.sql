-- What a rebuild leaves until its replay of the history is finished (docs/adr/0028-rebuild-defers-until-replayed.md).
--
-- projection_rebuild.deferred_indexes: the definitions (pg_get_indexdef) of the non-unique indexes the new version's
-- tables were created without; they are created once the replay is finished, on the tables as the replay left them,
-- instead of being kept up to date row by row while it runs.
-- projection_rebuild.replay_finished_at: when that finishing step ran (one transaction, on one node): the deferred
-- indexes created and, for going-cold, every contact's last interaction, asks, gives and version computed from its
-- interaction rows. The switch waits for it. Rebuilds that ended before this migration count as finished.
ALTER TABLE projection_rebuild ADD COLUMN deferred_indexes TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE projection_rebuild ADD COLUMN replay_finished_at TIMESTAMPTZ;
UPDATE projection_rebuild SET replay_finished_at = coalesce(finished_at, started_at) WHERE state <> 'RUNNING';

-- going_cold_interaction.version: the sequence number of the last event of the contact that wrote the row (the
-- InteractionLogged that inserted it, a later correction or retraction), so that the finishing step can give each
-- going_cold row the version the advance would have (the highest sequence number applied) without the rebuild's
-- batches updating every contact row for every interaction. Rows written before this migration have 0: only a new
-- version's own rows are read by the finishing step. Every version's table gets the column (the serving one and a
-- running rebuild's target); later versions copy it (LIKE ... INCLUDING ALL); the view is created again to show it.
DO $$
DECLARE
    t RECORD;
    active INTEGER;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables
             WHERE schemaname = current_schema() AND tablename ~ '^going_cold_interaction_v[0-9]+$' LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN version BIGINT NOT NULL DEFAULT 0', t.tablename);
    END LOOP;
    SELECT active_version INTO active FROM projection_version WHERE projection = 'going-cold';
    EXECUTE format('CREATE OR REPLACE VIEW going_cold_interaction AS SELECT * FROM %I',
                   'going_cold_interaction_v' || coalesce(active, 1));
END
$$;
