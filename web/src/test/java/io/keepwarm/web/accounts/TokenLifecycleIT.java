package io.keepwarm.web.accounts;

import static io.keepwarm.web.testsupport.ProblemAssert.assertInvalid;
import static io.keepwarm.web.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.application.accounts.Accounts;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tokens with a lifecycle: an optional {@code expiresAt}, and a {@code lastUsedAt} recorded once a minute at most. */
class TokenLifecycleIT extends IntegrationTest {

    @Test
    void a_token_with_expires_at_works_until_then_and_answers_401_token_expired_after() {
        Api owner = newOwner();
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        var created = owner.post("/api/me/tokens", Map.of("name", "ci", "expiresAt", expiresAt.toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(Instant.parse(created.json().get("expiresAt").asText())).isEqualTo(expiresAt);
        String tokenId = created.json().get("tokenId").asText();
        Api ci = api.as(created.json().get("token").asText());
        assertThat(ci.get("/api/me").status()).isEqualTo(200);
        assertThat(token(owner, tokenId).get("expiresAt").asText()).isEqualTo(expiresAt.toString());

        // an hour later, as far as the token is concerned: changed in the table behind the server's back, which
        // the server sees once it looks the token up again, within Accounts.VERIFIED_FOR
        jdbc.update(
                "UPDATE api_token SET expires_at = ? WHERE token_id = ?",
                Timestamp.from(Instant.now().minusSeconds(1)),
                UUID.fromString(tokenId));
        long changed = System.nanoTime();
        while (ci.get("/api/contacts").status() == 200) {
            assertThat(Duration.ofNanos(System.nanoTime() - changed))
                    .as("the table's expiry reached the server's requests")
                    .isLessThan(Accounts.VERIFIED_FOR.multipliedBy(5));
        }

        JsonNode problem = assertProblem(ci.get("/api/contacts"), 401);
        assertThat(problem.get("type").asText()).endsWith("token-expired");
        assertThat(problem.get("detail").asText()).contains("expired at").contains("POST /api/me/tokens");
        assertThat(ci.get("/api/contacts").header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(owner.get("/api/me").status())
                .as("the user's other tokens go on")
                .isEqualTo(200);
        assertThat(token(owner, tokenId).get("revokedAt").isNull()).isTrue();
    }

    @Test
    void a_token_without_expires_at_never_expires_and_a_bad_expires_at_is_a_400_naming_it() {
        Api owner = newOwner();
        var forever = owner.post("/api/me/tokens", Map.of("name", "forever"));
        assertThat(forever.status()).isEqualTo(201);
        assertThat(forever.json().get("expiresAt").isNull()).isTrue();

        long tokens = tokenCount();
        assertInvalid(
                owner.post("/api/me/tokens", Map.of("name", "past", "expiresAt", "2020-01-01T00:00:00Z")), "expiresAt");
        assertInvalid(owner.post("/api/me/tokens", Map.of("name", "vague", "expiresAt", "tomorrow")), "expiresAt");
        assertThat(tokenCount()).as("no token created").isEqualTo(tokens);
    }

    @Test
    void last_used_at_is_recorded_on_use_at_most_once_a_minute_per_token() {
        Api owner = newOwner();
        var created = owner.post("/api/me/tokens", Map.of("name", "phone"));
        String tokenId = created.json().get("tokenId").asText();
        Api phone = api.as(created.json().get("token").asText());
        assertThat(token(owner, tokenId).get("lastUsedAt").isNull())
                .as("never used yet")
                .isTrue();

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1);
        assertThat(phone.get("/api/me").status()).isEqualTo(200);
        Instant first = Instant.parse(token(owner, tokenId).get("lastUsedAt").asText());
        assertThat(first).isAfter(before).isBefore(Instant.now().plusSeconds(1));

        for (int i = 0; i < 5; i++) {
            assertThat(phone.get("/api/contacts").status()).isEqualTo(200);
        }
        assertThat(Instant.parse(token(owner, tokenId).get("lastUsedAt").asText()))
                .as("within the minute: not written again")
                .isEqualTo(first);

        // the stored use is a minute and a second old (set in the table, which the server reads again within
        // Accounts.VERIFIED_FOR): the next use after that records itself again
        Instant aMinuteAgo = first.minus(Duration.ofSeconds(61));
        jdbc.update(
                "UPDATE api_token SET last_used_at = ? WHERE token_id = ?",
                Timestamp.from(aMinuteAgo),
                UUID.fromString(tokenId));
        long changed = System.nanoTime();
        do {
            assertThat(phone.get("/api/me").status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - changed))
                    .as("a use recorded again")
                    .isLessThan(Accounts.VERIFIED_FOR.multipliedBy(5));
        } while (storedLastUse(tokenId).isBefore(first));
        assertThat(Instant.parse(token(owner, tokenId).get("lastUsedAt").asText()))
                .isAfterOrEqualTo(first);
    }

    @Test
    void a_token_found_valid_is_believed_for_at_most_verified_for_and_a_revocation_here_ends_that_at_once() {
        Api owner = newOwner();
        var created = owner.post("/api/me/tokens", Map.of("name", "tablet"));
        String tokenId = created.json().get("tokenId").asText();
        Api tablet = api.as(created.json().get("token").asText());
        assertThat(tablet.get("/api/me").status()).isEqualTo(200);

        // revoked in the table, as another node would: this node stops believing it within VERIFIED_FOR
        jdbc.update("UPDATE api_token SET revoked_at = now() WHERE token_id = ?", UUID.fromString(tokenId));
        long revoked = System.nanoTime();
        while (tablet.get("/api/me").status() == 200) {
            assertThat(Duration.ofNanos(System.nanoTime() - revoked))
                    .as("a revocation on another node reached this one")
                    .isLessThan(Accounts.VERIFIED_FOR.multipliedBy(5));
        }
        assertThat(tablet.get("/api/me").status()).isEqualTo(401);

        // a token used a moment ago and revoked through this node: the very next request is refused
        var second = owner.post("/api/me/tokens", Map.of("name", "watch"));
        Api watch = api.as(second.json().get("token").asText());
        for (int i = 0; i < 3; i++) {
            assertThat(watch.get("/api/me").status()).isEqualTo(200);
        }
        assertThat(owner.delete("/api/me/tokens/" + second.json().get("tokenId").asText())
                        .status())
                .isEqualTo(204);
        assertThat(watch.get("/api/me").status()).isEqualTo(401);
    }

    private Instant storedLastUse(String tokenId) {
        Timestamp stored = jdbc.queryForObject(
                "SELECT last_used_at FROM api_token WHERE token_id = ?", Timestamp.class, UUID.fromString(tokenId));
        return stored.toInstant();
    }

    private static JsonNode token(Api owner, String tokenId) {
        for (JsonNode token : owner.get("/api/me/tokens").json()) {
            if (token.get("tokenId").asText().equals(tokenId)) {
                return token;
            }
        }
        throw new AssertionError("no token " + tokenId);
    }

    private long tokenCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM api_token", Long.class);
        return count == null ? 0 : count;
    }
}
