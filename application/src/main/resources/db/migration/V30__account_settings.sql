-- Account settings (SPEC §9): the owner's zone, reachable hours and days, and digest. Plain tables like the
-- accounts they belong to (docs/adr/0005). A missing row means the defaults (UTC, 09:00-20:00 Monday to Friday,
-- no digest). Every change is kept, with who made it and in which request: the account's settings history is part
-- of its audit trail.
CREATE TABLE account_settings (
    user_id         UUID        NOT NULL PRIMARY KEY REFERENCES app_user (user_id),
    time_zone       VARCHAR(64) NOT NULL,
    reachable_from  TIME        NOT NULL,
    reachable_until TIME        NOT NULL,
    reachable_days  VARCHAR(9)[] NOT NULL,
    digest          VARCHAR(8)  NOT NULL CHECK (digest IN ('OFF', 'WEEKLY')),
    digest_day      VARCHAR(9),
    digest_hour     SMALLINT CHECK (digest_hour BETWEEN 0 AND 23),
    digest_email    VARCHAR(320),
    version         BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CHECK (reachable_from < reachable_until),
    CHECK (digest = 'OFF' OR (digest_day IS NOT NULL AND digest_hour IS NOT NULL AND digest_email IS NOT NULL))
);

CREATE TABLE account_settings_change (
    user_id        UUID         NOT NULL REFERENCES app_user (user_id),
    version        BIGINT       NOT NULL,
    changed_at     TIMESTAMPTZ  NOT NULL,
    actor_id       UUID         NOT NULL,
    correlation_id VARCHAR(255) NOT NULL,
    changes        JSONB        NOT NULL,
    PRIMARY KEY (user_id, version)
);
