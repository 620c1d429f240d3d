package io.keepwarm.application.calendar;

import io.keepwarm.application.accounts.ApiTokens;
import io.keepwarm.application.accounts.Caller;
import io.keepwarm.application.goingcold.FindGoingCold;
import io.keepwarm.application.goingcold.GoingColdQueries;
import io.keepwarm.application.goingcold.GoingColdRow;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.domain.contact.GoingColdStatus;
import io.keepwarm.domain.contact.api.OwnerId;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account's secret calendar feed (SPEC §9): created or rotated, revoked, and read by its secret. The feed is
 * the going-cold view with every status (tracked contacts that are not archived, snoozed or forgotten), so a
 * forgotten contact is gone from it the moment it is forgotten.
 */
@Service
public class CalendarFeeds {

    public static final String PREFIX = "kwcal_";

    /** At most this many events in one feed: the going-cold view's page limit. */
    public static final int MAX_EVENTS = io.keepwarm.application.paging.PageLimit.MAX;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final GoingColdQueries goingCold;
    private final Settings settings;
    private final Clock clock;

    public CalendarFeeds(JdbcTemplate jdbc, GoingColdQueries goingCold, Settings settings, Clock clock) {
        this.jdbc = jdbc;
        this.goingCold = goingCold;
        this.settings = settings;
        this.clock = clock;
    }

    /** A feed's secret, shown once, when created. */
    public record NewFeed(String secret, Instant createdAt) {

        @Override
        public String toString() {
            return "NewFeed[secret=" + hint(secret) + ", createdAt=" + createdAt + "]";
        }
    }

    /** Creates the caller's feed, or rotates it: the previous secret stops working at once. */
    @Transactional
    public NewFeed create(Caller caller) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.update("""
                INSERT INTO calendar_feed (user_id, secret_hash, hint, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE
                SET secret_hash = EXCLUDED.secret_hash, hint = EXCLUDED.hint, created_at = EXCLUDED.created_at""", caller.ownerId().value(), ApiTokens.hash(secret), hint(secret), Timestamp.from(now));
        return new NewFeed(secret, now);
    }

    /** Revokes the caller's feed; revoking a feed that does not exist changes nothing. */
    public void revoke(Caller caller) {
        jdbc.update(
                "DELETE FROM calendar_feed WHERE user_id = ?", caller.ownerId().value());
    }

    /** The feed behind {@code secret} as iCalendar text; empty for an unknown or revoked secret or disabled user. */
    public Optional<String> feed(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = ApiTokens.hash(secret);
        List<UUID> owners = jdbc.query(
                """
                SELECT f.user_id, f.secret_hash FROM calendar_feed f JOIN app_user u ON u.user_id = f.user_id
                WHERE f.secret_hash = ? AND NOT u.disabled""",
                (rs, n) -> ApiTokens.matches(rs.getBytes("secret_hash"), hash)
                        ? rs.getObject("user_id", UUID.class)
                        : null,
                hash);
        return owners.stream().filter(java.util.Objects::nonNull).findFirst().map(user -> render(new OwnerId(user)));
    }

    private String render(OwnerId owner) {
        Instant now = clock.instant();
        ZoneId zone = settings.of(owner).timeZone();
        List<GoingColdRow> rows = goingCold.find(
                new FindGoingCold(owner, EnumSet.allOf(GoingColdStatus.class), null, null, MAX_EVENTS, now, false));
        return CalendarFeed.render(rows, zone, now);
    }

    private static String hint(String secret) {
        return PREFIX + "…" + secret.substring(Math.max(PREFIX.length(), secret.length() - 4));
    }
}
