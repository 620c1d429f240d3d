-- Crypto-shredding (SPEC §6): every contact's personal fields are encrypted in the event store with the
-- contact's own key. Forgetting the contact sets the key to NULL (the row stays as a tombstone, so a key can
-- never be created again for that contact) in the same transaction that appends ContactForgotten.
CREATE TABLE contact_key (
    contact_id   UUID        NOT NULL PRIMARY KEY,
    key          BYTEA,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    destroyed_at TIMESTAMPTZ,
    CHECK ((key IS NULL) = (destroyed_at IS NOT NULL))
);

-- Read models keep a forgotten contact as a blanked tombstone row (so versions, idempotency and
-- read-your-writes keep working) and leave it out of every answer.
ALTER TABLE contact_view ADD COLUMN forgotten BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE going_cold ADD COLUMN forgotten BOOLEAN NOT NULL DEFAULT FALSE;
DROP INDEX going_cold_tracked;
CREATE INDEX going_cold_tracked ON going_cold (owner_id) WHERE cadence_days IS NOT NULL AND NOT archived AND NOT forgotten;

-- Blanks one personal part of a history entry's data, keeping the shape: the value becomes {"forgotten": true}.
-- A part that was absent or null stays as it was, exactly as a rebuild of the history after the forget renders it.
CREATE FUNCTION keepwarm_forget_path(data JSONB, path TEXT[]) RETURNS JSONB
    LANGUAGE SQL IMMUTABLE AS $$
    SELECT CASE WHEN data #> path IS NULL OR jsonb_typeof(data #> path) = 'null' THEN data
                ELSE jsonb_set(data, path, '{"forgotten": true}'::jsonb, false) END
$$;
