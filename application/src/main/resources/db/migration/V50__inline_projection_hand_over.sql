-- Live read models are written in the command's own transaction (docs/adr/0019-live-read-models-inline.md).
--
-- Every transaction that writes a projection's live or rebuilding version first calls this function: it takes the
-- hand-over lock in shared mode (held until the transaction ends) and only then reads, with a fresh snapshot,
-- which version of each projection is active and which one a running rebuild builds. A rebuild's switch takes the
-- same lock in exclusive mode, so it waits for the transactions writing the old version to commit, no new one
-- starts until it has committed, and those that waited read the new version. An advisory lock rather than
-- SELECT ... FOR SHARE on projection_version: PostgreSQL's heavyweight locks queue a new shared request behind a
-- waiting exclusive one, while share row locks let a stream of writers starve the switch for ever.
--
-- plpgsql and VOLATILE, so that the SELECT below takes its snapshot after the lock is granted: in one plain SQL
-- statement the snapshot would predate the wait, and a writer that waited for a switch would still read the old
-- version.
CREATE FUNCTION keepwarm_projection_versions()
    RETURNS TABLE (projection VARCHAR(64), active_version INTEGER, rebuilding_version INTEGER)
    LANGUAGE plpgsql VOLATILE AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(20190016);
    RETURN QUERY
        SELECT v.projection, v.active_version, r.to_version
        FROM projection_version v
        LEFT JOIN projection_rebuild r ON r.projection = v.projection AND r.state = 'RUNNING';
END
$$;

-- Whether the active version is written inline yet. A database that ran asynchronous live processors before this
-- version may hold events those had not applied; the first node to start hands each projection over once, under
-- the exclusive lock: it applies what the processor's tokens do not cover, drops the tokens and sets this.
ALTER TABLE projection_version ADD COLUMN written_inline BOOLEAN NOT NULL DEFAULT FALSE;
