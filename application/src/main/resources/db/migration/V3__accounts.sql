-- Accounts and API tokens. Not event-sourced: they describe who may use keepwarm, not anyone's network
-- (see docs/adr/0005-accounts-in-plain-tables.md). Tokens are stored only as SHA-256 hashes.

CREATE TABLE app_user (
    user_id    UUID         NOT NULL PRIMARY KEY,
    username   VARCHAR(64)  NOT NULL,
    role       VARCHAR(16)  NOT NULL CHECK (role IN ('USER', 'ADMIN')),
    disabled   BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ  NOT NULL,
    created_by UUID
);
CREATE UNIQUE INDEX app_user_username ON app_user (lower(username));

CREATE TABLE api_token (
    token_id     UUID         NOT NULL PRIMARY KEY,
    user_id      UUID         NOT NULL REFERENCES app_user (user_id),
    name         VARCHAR(100) NOT NULL,
    token_hash   BYTEA        NOT NULL UNIQUE,
    hint         VARCHAR(16)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_token_by_user ON api_token (user_id, created_at);
