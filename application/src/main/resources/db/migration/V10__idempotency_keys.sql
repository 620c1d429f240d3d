-- POST /api/contacts with an Idempotency-Key header (docs/adr/0010-idempotency-keys-in-the-write-transaction.md).
-- One row per owner and key, written in the transaction that appends the contact's events: so a key is recorded
-- if and only if its contact was added, a concurrent second request with the same key waits on the primary key and
-- then replays, and keys survive restarts. request_digest is SHA-256 of the request body as parsed (not of its
-- bytes), so whitespace and key order do not make "another body". The row of a forgotten contact is deleted with
-- the forgetting, as the digest was computed from its personal data.
CREATE TABLE idempotency_key (
    owner_id        UUID        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_digest  TEXT        NOT NULL,
    contact_id      UUID        NOT NULL,
    version         BIGINT      NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (owner_id, idempotency_key)
);

CREATE INDEX idempotency_key_by_contact ON idempotency_key (owner_id, contact_id);
