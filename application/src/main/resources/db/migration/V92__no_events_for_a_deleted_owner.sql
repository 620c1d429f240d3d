-- A deleted user's network stays forgotten (SPEC §6, ADR 0024): no event of theirs commits after the deletion,
-- but the deletion's own ContactForgotten.
--
-- UserDeletion marks the user deleted, then forgets every contact it finds in contact_view. A write of that user
-- still in flight (a request authenticated in the second a node believes a verified token, ADR 0027, or an import
-- job's next chunk) could commit after the forgetting had looked, leaving a contact nobody forgets. Now the two are
-- ordered by the owner's counter row in owner_event_position, which the numbering at commit (V73) locks for every
-- transaction that appends events of that owner, and which Accounts.markDeleted locks before it marks the user:
--  - a write that numbered first holds the row until it commits; the deletion waits, and its forgetting then sees
--    the write's contacts (the inline read models commit with the events, ADR 0019);
--  - a write that numbers after waits for the deletion's commit, then finds the owner deleted and fails: nothing of
--    it is appended (each statement of this function sees what committed before it started).
-- The deletion's own forgetting appends ContactForgotten events for the deleted owner: those, and only those, pass.
CREATE OR REPLACE FUNCTION keepwarm_number_owner_events() RETURNS TRIGGER
    LANGUAGE plpgsql AS
$$
DECLARE
    through TEXT;
    owners UUID[];
BEGIN
    IF NEW.global_index <= coalesce(nullif(current_setting('keepwarm.numbered_through', true), '')::bigint, 0) THEN
        RETURN NULL;
    END IF;
    WITH pending AS (
        SELECT global_index, owner_id,
               row_number() OVER (PARTITION BY owner_id ORDER BY global_index) AS n,
               count(*) OVER (PARTITION BY owner_id) AS c
        FROM domain_event_entry
        WHERE owner_position IS NULL AND owner_id IS NOT NULL),
    advanced AS (
        INSERT INTO owner_event_position AS o (owner_id, last_position)
        SELECT DISTINCT owner_id, c FROM pending ORDER BY owner_id
        ON CONFLICT (owner_id) DO UPDATE SET last_position = o.last_position + excluded.last_position
        RETURNING owner_id, last_position),
    numbered AS (
        UPDATE domain_event_entry e SET owner_position = a.last_position - pending.c + pending.n
        FROM pending JOIN advanced a USING (owner_id)
        WHERE e.global_index = pending.global_index
        RETURNING e.global_index, e.event_identifier, e.owner_position, e.owner_id, e.payload_type),
    entries AS (
        UPDATE history_entry h SET position = numbered.owner_position
        FROM numbered
        WHERE h.event_id = numbered.event_identifier
        RETURNING 1)
    SELECT set_config('keepwarm.numbered_through', coalesce(max(global_index), NEW.global_index)::text, true),
           array_agg(DISTINCT owner_id) FILTER (
               WHERE payload_type <> 'io.keepwarm.domain.contact.api.ContactForgotten')
    INTO through, owners FROM numbered;
    -- a new statement, so a new snapshot: it sees a deletion that committed while the statement above waited for
    -- the owner's counter row
    IF owners IS NOT NULL AND EXISTS (
            SELECT 1 FROM app_user WHERE user_id = ANY (owners) AND deleted_at IS NOT NULL) THEN
        RAISE EXCEPTION 'the owner of these events was deleted; nothing is appended'
            USING ERRCODE = 'KW410', HINT = 'a deleted user''s network stays forgotten (SPEC §6)';
    END IF;
    RETURN NULL;
END
$$;
