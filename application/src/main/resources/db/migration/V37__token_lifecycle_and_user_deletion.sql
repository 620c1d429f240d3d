-- Tokens with a lifecycle and users that can be deleted (docs/search.md § Tokens and users, docs/accounts.md).
--
-- expires_at: optional, given when the token is created; from then on the token answers 401 "token-expired".
-- last_used_at: when the token was last seen, recorded at most once a minute per token (Accounts.authenticate
-- writes only when the stored value is a minute old), so a busy client costs no write per request.
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMPTZ, ADD COLUMN last_used_at TIMESTAMPTZ;

-- A deleted user stays as a tombstone row (ids in the event store's metadata and the audit trail still point at
-- it): disabled, its tokens revoked, its name released for reuse. Its network is forgotten (SPEC §6).
ALTER TABLE app_user ADD COLUMN deleted_at TIMESTAMPTZ, ADD COLUMN deleted_by UUID;

-- What admins did to accounts, oldest first: who, what, to whom, when, under which request.
CREATE TABLE admin_audit (
    entry_id       BIGSERIAL    NOT NULL PRIMARY KEY,
    actor_id       UUID         NOT NULL,
    action         VARCHAR(32)  NOT NULL,
    subject_id     UUID         NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    correlation_id VARCHAR(255) NOT NULL,
    summary        TEXT         NOT NULL,
    data           JSONB        NOT NULL DEFAULT '{}'
);
CREATE INDEX admin_audit_by_actor ON admin_audit (actor_id, entry_id);
