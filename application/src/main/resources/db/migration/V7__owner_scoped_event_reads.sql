-- Owner-scoped reads of the event store (docs/adr/0004-owner-scoped-event-reads.md).
--
-- The replayed reports (SPEC §4) read one owner's events straight from domain_event_entry. Axon's table knows
-- aggregates, not owners: the owner lives in each event's JSON metadata ({"ownerId": "...", ...}). A trigger
-- copies it into a plain uuid column when a row is inserted, and an index on (owner_id, global_index) hands a
-- report exactly that owner's rows in append order.
--
-- Axon's INSERT names its nine columns and its SELECTs name theirs, so Axon neither writes nor reads this column.

ALTER TABLE domain_event_entry ADD COLUMN owner_id UUID;

-- The ownerId of an event's metadata, or NULL when there is none or it is not a UUID.
CREATE FUNCTION event_owner_id(meta_data BYTEA) RETURNS UUID
    LANGUAGE sql STABLE PARALLEL SAFE AS
$$
SELECT CASE
           WHEN owner ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN owner::uuid
       END
FROM (SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'ownerId' AS owner) AS m
$$;

-- The metadata is the only source of owner_id: a value supplied with the row is overwritten.
CREATE FUNCTION domain_event_entry_owner() RETURNS TRIGGER
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.owner_id := event_owner_id(NEW.meta_data);
    RETURN NEW;
END
$$;

CREATE TRIGGER domain_event_entry_owner
    BEFORE INSERT OR UPDATE OF meta_data, owner_id ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_owner();

-- Events appended before this migration.
UPDATE domain_event_entry SET owner_id = event_owner_id(meta_data) WHERE owner_id IS NULL;

CREATE INDEX domain_event_entry_by_owner ON domain_event_entry (owner_id, global_index);
