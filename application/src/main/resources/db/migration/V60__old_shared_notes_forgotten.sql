-- Shared notes written before V20 (docs/adr/0023): the note of an interaction with several contacts was sealed
-- with each participant's own contact key, one copy in each participant's event. Forgetting one participant
-- destroys only that participant's key, so the others' copies stayed readable (GET /api/interactions/{id}).
--
-- On a forget, ContactKeys.removeContactSealedSharedNotes replaces such copies, in the events of every participant
-- of the forgotten contact's shared interactions, by the placeholder a destroyed shared key reads as:
-- {"forgotten": true, "because": "participant-forgotten"}. Only a note part sealed with a contact key
-- ({"key": …, "sealed": …}: interaction.note, before.note, after.note, reason) is replaced; a note sealed with a
-- shared key (V20 on, destroyed with it), a placeholder or a missing note stays as it is, and so does the rest of
-- the event.

-- A value sealed with a contact key.
CREATE FUNCTION keepwarm_is_contact_sealed(value JSONB) RETURNS BOOLEAN
    LANGUAGE SQL IMMUTABLE AS $$
    SELECT coalesce(jsonb_typeof(value) = 'object' AND value ? 'key' AND value ? 'sealed', false)
$$;

CREATE FUNCTION keepwarm_remove_contact_sealed_note(payload JSONB, path TEXT[]) RETURNS JSONB
    LANGUAGE SQL IMMUTABLE AS $$
    SELECT CASE WHEN keepwarm_is_contact_sealed(payload #> path)
                THEN jsonb_set(payload, path, '{"forgotten": true, "because": "participant-forgotten"}'::jsonb, false)
                ELSE payload END
$$;

-- Every note part of an interaction event (logged, corrected, retracted) that is sealed with a contact key.
CREATE FUNCTION keepwarm_remove_contact_sealed_notes(payload JSONB) RETURNS JSONB
    LANGUAGE SQL IMMUTABLE AS $$
    SELECT keepwarm_remove_contact_sealed_note(keepwarm_remove_contact_sealed_note(keepwarm_remove_contact_sealed_note(
               keepwarm_remove_contact_sealed_note(payload, ARRAY['interaction', 'note']),
               ARRAY['before', 'note']), ARRAY['after', 'note']), ARRAY['reason'])
$$;

-- Whether an interaction event holds a note part sealed with a contact key (the rows the forget rewrites).
CREATE FUNCTION keepwarm_has_contact_sealed_note(payload JSONB) RETURNS BOOLEAN
    LANGUAGE SQL IMMUTABLE AS $$
    SELECT keepwarm_is_contact_sealed(payload #> ARRAY['interaction', 'note'])
        OR keepwarm_is_contact_sealed(payload #> ARRAY['before', 'note'])
        OR keepwarm_is_contact_sealed(payload #> ARRAY['after', 'note'])
        OR keepwarm_is_contact_sealed(payload #> ARRAY['reason'])
$$;
