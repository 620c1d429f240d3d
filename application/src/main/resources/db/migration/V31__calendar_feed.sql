-- The calendar feed (SPEC §9): at most one secret feed URL per account. The secret is the credential of
-- GET /calendar/{secret}.ics, so only its SHA-256 hash is stored (like API tokens, docs/adr/0005). Creating a feed
-- again replaces the hash (rotation: the old URL stops working); revoking deletes the row.
CREATE TABLE calendar_feed (
    user_id     UUID        NOT NULL PRIMARY KEY REFERENCES app_user (user_id),
    secret_hash BYTEA       NOT NULL UNIQUE,
    hint        VARCHAR(16) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
