-- Imports (SPEC §8, docs/adr/0012-imports-and-occurred-times.md).
--
-- import_job: one committed import, run as a job by whichever node claims it (claimed_by, heartbeat_at); a job
-- whose node stopped beating is claimed again and resumes with the rows not yet in.
-- import_row: the job's plan and report, one row per line of the file. "action" is what committing the row sends
-- (JSON, personal data included) and is cleared as soon as the row is in, or the job ends: the plan is never kept
-- beyond its job. "done" is set in the transaction that appends the row's events, so after a crash the report says
-- exactly which rows are in.
-- import_source: the source ids imports have seen (a LinkedIn profile, a vCard UID) as SHA-256 digests, with the
-- contact each became, so the next import matches it first.
CREATE TABLE import_job (
    import_id      UUID         NOT NULL PRIMARY KEY,
    owner_id       UUID         NOT NULL,
    actor_id       UUID         NOT NULL,
    correlation_id VARCHAR(200) NOT NULL,
    format         VARCHAR(32)  NOT NULL,
    state          VARCHAR(16)  NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    total_rows     INTEGER      NOT NULL,
    work_rows      INTEGER      NOT NULL,
    done_rows      INTEGER      NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ  NOT NULL,
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ,
    claimed_by     VARCHAR(255),
    heartbeat_at   TIMESTAMPTZ,
    failure        TEXT
);
CREATE INDEX import_job_by_owner ON import_job (owner_id, created_at);
CREATE INDEX import_job_unfinished ON import_job (state) WHERE state IN ('QUEUED', 'RUNNING');

CREATE TABLE import_row (
    import_id  UUID        NOT NULL REFERENCES import_job (import_id) ON DELETE CASCADE,
    line       BIGINT      NOT NULL,
    outcome    VARCHAR(16) NOT NULL CHECK (outcome IN ('CREATE', 'UPDATE', 'UNCHANGED', 'ERROR')),
    contact_id UUID,
    reason     TEXT,
    changes    TEXT[]      NOT NULL DEFAULT '{}',
    action     JSONB,
    done       BOOLEAN     NOT NULL,
    PRIMARY KEY (import_id, line)
);
CREATE INDEX import_row_pending ON import_row (import_id, line) WHERE NOT done;

CREATE TABLE import_source (
    owner_id   UUID     NOT NULL,
    source_key CHAR(64) NOT NULL,
    contact_id UUID     NOT NULL,
    PRIMARY KEY (owner_id, source_key)
);
