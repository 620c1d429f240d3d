-- History positions taken at commit, not at the append (docs/adr/0026; SPEC §3: "position (monotonic per owner)").
--
-- V22 took an owner's next position in the insert trigger, so the owner's counter row stayed locked from the
-- append of a write's events to its commit: one owner's writes ran one after another through everything the
-- transaction did after the append (the inline read models' statements, ADR 0019) and each waited for the previous
-- one's WAL flush. Now the insert leaves owner_position NULL and a deferred constraint trigger numbers the
-- transaction's events when it commits (deferred triggers run inside COMMIT, after the last statement the
-- application sent): the counter row is locked only for that one statement and the commit's WAL flush. Positions stay
-- what V22 made them: 1, 2, 3, … per owner in the order the owner's transactions commit (a transaction that numbers
-- holds the row until its commit is visible, so a later number is never visible before an earlier one), dense,
-- stored with the event, so every rebuild of the history numbers its entries exactly as before.
--
-- The live history entry of an event is written in the same transaction before its position exists (ADR 0019): it
-- is inserted with a placeholder, minus the event's global index (unique, never a real position), and the same
-- statement that numbers the events gives each of their entries its position, through the history_entry view, which
-- is the version written inline (a switch replaces the view only under the exclusive hand-over lock, which a
-- writer's transaction holds shared until its commit, V50). A reader never sees a placeholder: it is replaced before
-- the transaction that wrote it commits. A rebuild only reads committed events, which are numbered.

-- A position once taken never changes; on insert it is left for the commit.
CREATE OR REPLACE FUNCTION domain_event_entry_owner() RETURNS TRIGGER
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.owner_id := event_owner_id(NEW.meta_data);
    IF TG_OP = 'UPDATE' THEN
        NEW.owner_position := coalesce(OLD.owner_position, NEW.owner_position);
    ELSE
        NEW.owner_position := NULL;
    END IF;
    RETURN NEW;
END
$$;

-- The events still to be numbered: only those of open transactions, so this index stays tiny.
CREATE INDEX domain_event_entry_unnumbered ON domain_event_entry (global_index)
    WHERE owner_position IS NULL AND owner_id IS NOT NULL;

-- Numbers every event of this transaction that has no position yet, set-based, on the first of its events' deferred
-- calls; the others return at once (keepwarm.numbered_through, local to the transaction: global indexes grow within
-- a session). Events visible here without a position are this transaction's own: other transactions' uncommitted rows
-- are invisible and committed ones are numbered. Counter rows are locked in owner order (no deadlock between two
-- transactions that append for the same owners).
CREATE FUNCTION keepwarm_number_owner_events() RETURNS TRIGGER
    LANGUAGE plpgsql AS
$$
DECLARE
    through TEXT;
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
        RETURNING e.global_index, e.event_identifier, e.owner_position),
    entries AS (
        UPDATE history_entry h SET position = numbered.owner_position
        FROM numbered
        WHERE h.event_id = numbered.event_identifier
        RETURNING 1)
    SELECT set_config('keepwarm.numbered_through', coalesce(max(global_index), NEW.global_index)::text, true)
    INTO through FROM numbered;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER domain_event_entry_numbered
    AFTER INSERT ON domain_event_entry DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.owner_id IS NOT NULL)
    EXECUTE FUNCTION keepwarm_number_owner_events();
