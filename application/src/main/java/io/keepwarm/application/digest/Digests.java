package io.keepwarm.application.digest;

import io.keepwarm.application.settings.AccountSettings;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.domain.contact.api.OwnerId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The digest's bookkeeping in {@code digest_delivery} (V32): which periods are due (planned once, by an
 * insert-once key), which node sends each (claimed with {@code FOR UPDATE SKIP LOCKED}), what was sent and what
 * failed (with back-off). The sending itself is {@link DigestSender}'s.
 */
@Service
public class Digests {

    /** How long a claim holds: a node that has not recorded the outcome by then is taken to be gone. */
    public static final Duration CLAIM = Duration.ofMinutes(2);

    /** A period is planned only while its due instant is this recent: no stale digest after a long outage. */
    public static final Duration PLAN_WITHIN = Duration.ofHours(24);

    public static final int MAX_ATTEMPTS = 8;

    private final JdbcTemplate jdbc;
    private final Settings settings;
    private final Clock clock;

    public Digests(JdbcTemplate jdbc, Settings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** One claimed delivery. */
    public record Claimed(UUID userId, Instant periodStart, int attempts, String recipient) {}

    /** Inserts a row for each enabled account's due period that has none yet; answers how many were inserted. */
    @Transactional
    public int plan() {
        Instant now = clock.instant();
        List<Object[]> rows = new ArrayList<>();
        for (UUID user : jdbc.queryForList("""
                SELECT s.user_id FROM account_settings s JOIN app_user u ON u.user_id = s.user_id
                WHERE s.digest = 'WEEKLY' AND NOT u.disabled""", UUID.class)) {
            AccountSettings account = settings.of(user);
            Instant due = DigestSchedule.latestDue(account.digest(), account.timeZone(), now);
            if (due.isAfter(now.minus(PLAN_WITHIN))) {
                rows.add(new Object[] {
                    user, Timestamp.from(due), account.digest().email(), Timestamp.from(now), user, Timestamp.from(due)
                });
            }
        }
        int planned = 0;
        for (int count : jdbc.batchUpdate("""
                INSERT INTO digest_delivery (user_id, period_start, state, recipient, next_attempt_at, created_at)
                SELECT ?, ?, 'PENDING', ?, ?, now()
                WHERE NOT EXISTS (SELECT 1 FROM digest_delivery
                                  WHERE user_id = ? AND period_start > ?::timestamptz - interval '6 days')
                ON CONFLICT (user_id, period_start) DO NOTHING""", rows)) {
            planned += Math.max(count, 0);
        }
        return planned;
    }

    /** Claims up to {@code limit} due deliveries for {@code node}: pending ones, and sending ones whose claim ran out. */
    @Transactional
    public List<Claimed> claim(String node, int limit) {
        Instant now = clock.instant();
        return jdbc.query(
                """
                WITH due AS (
                    SELECT user_id, period_start FROM digest_delivery
                    WHERE state IN ('PENDING', 'SENDING')
                      AND (state = 'PENDING' AND next_attempt_at <= ? OR state = 'SENDING' AND claimed_until < ?)
                    ORDER BY next_attempt_at
                    LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                UPDATE digest_delivery d
                SET state = 'SENDING', claimed_by = ?, claimed_until = ?, attempts = d.attempts + 1
                FROM due WHERE d.user_id = due.user_id AND d.period_start = due.period_start
                RETURNING d.user_id, d.period_start, d.attempts, d.recipient""",
                (rs, n) -> new Claimed(
                        rs.getObject("user_id", UUID.class),
                        rs.getTimestamp("period_start").toInstant(),
                        rs.getInt("attempts"),
                        rs.getString("recipient")),
                Timestamp.from(now),
                Timestamp.from(now),
                limit,
                node,
                Timestamp.from(now.plus(CLAIM)));
    }

    /** The last period sent to the account before {@code period}, or null. */
    public Instant previousSent(UUID user, Instant period) {
        return jdbc.queryForObject(
                "SELECT max(period_start) FROM digest_delivery WHERE user_id = ? AND state = 'SENT' AND period_start < ?",
                (rs, n) ->
                        rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(),
                user,
                Timestamp.from(period));
    }

    /** The account's username, or null for a user that is disabled (or gone): nothing is sent to them. */
    public String enabledUsername(UUID user) {
        return jdbc
                .query(
                        "SELECT username FROM app_user WHERE user_id = ? AND NOT disabled",
                        (rs, n) -> rs.getString(1),
                        user)
                .stream()
                .findFirst()
                .orElse(null);
    }

    public void sent(Claimed claimed, String node) {
        finish(claimed, node, "SENT", null, null);
    }

    public void skipped(Claimed claimed, String node, String why) {
        finish(claimed, node, "SKIPPED", why, null);
    }

    /** A failed attempt: tried again after {@code base} × 2^(attempts − 1), at most six hours, or FAILED at the last. */
    public void failed(Claimed claimed, String node, String error, Duration base) {
        if (claimed.attempts() >= MAX_ATTEMPTS) {
            finish(claimed, node, "FAILED", error, null);
            return;
        }
        Duration wait = base.multipliedBy(1L << Math.min(claimed.attempts() - 1, 20));
        if (wait.compareTo(Duration.ofHours(6)) > 0) {
            wait = Duration.ofHours(6);
        }
        finish(claimed, node, "PENDING", error, clock.instant().plus(wait));
    }

    private void finish(Claimed claimed, String node, String state, String error, Instant nextAttempt) {
        Instant now = clock.instant();
        jdbc.update(
                """
                UPDATE digest_delivery
                SET state = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL,
                    next_attempt_at = coalesce(?, next_attempt_at),
                    sent_at = CASE WHEN ? = 'SENT' THEN ? ELSE sent_at END
                WHERE user_id = ? AND period_start = ? AND state = 'SENDING' AND claimed_by = ?""",
                state,
                error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error,
                nextAttempt == null ? null : Timestamp.from(nextAttempt),
                state,
                Timestamp.from(now),
                claimed.userId(),
                Timestamp.from(claimed.periodStart()),
                node);
    }

    /** What the admin API shows: counts per state and every delivery not (yet) sent. */
    public record Status(boolean mailConfigured, Map<String, Long> byState, List<Delivery> unsent) {}

    /** One delivery as the admin sees it (the recipient's address is left out). */
    public record Delivery(
            UUID userId,
            String username,
            Instant periodStart,
            String state,
            int attempts,
            Instant nextAttemptAt,
            String claimedBy,
            String lastError) {}

    public Status status(boolean mailConfigured) {
        Map<String, Long> byState = new java.util.TreeMap<>();
        jdbc.query("SELECT state, count(*) AS n FROM digest_delivery GROUP BY state", rs -> {
            byState.put(rs.getString("state"), rs.getLong("n"));
        });
        List<Delivery> unsent = jdbc.query(
                """
                SELECT d.user_id, u.username, d.period_start, d.state, d.attempts, d.next_attempt_at, d.claimed_by,
                       d.last_error
                FROM digest_delivery d JOIN app_user u ON u.user_id = d.user_id
                WHERE d.state IN ('PENDING', 'SENDING', 'FAILED')
                ORDER BY d.next_attempt_at LIMIT 100""",
                (rs, n) -> new Delivery(
                        rs.getObject("user_id", UUID.class),
                        rs.getString("username"),
                        rs.getTimestamp("period_start").toInstant(),
                        rs.getString("state"),
                        rs.getInt("attempts"),
                        rs.getTimestamp("next_attempt_at").toInstant(),
                        rs.getString("claimed_by"),
                        rs.getString("last_error")));
        return new Status(mailConfigured, byState, unsent);
    }

    public AccountSettings settingsOf(UUID user) {
        return settings.of(new OwnerId(user));
    }
}
