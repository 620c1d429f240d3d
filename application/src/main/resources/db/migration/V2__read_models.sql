-- Read models. Every row carries owner_id, and owner_id leads every primary key and index, so each query's
-- owner predicate is served by an index rather than filtered afterwards.

-- Which contacts an interaction involves, so a correction or retraction reaches all of them.
-- Maintained by a subscribing processor in the same transaction as the command.
CREATE TABLE interaction_registry (
    owner_id       UUID NOT NULL,
    interaction_id UUID NOT NULL,
    contact_id     UUID NOT NULL,
    PRIMARY KEY (owner_id, interaction_id, contact_id)
);

-- The contact list: details, lifecycle and version (the aggregate's sequence number).
CREATE TABLE contact_view (
    owner_id      UUID         NOT NULL,
    contact_id    UUID         NOT NULL,
    display_name  VARCHAR(800) NOT NULL,
    how_we_met    TEXT,
    organization  VARCHAR(800),
    role          VARCHAR(800),
    city          VARCHAR(400),
    country_code  VARCHAR(2),
    time_zone     VARCHAR(64),
    tags          TEXT[]       NOT NULL DEFAULT '{}',
    channels      JSONB        NOT NULL DEFAULT '{}',
    archived      BOOLEAN      NOT NULL DEFAULT FALSE,
    added_at      TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    version       BIGINT       NOT NULL,
    PRIMARY KEY (owner_id, contact_id)
);
CREATE INDEX contact_view_by_name ON contact_view (owner_id, lower(display_name), contact_id);
CREATE INDEX contact_view_by_tag ON contact_view USING GIN (tags);

-- The going-cold inputs of each contact; status, ratio and warmth are computed at query time by GoingColdRules.
CREATE TABLE going_cold (
    owner_id            UUID         NOT NULL,
    contact_id          UUID         NOT NULL,
    display_name        VARCHAR(800) NOT NULL,
    city                VARCHAR(400),
    time_zone           VARCHAR(64),
    tags                TEXT[]       NOT NULL DEFAULT '{}',
    cadence_days        INTEGER,
    cadence_set_at      TIMESTAMPTZ,
    last_interaction_at TIMESTAMPTZ,
    asks                INTEGER      NOT NULL DEFAULT 0,
    gives               INTEGER      NOT NULL DEFAULT 0,
    snoozed_until       TIMESTAMPTZ,
    archived            BOOLEAN      NOT NULL DEFAULT FALSE,
    version             BIGINT       NOT NULL,
    PRIMARY KEY (owner_id, contact_id)
);
CREATE INDEX going_cold_tracked ON going_cold (owner_id) WHERE cadence_days IS NOT NULL AND NOT archived;

-- Every interaction of every contact, so the last contact can move back when the latest is retracted.
CREATE TABLE going_cold_interaction (
    owner_id       UUID        NOT NULL,
    contact_id     UUID        NOT NULL,
    interaction_id UUID        NOT NULL,
    occurred_at    TIMESTAMPTZ NOT NULL,
    favor          VARCHAR(8)  NOT NULL,
    retracted      BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (owner_id, contact_id, interaction_id)
);

-- The relationship-history audit trail: one entry per event, keyed by the event's global position.
CREATE TABLE history_entry (
    owner_id       UUID         NOT NULL,
    position       BIGINT       NOT NULL,
    sequence_number BIGINT      NOT NULL,
    event_id       VARCHAR(255) NOT NULL,
    type           VARCHAR(64)  NOT NULL,
    contact_id     UUID         NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    occurred_at    TIMESTAMPTZ,
    actor_id       VARCHAR(64),
    correlation_id VARCHAR(255),
    summary        TEXT         NOT NULL,
    data           JSONB        NOT NULL,
    PRIMARY KEY (owner_id, position),
    UNIQUE (event_id)
);
CREATE INDEX history_entry_by_contact ON history_entry (owner_id, contact_id, position);
CREATE INDEX history_entry_by_sequence ON history_entry (owner_id, contact_id, sequence_number);
