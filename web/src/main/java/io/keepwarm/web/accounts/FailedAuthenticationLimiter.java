package io.keepwarm.web.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Counts failed authentications per client address with a token bucket (Bucket4j): a burst of
 * {@code keepwarm.auth.failures-per-minute} failures is allowed, refilled over a minute; past that the client is
 * told to wait. Buckets of quiet clients expire, so the map cannot grow without bound.
 */
@Component
public class FailedAuthenticationLimiter {

    private final Cache<String, Bucket> buckets;
    private final long failuresPerMinute;

    public FailedAuthenticationLimiter(@Value("${keepwarm.auth.failures-per-minute:20}") long failuresPerMinute) {
        this.failuresPerMinute = failuresPerMinute;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    /**
     * 0 while the client may present a token, else the seconds until it may again. A limited client's tokens are
     * not checked at all, so the limit holds a guesser back even from a right guess.
     */
    public long limitedFor(String client) {
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket == null) {
            return 0;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : secondsToWait(probe.getNanosToWaitForRefill());
    }

    /** Records one failure; returns 0 while the client is within its allowance, else the seconds to wait. */
    public long recordFailure(String client) {
        Bucket bucket = buckets.get(client, key -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(failuresPerMinute)
                        .refillGreedy(failuresPerMinute, Duration.ofMinutes(1))
                        .build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : secondsToWait(probe.getNanosToWaitForRefill());
    }

    private static long secondsToWait(long nanos) {
        return Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1);
    }
}
