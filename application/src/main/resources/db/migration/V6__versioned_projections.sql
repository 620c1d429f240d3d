-- Blue/green projection rebuilds (docs/adr/0006-blue-green-projection-rebuilds.md).
--
-- Each version of a projection owns physical tables named <table>_v<N>. The plain name (going_cold,
-- contact_view, ...) is a view on the active version's table, so queries and read-your-writes always read the
-- active version, and a rebuild switches reads by replacing the views and the projection_version row in one
-- transaction. Projection handlers write to their own version's tables, never to the views.

ALTER TABLE going_cold RENAME TO going_cold_v1;
ALTER TABLE going_cold_interaction RENAME TO going_cold_interaction_v1;
ALTER TABLE contact_view RENAME TO contact_view_v1;
ALTER TABLE history_entry RENAME TO history_entry_v1;

CREATE VIEW going_cold AS SELECT * FROM going_cold_v1;
CREATE VIEW going_cold_interaction AS SELECT * FROM going_cold_interaction_v1;
CREATE VIEW contact_view AS SELECT * FROM contact_view_v1;
CREATE VIEW history_entry AS SELECT * FROM history_entry_v1;

-- The version of each projection that serves reads. Version 1's processor keeps the plain processing-group
-- name (its tokens predate versioning); version N > 1 runs as "<name>@v<N>".
CREATE TABLE projection_version (
    projection     VARCHAR(64) NOT NULL PRIMARY KEY,
    active_version INTEGER     NOT NULL,
    activated_at   TIMESTAMPTZ NOT NULL
);
INSERT INTO projection_version (projection, active_version, activated_at) VALUES
    ('going-cold', 1, now()),
    ('contacts', 1, now()),
    ('relationship-history', 1, now());

-- Every rebuild, running or finished, with who started or cancelled it. At most one runs per projection:
-- the partial unique index is what makes a second start fail on any node.
CREATE TABLE projection_rebuild (
    rebuild_id      UUID        NOT NULL PRIMARY KEY,
    projection      VARCHAR(64) NOT NULL REFERENCES projection_version (projection),
    from_version    INTEGER     NOT NULL,
    to_version      INTEGER     NOT NULL,
    state           VARCHAR(16) NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED', 'CANCELLED')),
    started_by      UUID        NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    cancelled_by    UUID,
    retired_version INTEGER,
    cleaned_at      TIMESTAMPTZ,
    UNIQUE (projection, to_version)
);
CREATE UNIQUE INDEX projection_rebuild_one_running ON projection_rebuild (projection) WHERE state = 'RUNNING';
CREATE INDEX projection_rebuild_by_projection ON projection_rebuild (projection, started_at);

-- The application nodes working on this database: a heartbeat, and the processors failing on each node, so
-- every node can tell how many peers share the segments and report errors it does not see itself.
CREATE TABLE projection_node (
    node_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    started_at TIMESTAMPTZ  NOT NULL,
    last_seen  TIMESTAMPTZ  NOT NULL,
    failing    TEXT[]       NOT NULL DEFAULT '{}'
);
