-- The weekly digest (SPEC §9): one row per account and period, inserted once (the primary key is the insert-once
-- key: two nodes planning the same period insert one row). A node claims due rows with FOR UPDATE SKIP LOCKED and
-- marks them SENDING until claimed_until; SENT is recorded after the mail server accepted the message. A node that
-- dies between the two leaves a SENDING row whose claim expires and is sent again: at least once
-- (docs/reminders.md). A failed send goes back to PENDING with a later next_attempt_at (back-off), and after the
-- last attempt to FAILED; the admin API shows both.
CREATE TABLE digest_delivery (
    user_id         UUID         NOT NULL REFERENCES app_user (user_id),
    period_start    TIMESTAMPTZ  NOT NULL,
    state           VARCHAR(8)   NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED')),
    recipient       VARCHAR(320) NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    claimed_by      VARCHAR(255),
    claimed_until   TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (user_id, period_start)
);
CREATE INDEX digest_delivery_due ON digest_delivery (next_attempt_at) WHERE state IN ('PENDING', 'SENDING');
