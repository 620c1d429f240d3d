package io.keepwarm.application.accounts;

import io.keepwarm.application.OperationRefused;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users and their API tokens. A token is shown once, when created, and stored only as a hash; revoking a token
 * or disabling or deleting a user takes effect on this node's very next request, and on other nodes within
 * {@link VerifiedTokens#FOR}: a token found valid is believed that long ({@link VerifiedTokens}).
 */
@Service
public class Accounts {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,64}");
    private static final int TOKEN_NAME_MAX = 100;
    private static final String USERNAME_RULE = "must be 2–64 characters of letters, digits, '.', '_' and '-'";
    private static final String TOKEN_NAME_RULE =
            "must be at most " + TOKEN_NAME_MAX + " characters without control characters";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final VerifiedTokens verified = new VerifiedTokens();

    public Accounts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A user as admins and the user themself see it. */
    public record User(
            UUID userId, String username, Role role, boolean disabled, Instant createdAt, Instant deletedAt) {}

    /** A token's metadata; the secret itself is never kept. */
    public record Token(
            UUID tokenId,
            String name,
            String hint,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant revokedAt) {}

    /**
     * How coarsely {@code lastUsedAt} is kept: a use is written only when the stored one is older than this, so a
     * token used all day costs one write a minute, not one per request.
     */
    public static final java.time.Duration LAST_USE_GRANULARITY = java.time.Duration.ofMinutes(1);

    /**
     * How long this node believes a token it found valid without looking it up again ({@link VerifiedTokens}): a
     * change made on another node or in the table by hand reaches this node's requests within it.
     */
    public static final java.time.Duration VERIFIED_FOR = VerifiedTokens.FOR;

    /** What a presented token turned out to be. */
    public sealed interface TokenCheck {

        /** A working token of an enabled user. */
        record Valid(AuthenticatedUser user) implements TokenCheck {}

        /** A token that worked until {@code expiredAt}. */
        record Expired(Instant expiredAt) implements TokenCheck {}

        /** Unknown, revoked, or of a disabled or deleted user: nothing more is told. */
        record Invalid() implements TokenCheck {}
    }

    /** A freshly created secret, to be handed to its owner once. */
    public record IssuedToken(
            UUID tokenId, UUID userId, String name, String token, Instant createdAt, Instant expiresAt) {

        /** Never the secret: records print every component, and a record ends up in a log line sooner or later. */
        @Override
        public String toString() {
            return "IssuedToken[tokenId=" + tokenId + ", userId=" + userId + ", name=" + name + ", token="
                    + ApiTokens.hint(token) + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
        }
    }

    public Optional<AuthenticatedUser> authenticate(String presented) {
        return check(presented) instanceof TokenCheck.Valid valid ? Optional.of(valid.user()) : Optional.empty();
    }

    /**
     * Checks a presented token: valid, expired, or invalid. A valid token's use is recorded in {@code last_used_at}
     * when the stored one is older than {@link #LAST_USE_GRANULARITY} (one conditional write a minute per token, no
     * write per request; concurrent requests may both write the same minute, harmlessly). A token found valid in
     * the last {@link VerifiedTokens#FOR} is not looked up again ({@link VerifiedTokens}); its expiry is checked on
     * every request.
     */
    public TokenCheck check(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 512) {
            return new TokenCheck.Invalid();
        }
        byte[] hash = ApiTokens.hash(presented);
        VerifiedTokens.Verified token = verified.find(hash);
        if (token == null) {
            long generation = verified.generation();
            token = lookUp(hash, generation);
            if (token == null) {
                return new TokenCheck.Invalid();
            }
        }
        Instant now = clock.instant();
        if (token.expiresAt() != null && !now.isBefore(token.expiresAt())) {
            return new TokenCheck.Expired(token.expiresAt());
        }
        if (token.lastUsedAt() == null
                || !token.lastUsedAt().plus(LAST_USE_GRANULARITY).isAfter(now)) {
            jdbc.update(
                    "UPDATE api_token SET last_used_at = ? WHERE token_id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                    Timestamp.from(now),
                    token.user().tokenId(),
                    Timestamp.from(now.minus(LAST_USE_GRANULARITY)));
            verified.used(hash, token, now);
        }
        return new TokenCheck.Valid(token.user());
    }

    /** The unrevoked token of an enabled, undeleted user with this hash, kept as verified; null for none. */
    private VerifiedTokens.Verified lookUp(byte[] hash, long generation) {
        List<VerifiedTokens.Verified> found = jdbc.query(
                """
                        SELECT t.token_id, t.token_hash, t.expires_at, t.last_used_at, u.user_id, u.username, u.role
                        FROM api_token t JOIN app_user u ON u.user_id = t.user_id
                        WHERE t.token_hash = ? AND t.revoked_at IS NULL AND NOT u.disabled AND u.deleted_at IS NULL""",
                (rs, n) -> ApiTokens.matches(rs.getBytes("token_hash"), hash)
                        ? verified.keep(
                                hash,
                                new AuthenticatedUser(
                                        rs.getObject("user_id", UUID.class),
                                        rs.getString("username"),
                                        Role.valueOf(rs.getString("role")),
                                        rs.getObject("token_id", UUID.class)),
                                instant(rs, "expires_at"),
                                instant(rs, "last_used_at"),
                                generation)
                        : null,
                hash);
        return found.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /**
     * The user of a token that was presented earlier (a page session remembers the token's id, never the token),
     * if the token is still unrevoked and unexpired and its user enabled and not deleted: revoking, expiry,
     * disabling or deleting ends a session on its next request, as it does for the API.
     */
    public Optional<AuthenticatedUser> stillValid(UUID tokenId) {
        return jdbc
                .query(
                        """
                        SELECT t.token_id, u.user_id, u.username, u.role
                        FROM api_token t JOIN app_user u ON u.user_id = t.user_id
                        WHERE t.token_id = ? AND t.revoked_at IS NULL AND NOT u.disabled AND u.deleted_at IS NULL
                          AND (t.expires_at IS NULL OR t.expires_at > ?)""",
                        (rs, n) -> new AuthenticatedUser(
                                rs.getObject("user_id", UUID.class),
                                rs.getString("username"),
                                Role.valueOf(rs.getString("role")),
                                rs.getObject("token_id", UUID.class)),
                        tokenId,
                        Timestamp.from(clock.instant()))
                .stream()
                .findFirst();
    }

    /**
     * What is wrong with a username, if anything. The rule lives here; the caller reports it in its own terms (the
     * web layer as a 400 naming {@code username}, the command line as a message), before asking for the operation.
     */
    public static Optional<String> usernameProblem(String username) {
        return username == null || !USERNAME.matcher(username).matches()
                ? Optional.of(USERNAME_RULE)
                : Optional.empty();
    }

    /** What is wrong with a token's name, if anything (none or blank is fine: the token is called "unnamed"). */
    /** Why an {@code expiresAt} cannot be a token's, if it cannot: it must lie ahead. */
    public Optional<String> expiresAtProblem(Instant expiresAt) {
        return expiresAt != null && !expiresAt.isAfter(clock.instant())
                ? Optional.of("must be in the future")
                : Optional.empty();
    }

    public static Optional<String> tokenNameProblem(String name) {
        String tokenName = name == null || name.isBlank() ? "unnamed" : name.strip();
        return tokenName.length() > TOKEN_NAME_MAX || tokenName.codePoints().anyMatch(Character::isISOControl)
                ? Optional.of(TOKEN_NAME_RULE)
                : Optional.empty();
    }

    /**
     * Creates a user with a first token; the token is returned once and never again. The username must pass
     * {@link #usernameProblem}: a caller that did not check it is a bug, not bad input.
     */
    @Transactional
    public IssuedToken createUser(String username, Role role, UUID createdBy) {
        requireNoProblem(usernameProblem(username), "username");
        if (role == null) {
            throw new IllegalArgumentException("a new user needs a role");
        }
        UUID userId = UUID.randomUUID();
        try {
            jdbc.update(
                    "INSERT INTO app_user (user_id, username, role, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                    userId,
                    username,
                    role.name(),
                    Timestamp.from(clock.instant()),
                    createdBy);
        } catch (DuplicateKeyException e) {
            throw OperationRefused.conflict(
                    "user.exists", "a user named " + username.toLowerCase(Locale.ROOT) + " exists");
        }
        return issue(userId, "first token", ApiTokens.generate(), null);
    }

    /** The first admin, with a given token (from the environment) or a generated one; empty if an admin exists. */
    @Transactional
    public Optional<IssuedToken> bootstrapAdmin(String givenToken) {
        jdbc.execute("LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE");
        Integer admins = jdbc.queryForObject("SELECT count(*) FROM app_user WHERE role = 'ADMIN'", Integer.class);
        if (admins != null && admins > 0) {
            return Optional.empty();
        }
        UUID userId = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO app_user (user_id, username, role, created_at) VALUES (?, 'admin', 'ADMIN', ?)",
                userId,
                Timestamp.from(clock.instant()));
        return Optional.of(issue(userId, "bootstrap", givenToken != null ? givenToken : ApiTokens.generate(), null));
    }

    /**
     * An operator's way back in, from the machine that runs the server ({@code --issue-admin-token}): a new token
     * for the admin of that name, re-enabled if it was disabled, or for a new admin of that name.
     */
    @Transactional
    public IssuedToken issueAdminToken(String username) {
        requireNoProblem(usernameProblem(username), "username");
        jdbc.execute("LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE");
        Optional<User> existing =
                jdbc.query("""
                        SELECT user_id, username, role, disabled, created_at, deleted_at FROM app_user
                        WHERE lower(username) = lower(?)""", Accounts::user, username).stream().findFirst();
        UUID userId;
        if (existing.isPresent()) {
            if (existing.get().role() != Role.ADMIN) {
                throw OperationRefused.conflict(
                        "user.not-admin", "user " + existing.get().username() + " is not an admin; name another");
            }
            userId = existing.get().userId();
            jdbc.update("UPDATE app_user SET disabled = false WHERE user_id = ?", userId);
        } else {
            userId = UUID.randomUUID();
            jdbc.update(
                    "INSERT INTO app_user (user_id, username, role, created_at) VALUES (?, ?, 'ADMIN', ?)",
                    userId,
                    username,
                    Timestamp.from(clock.instant()));
        }
        return issue(userId, "issued with --issue-admin-token", ApiTokens.generate(), null);
    }

    public IssuedToken createToken(UUID userId, String name) {
        return createToken(userId, name, null);
    }

    /**
     * A new token for the user, working until {@code expiresAt} (null: until revoked). The name must pass
     * {@link #tokenNameProblem} and the instant {@link #expiresAtProblem}: the web layer reports both.
     */
    public IssuedToken createToken(UUID userId, String name, Instant expiresAt) {
        requireNoProblem(tokenNameProblem(name), "name");
        requireNoProblem(expiresAtProblem(expiresAt), "expiresAt");
        String tokenName = name == null || name.isBlank() ? "unnamed" : name.strip();
        return issue(userId, tokenName, ApiTokens.generate(), expiresAt);
    }

    public List<Token> tokens(UUID userId) {
        return jdbc.query(
                """
                        SELECT token_id, name, hint, created_at, expires_at, last_used_at, revoked_at FROM api_token
                        WHERE user_id = ? ORDER BY created_at, token_id""",
                (rs, n) -> new Token(
                        rs.getObject("token_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("hint"),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs, "expires_at"),
                        instant(rs, "last_used_at"),
                        instant(rs, "revoked_at")),
                userId);
    }

    /**
     * Revokes one of the user's own tokens; another user's token is answered as not found. The last working token
     * of the last enabled admin cannot be revoked: nobody could manage users any more (an operator can still issue
     * one with {@code --issue-admin-token}, docs/operations.md).
     */
    @Transactional
    public void revokeToken(UUID userId, UUID tokenId) {
        jdbc.execute("LOCK TABLE api_token IN SHARE ROW EXCLUSIVE MODE");
        Integer otherAdminTokens = jdbc.queryForObject("""
                SELECT count(*) FROM api_token t JOIN app_user u ON u.user_id = t.user_id
                WHERE u.role = 'ADMIN' AND NOT u.disabled AND t.revoked_at IS NULL AND t.token_id <> ?""", Integer.class, tokenId);
        Integer revokingAnAdminsToken = jdbc.queryForObject("""
                SELECT count(*) FROM api_token t JOIN app_user u ON u.user_id = t.user_id
                WHERE t.token_id = ? AND t.user_id = ? AND u.role = 'ADMIN' AND NOT u.disabled
                  AND t.revoked_at IS NULL""", Integer.class, tokenId, userId);
        if (revokingAnAdminsToken != null
                && revokingAnAdminsToken > 0
                && otherAdminTokens != null
                && otherAdminTokens == 0) {
            throw OperationRefused.conflict(
                    "token.last-admin-token",
                    "token " + tokenId + " is the last working token of the last enabled admin; create another first");
        }
        verified.forget();
        int found = jdbc.update(
                "UPDATE api_token SET revoked_at = coalesce(revoked_at, ?) WHERE token_id = ? AND user_id = ?",
                Timestamp.from(clock.instant()),
                tokenId,
                userId);
        if (found == 0) {
            throw OperationRefused.notFound("token.not-found", "token " + tokenId + " not found");
        }
    }

    public Optional<User> user(UUID userId) {
        return jdbc
                .query(
                        "SELECT user_id, username, role, disabled, created_at, deleted_at FROM app_user WHERE user_id = ?",
                        Accounts::user,
                        userId)
                .stream()
                .findFirst();
    }

    public List<User> users() {
        return jdbc.query(
                "SELECT user_id, username, role, disabled, created_at, deleted_at FROM app_user ORDER BY lower(username)",
                Accounts::user);
    }

    /**
     * Disables or re-enables a user; all their tokens stop (or start) working at once. The last enabled admin
     * cannot be disabled: nobody could manage users any more, and the first-start bootstrap never runs again.
     */
    @Transactional
    public void setDisabled(UUID userId, boolean disabled) {
        if (disabled) {
            jdbc.execute("LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE");
            Integer otherAdmins = jdbc.queryForObject("""
                    SELECT count(*) FROM app_user WHERE role = 'ADMIN' AND NOT disabled AND user_id <> ?""", Integer.class, userId);
            boolean enabledAdmin = user(userId)
                    .filter(u -> u.role() == Role.ADMIN && !u.disabled())
                    .isPresent();
            if (enabledAdmin && otherAdmins != null && otherAdmins == 0) {
                throw OperationRefused.conflict(
                        "user.last-admin", "user " + userId + " is the last enabled admin; make another admin first");
            }
        }
        verified.forget();
        if (jdbc.update("UPDATE app_user SET disabled = ? WHERE user_id = ? AND deleted_at IS NULL", disabled, userId)
                == 0) {
            if (user(userId).isPresent()) {
                throw OperationRefused.conflict("user.deleted", "user " + userId + " was deleted");
            }
            throw OperationRefused.notFound("user.not-found", "user " + userId + " not found");
        }
    }

    private static void requireNoProblem(Optional<String> problem, String field) {
        problem.ifPresent(message -> {
            throw new IllegalArgumentException(field + " " + message);
        });
    }

    /**
     * The account side of deleting a user, in one transaction: the user is disabled and marked deleted, every token
     * of theirs revoked (so the very next request with one is a 401), and their username released for reuse (the
     * row stays, as ids in events and the audit trail point at it). The last enabled admin cannot be deleted.
     * Answers the user as they were, or empty when already deleted (deleting again finishes the forgetting).
     */
    @Transactional
    public Optional<User> markDeleted(UUID userId, UUID deletedBy) {
        jdbc.execute("LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE");
        User user = user(userId)
                .orElseThrow(() -> OperationRefused.notFound("user.not-found", "user " + userId + " not found"));
        if (user.deletedAt() != null) {
            return Optional.empty();
        }
        Integer otherAdmins = jdbc.queryForObject(
                "SELECT count(*) FROM app_user WHERE role = 'ADMIN' AND NOT disabled AND user_id <> ?",
                Integer.class,
                userId);
        if (user.role() == Role.ADMIN && !user.disabled() && otherAdmins != null && otherAdmins == 0) {
            throw OperationRefused.conflict(
                    "user.last-admin", "user " + userId + " is the last enabled admin; make another admin first");
        }
        // The owner's counter row orders the deletion against the user's writes still in flight (V92): a write that
        // numbered its events first commits before this transaction goes on, one that numbers after finds the owner
        // deleted and appends nothing.
        jdbc.update(
                "INSERT INTO owner_event_position AS o (owner_id, last_position) VALUES (?, 0)"
                        + " ON CONFLICT (owner_id) DO UPDATE SET last_position = o.last_position",
                userId);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update(
                "UPDATE app_user SET disabled = TRUE, deleted_at = ?, deleted_by = ?, username = ? WHERE user_id = ?",
                now,
                deletedBy,
                "deleted-" + userId,
                userId);
        verified.forget();
        jdbc.update("UPDATE api_token SET revoked_at = coalesce(revoked_at, ?) WHERE user_id = ?", now, userId);
        return Optional.of(user);
    }

    private IssuedToken issue(UUID userId, String name, String token, Instant expiresAt) {
        UUID tokenId = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.update(
                "INSERT INTO api_token (token_id, user_id, name, token_hash, hint, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                tokenId,
                userId,
                name,
                ApiTokens.hash(token),
                ApiTokens.hint(token),
                Timestamp.from(now),
                expiresAt == null ? null : Timestamp.from(expiresAt));
        return new IssuedToken(tokenId, userId, name, token, now, expiresAt);
    }

    private static User user(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new User(
                rs.getObject("user_id", UUID.class),
                rs.getString("username"),
                Role.valueOf(rs.getString("role")),
                rs.getBoolean("disabled"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs, "deleted_at"));
    }
}
