package io.keepwarm.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final VerifiedTokens tokens = new VerifiedTokens();
    private final AuthenticatedUser user =
            new AuthenticatedUser(UUID.randomUUID(), "ada", Role.USER, UUID.randomUUID());
    private final byte[] hash = ApiTokens.hash(ApiTokens.generate());

    @Test
    void a_token_kept_is_found_by_its_hash_and_another_hash_is_not() {
        tokens.keep(hash, user, null, null, tokens.generation());

        assertThat(tokens.find(hash.clone()).user()).isEqualTo(user);
        assertThat(tokens.find(ApiTokens.hash(ApiTokens.generate()))).isNull();
    }

    @Test
    void forgetting_drops_every_token_and_a_look_up_that_started_before_is_not_kept() {
        tokens.keep(hash, user, null, null, tokens.generation());
        long startedBefore = tokens.generation();

        tokens.forget();
        tokens.keep(hash, user, null, null, startedBefore);

        assertThat(tokens.find(hash))
                .as("read before the change: the table as it was")
                .isNull();
        tokens.keep(hash, user, null, null, tokens.generation());
        assertThat(tokens.find(hash)).isNotNull();
    }

    @Test
    void a_use_written_is_remembered_until_the_token_is_read_again() {
        VerifiedTokens.Verified kept = tokens.keep(hash, user, null, null, tokens.generation());
        Instant now = Instant.parse("2026-12-04T01:00:00Z");

        tokens.used(hash, kept, now);

        assertThat(tokens.find(hash).lastUsedAt()).isEqualTo(now);
    }

    @Test
    void a_token_is_believed_for_at_most_verified_for() throws InterruptedException {
        tokens.keep(hash, user, null, null, tokens.generation());

        Thread.sleep(VerifiedTokens.FOR.toMillis() + 50);

        assertThat(tokens.find(hash)).isNull();
    }
}
