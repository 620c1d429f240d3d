-- The note of an interaction with several contacts is personal data of every participant (docs/adr/0017).
-- It is sealed with a key of the interaction's own, not with one participant's contact key, and forgetting any
-- participant destroys that key: the note becomes unreadable in every participant's events at once.
--
-- A key row is never deleted: a destroyed key stays as a tombstone (key NULL) so the interaction is still known to
-- be shared, and a note written later (a correction by a remaining participant) gets a fresh key of its own, which
-- forgetting another participant destroys in turn. At most one live key per interaction.
CREATE TABLE shared_note_key (
    key_id         UUID        NOT NULL PRIMARY KEY,
    owner_id       UUID        NOT NULL,
    interaction_id UUID        NOT NULL,
    key            BYTEA,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    destroyed_at   TIMESTAMPTZ,
    CHECK ((key IS NULL) = (destroyed_at IS NOT NULL))
);
CREATE UNIQUE INDEX shared_note_key_live ON shared_note_key (owner_id, interaction_id) WHERE key IS NOT NULL;
CREATE INDEX shared_note_key_by_interaction ON shared_note_key (owner_id, interaction_id);

-- Which participants each interaction has, from the contact's side: forgetting a contact finds its interactions.
CREATE INDEX interaction_registry_by_contact ON interaction_registry (owner_id, contact_id);

-- A history entry's part already blanked (a forgotten placeholder) stays as it is, so blanking a forgotten
-- contact's own entries keeps the mark that a shared note was removed with a participant.
CREATE OR REPLACE FUNCTION keepwarm_forget_path(data JSONB, path TEXT[]) RETURNS JSONB
    LANGUAGE SQL IMMUTABLE AS $$
    SELECT CASE WHEN data #> path IS NULL OR jsonb_typeof(data #> path) = 'null'
                     OR (jsonb_typeof(data #> path) = 'object' AND (data #> path) ? 'forgotten') THEN data
                ELSE jsonb_set(data, path, '{"forgotten": true}'::jsonb, false) END
$$;

-- The notes and reason of one history entry of a shared interaction, marked removed because a participant was
-- forgotten: {"forgotten": true, "because": "participant-forgotten"}, exactly as a rebuild renders a note whose
-- shared key is gone. A correction's "changes" gets the mark when either side had a note.
CREATE FUNCTION keepwarm_remove_shared_note(data JSONB) RETURNS JSONB
    LANGUAGE SQL IMMUTABLE AS $$
    WITH marker (m) AS (SELECT '{"forgotten": true, "because": "participant-forgotten"}'::jsonb),
         steps (d) AS (
             SELECT CASE WHEN jsonb_typeof(data #> ARRAY['interaction', 'note']) = 'object'
                         THEN jsonb_set(data, ARRAY['interaction', 'note'], m, false) ELSE data END
             FROM marker),
         corrected (d) AS (
             SELECT CASE WHEN jsonb_typeof(d #> ARRAY['before', 'note']) = 'object'
                              OR jsonb_typeof(d #> ARRAY['after', 'note']) = 'object'
                         THEN jsonb_set(jsonb_set(
                                  CASE WHEN jsonb_typeof(d #> ARRAY['before', 'note']) = 'object'
                                       THEN jsonb_set(d, ARRAY['before', 'note'], m, false) ELSE d END,
                                  ARRAY['after', 'note'],
                                  CASE WHEN jsonb_typeof(d #> ARRAY['after', 'note']) = 'object' THEN m
                                       ELSE coalesce(d #> ARRAY['after', 'note'], 'null'::jsonb) END, true),
                              ARRAY['changes', 'note'], m, true)
                         ELSE d END
             FROM steps, marker)
    SELECT CASE WHEN jsonb_typeof(d -> 'reason') = 'object' THEN jsonb_set(d, ARRAY['reason'], m, false) ELSE d END
    FROM corrected, marker
$$;
