package io.keepwarm.application.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * keepwarm's API tokens: {@code kw_} followed by 256 random bits in base64url. The prefix makes a leaked token
 * recognisable in logs and to secret scanners. Only a SHA-256 hash is ever stored; since a token carries 256
 * bits of entropy, a fast hash is as safe as a slow one and keeps authentication a single index lookup.
 */
public final class ApiTokens {

    public static final String PREFIX = "kw_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {}

    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Constant-time comparison of two hashes. */
    public static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    /** What may be shown of a token after creation: its prefix and last four characters. */
    public static String hint(String token) {
        return PREFIX + "…" + token.substring(Math.max(PREFIX.length(), token.length() - 4));
    }
}
