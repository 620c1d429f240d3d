-- History positions count per owner (SPEC §3: "position (monotonic per owner)"), docs/adr/0017.
--
-- A history entry's position was the event's global index, which told every owner how much all the others write
-- (a new user's first entry was position 7). Each event now gets a position of its owner's own when it is
-- appended: 1 for an owner's first event, then 2, 3, … in the order the owner's transactions commit. It is kept
-- beside the event (like owner_id, V7), so every rebuild of the history numbers the entries exactly as before.
--
-- The counter row of an owner is locked from the append of a write's events to its commit, so one owner's writes
-- commit their events one after another (other owners are not held up). Axon appends a unit of work's events at
-- its end, after every aggregate it loads is locked, so this lock never waits inside a write that holds it.

CREATE TABLE owner_event_position (
    owner_id      UUID   NOT NULL PRIMARY KEY,
    last_position BIGINT NOT NULL
);

ALTER TABLE domain_event_entry ADD COLUMN owner_position BIGINT;

-- Events appended before this migration: numbered per owner in the order they were appended.
UPDATE domain_event_entry e SET owner_position = numbered.position
FROM (SELECT global_index, row_number() OVER (PARTITION BY owner_id ORDER BY global_index) AS position
      FROM domain_event_entry WHERE owner_id IS NOT NULL) AS numbered
WHERE e.global_index = numbered.global_index;

INSERT INTO owner_event_position (owner_id, last_position)
SELECT owner_id, max(owner_position) FROM domain_event_entry WHERE owner_id IS NOT NULL GROUP BY owner_id;

-- The metadata is still the only source of owner_id; the owner's next position is taken on insert and kept after.
CREATE OR REPLACE FUNCTION domain_event_entry_owner() RETURNS TRIGGER
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.owner_id := event_owner_id(NEW.meta_data);
    IF TG_OP = 'UPDATE' THEN
        NEW.owner_position := OLD.owner_position;
    ELSIF NEW.owner_id IS NULL THEN
        NEW.owner_position := NULL;
    ELSE
        INSERT INTO owner_event_position AS p (owner_id, last_position) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET last_position = p.last_position + 1
        RETURNING last_position INTO NEW.owner_position;
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER domain_event_entry_owner ON domain_event_entry;
CREATE TRIGGER domain_event_entry_owner
    BEFORE INSERT OR UPDATE OF meta_data, owner_id, owner_position ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_owner();

-- Every version of the history renumbered from the events (through negatives: old and new numbers overlap).
DO $$
DECLARE
    t RECORD;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables
             WHERE schemaname = current_schema() AND tablename ~ '^history_entry_v[0-9]+$' LOOP
        EXECUTE format('UPDATE %I SET position = -position', t.tablename);
        EXECUTE format('UPDATE %I h SET position = e.owner_position FROM domain_event_entry e '
                       'WHERE e.event_identifier = h.event_id', t.tablename);
    END LOOP;
END
$$;
