package io.keepwarm.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    @Test
    void a_token_is_kw_followed_by_256_random_bits_in_base64url() {
        String token = ApiTokens.generate();

        assertThat(token).startsWith("kw_").matches("kw_[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(token.substring(3))).hasSize(32);
    }

    @Test
    void tokens_do_not_repeat() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            tokens.add(ApiTokens.generate());
        }
        assertThat(tokens).hasSize(10_000);
    }

    @Test
    void every_bit_position_of_the_secret_varies() {
        byte[] everSet = new byte[32];
        byte[] alwaysSet = new byte[32];
        java.util.Arrays.fill(alwaysSet, (byte) 0xFF);
        for (int i = 0; i < 200; i++) {
            byte[] secret = Base64.getUrlDecoder().decode(ApiTokens.generate().substring(3));
            for (int b = 0; b < 32; b++) {
                everSet[b] |= secret[b];
                alwaysSet[b] &= secret[b];
            }
        }
        for (int b = 0; b < 32; b++) {
            assertThat(everSet[b]).as("byte %d has a bit never set", b).isEqualTo((byte) 0xFF);
            assertThat(alwaysSet[b]).as("byte %d has a bit never cleared", b).isZero();
        }
    }

    @Test
    void the_hash_is_sha_256_of_the_utf_8_token() {
        assertThat(HexFormat.of().formatHex(ApiTokens.hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String token = ApiTokens.generate();
        assertThat(ApiTokens.hash(token)).hasSize(32).isEqualTo(ApiTokens.hash(token));
        assertThat(ApiTokens.hash(token)).isNotEqualTo(ApiTokens.hash(ApiTokens.generate()));
    }

    @Test
    void matching_compares_the_whole_hash() {
        byte[] hash = ApiTokens.hash("kw_one");
        byte[] same = ApiTokens.hash("kw_one");
        byte[] lastByteDiffers = hash.clone();
        lastByteDiffers[31] ^= 1;
        byte[] firstByteDiffers = hash.clone();
        firstByteDiffers[0] ^= (byte) 0x80;

        assertThat(ApiTokens.matches(hash, same)).isTrue();
        assertThat(ApiTokens.matches(hash, lastByteDiffers)).isFalse();
        assertThat(ApiTokens.matches(hash, firstByteDiffers)).isFalse();
        assertThat(ApiTokens.matches(hash, java.util.Arrays.copyOf(hash, 31))).isFalse();
        assertThat(ApiTokens.matches(hash, new byte[0])).isFalse();
    }

    /**
     * Constant time: the comparison must not stop at the first differing byte. Timing is too noisy to assert in
     * a unit test, so this pins the implementation to the JDK's constant-time {@code MessageDigest.isEqual}
     * (its class file must reference it) and checks it answers alike.
     */
    @Test
    void matching_is_the_jdks_constant_time_comparison() throws Exception {
        byte[] a = ApiTokens.hash("kw_a");
        byte[] b = ApiTokens.hash("kw_b");
        assertThat(ApiTokens.matches(a, b)).isEqualTo(java.security.MessageDigest.isEqual(a, b));
        var source = new String(
                ApiTokens.class.getResourceAsStream("ApiTokens.class").readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(source).as("ApiTokens.matches uses MessageDigest.isEqual").contains("isEqual");
    }

    @Test
    void the_hint_shows_only_the_prefix_and_the_last_four_characters() {
        String token = ApiTokens.generate();

        assertThat(ApiTokens.hint(token)).isEqualTo("kw_…" + token.substring(token.length() - 4));
        assertThat(ApiTokens.hint("kw_ab")).isEqualTo("kw_…ab");
    }
}
