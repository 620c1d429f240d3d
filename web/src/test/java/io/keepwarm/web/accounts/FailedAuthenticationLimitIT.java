package io.keepwarm.web.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.accounts.ApiTokens;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A client that keeps presenting bad tokens is stopped (429 with {@code Retry-After}), and while it is, no token it
 * presents is checked at all: a right guess gets the same 429, so guessing learns nothing. Its own Spring context
 * with a low limit, closed afterwards, so the exhausted allowance of 127.0.0.1 cannot reach other test classes.
 */
@TestPropertySource(properties = "keepwarm.auth.failures-per-minute=5")
@DirtiesContext
class FailedAuthenticationLimitIT extends IntegrationTest {

    @Test
    void after_repeated_bad_tokens_every_token_from_that_client_gets_429_even_a_valid_one() {
        Api valid = newOwner();
        assertThat(valid.get("/api/me").status()).isEqualTo(200);
        Api guessing = api.as(ApiTokens.generate());

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(guessing.get("/api/me").status())
                    .as("failed attempt %d", attempt)
                    .isEqualTo(401);
        }
        var limited = guessing.get("/api/me");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().get("code").asText()).isEqualTo("too-many-failed-authentications");
        assertThat(limited.json().path("instance").asText()).isEqualTo("/api/me");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(api.as(ApiTokens.generate()).get("/api/contacts").status())
                .as("the limit is per client, not per token")
                .isEqualTo(429);

        var rightGuess = valid.get("/api/me");
        assertThat(rightGuess.status())
                .as("a right guess from a limited client is not even checked")
                .isEqualTo(429);
        assertThat(rightGuess.body()).doesNotContain("username");
        assertThat(valid.post("/api/me/tokens", Map.of("name", "not now")).status())
                .isEqualTo(429);
        assertThat(guessing.get("/api/me").status())
                .as("requests while limited do not refill the allowance")
                .isEqualTo(429);
    }
}
