package io.keepwarm.application.accounts;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tokens this node found valid in the last {@link #FOR}, by hash, so that a client sending request after request
 * is not looked up in {@code api_token} for each one (docs/accounts.md, "How fast a revocation takes effect").
 *
 * <p>What it keeps is what the table said: the user, the token's expiry and its last recorded use. Expiry is checked
 * on every request against that, so an expired token stops at its instant. Revoking a token, disabling or deleting a
 * user on this node {@linkplain #forget() forgets} everything at once and again when that transaction completes, and
 * a look-up that started before a forget is not kept, so no request after the change is answered from the state
 * before it. A change made on another node, or in the table by hand, is seen here at the latest {@link #FOR} later.
 * Only valid tokens are kept: an unknown, revoked or refused token is looked up every time it is presented.
 *
 * <p>The key is the token's SHA-256 hash, never the token. Looking a hash up in a map is not a constant-time
 * comparison; the index look-up it saves is not one either, and a hash of 256 random bits gives nothing to guess.
 */
final class VerifiedTokens {

    /** How long a token found valid is believed without asking the table again. */
    static final Duration FOR = Duration.ofSeconds(1);

    /** More tokens than this in one second is not one busy client: the map is emptied rather than grown. */
    private static final int MAX_ENTRIES = 10_000;

    /** A valid token as the table had it, and when (monotonic nanos) and at which generation it was read. */
    record Verified(AuthenticatedUser user, Instant expiresAt, Instant lastUsedAt, long readAt, long generation) {

        Verified used(Instant at) {
            return new Verified(user, expiresAt, at, readAt, generation);
        }
    }

    private final ConcurrentHashMap<ByteBuffer, Verified> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long forNanos = FOR.toNanos();

    /** The generation a look-up starts at; pass it to {@link #keep}. */
    long generation() {
        return generation.get();
    }

    /** The token of this hash, if it was found valid less than {@link #FOR} ago and nothing was forgotten since. */
    Verified find(byte[] hash) {
        Verified found = entries.get(ByteBuffer.wrap(hash));
        if (found == null) {
            return null;
        }
        if (found.generation() != generation.get() || System.nanoTime() - found.readAt() >= forNanos) {
            entries.remove(ByteBuffer.wrap(hash), found);
            return null;
        }
        return found;
    }

    /** Keeps what a look-up that started at {@code startedAt} (a {@link #generation()}) found, unless forgotten since. */
    Verified keep(byte[] hash, AuthenticatedUser user, Instant expiresAt, Instant lastUsedAt, long startedAt) {
        Verified verified = new Verified(user, expiresAt, lastUsedAt, System.nanoTime(), startedAt);
        if (startedAt == generation.get()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(ByteBuffer.wrap(hash.clone()), verified);
        }
        return verified;
    }

    /** Records that the token's use at {@code at} was written, so that it is not written again within the minute. */
    void used(byte[] hash, Verified verified, Instant at) {
        entries.replace(ByteBuffer.wrap(hash), verified, verified.used(at));
    }

    /**
     * Forgets every token found valid: now, and again when the current transaction (if any) completes, as a request
     * between now and the commit still reads the table as it was.
     */
    void forget() {
        forgetNow();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forgetNow();
                }
            });
        }
    }

    private void forgetNow() {
        generation.incrementAndGet();
        entries.clear();
    }
}
