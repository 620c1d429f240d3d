package io.keepwarm.application.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.application.accounts.Caller;
import io.keepwarm.domain.contact.ReachableHours;
import io.keepwarm.domain.contact.api.OwnerId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes account settings. A change is applied under a row lock (two concurrent changes cannot lose
 * one another) and recorded in {@code account_settings_change} with its actor and request id; a change that
 * changes nothing records nothing.
 */
@Service
public class Settings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            time_zone, reachable_from, reachable_until, reachable_days, digest, digest_day, digest_hour, digest_email,
            version, updated_at""";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Settings(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The owner's settings, or the defaults for an owner who never changed them. */
    public AccountSettings of(OwnerId owner) {
        return of(owner.value());
    }

    /** The statement {@link #of} runs (parameter: the user id); public for the benchmark's ceilings. */
    public static final String OF_SQL = "SELECT " + COLUMNS + " FROM account_settings WHERE user_id = ?";

    public AccountSettings of(UUID userId) {
        return jdbc.query(OF_SQL, Settings::read, userId).stream().findFirst().orElse(AccountSettings.DEFAULTS);
    }

    /**
     * Applies {@code change} to the caller's current settings and records what changed. {@code change} may throw
     * (a bad request): nothing is then written.
     */
    @Transactional
    public AccountSettings change(Caller caller, UnaryOperator<AccountSettings> change) {
        UUID user = caller.ownerId().value();
        AccountSettings before = jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM account_settings WHERE user_id = ? FOR UPDATE",
                        Settings::read,
                        user)
                .stream()
                .findFirst()
                .orElse(null);
        AccountSettings current = before == null ? AccountSettings.DEFAULTS : before;
        AccountSettings wanted = change.apply(current);
        Map<String, Map<String, Object>> changes = wanted.changesFrom(current);
        if (changes.isEmpty()) {
            return current;
        }
        Instant now = clock.instant();
        long version = current.version() + 1;
        AccountSettings after =
                new AccountSettings(wanted.timeZone(), wanted.reachable(), wanted.digest(), version, now);
        Object[] values = {
            after.timeZone().getId(),
            Time.valueOf(after.reachable().from()),
            Time.valueOf(after.reachable().until()),
            AccountSettings.days(after.reachable()).toArray(String[]::new),
            after.digest().frequency().name(),
            after.digest().day() == null ? null : after.digest().day().name(),
            after.digest().hour(),
            after.digest().email(),
            version,
            Timestamp.from(now),
            user
        };
        if (before == null) {
            jdbc.update("""
                    INSERT INTO account_settings (time_zone, reachable_from, reachable_until, reachable_days, digest,
                        digest_day, digest_hour, digest_email, version, updated_at, user_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", values);
        } else {
            jdbc.update("""
                    UPDATE account_settings SET time_zone = ?, reachable_from = ?, reachable_until = ?,
                        reachable_days = ?, digest = ?, digest_day = ?, digest_hour = ?, digest_email = ?, version = ?,
                        updated_at = ?
                    WHERE user_id = ?""", values);
        }
        jdbc.update("""
                INSERT INTO account_settings_change (user_id, version, changed_at, actor_id, correlation_id, changes)
                VALUES (?, ?, ?, ?, ?, ?::jsonb)""", user, version, Timestamp.from(now), caller.actorId(), caller.correlationId(), json(changes));
        return after;
    }

    /** The account's settings history, oldest first. */
    public List<SettingsChange> history(OwnerId owner) {
        return jdbc.query(
                """
                SELECT version, changed_at, actor_id, correlation_id, changes::text AS changes
                FROM account_settings_change WHERE user_id = ? ORDER BY version""",
                (rs, n) -> new SettingsChange(
                        rs.getLong("version"),
                        rs.getTimestamp("changed_at").toInstant(),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("correlation_id"),
                        parse(rs.getString("changes"))),
                owner.value());
    }

    static AccountSettings read(ResultSet rs, int row) throws SQLException {
        String day = rs.getString("digest_day");
        AccountSettings.Frequency frequency = AccountSettings.Frequency.valueOf(rs.getString("digest"));
        return new AccountSettings(
                ZoneId.of(rs.getString("time_zone")),
                new ReachableHours(
                        rs.getTime("reachable_from").toLocalTime(),
                        rs.getTime("reachable_until").toLocalTime(),
                        days(rs.getArray("reachable_days"))),
                frequency == AccountSettings.Frequency.OFF
                        ? AccountSettings.Digest.OFF
                        : AccountSettings.Digest.weekly(
                                DayOfWeek.valueOf(day), rs.getInt("digest_hour"), rs.getString("digest_email")),
                rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Set<DayOfWeek> days(Array array) throws SQLException {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : (String[]) array.getArray()) {
            days.add(DayOfWeek.valueOf(day));
        }
        return days;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
