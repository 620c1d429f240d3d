package io.keepwarm.web.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits each user's writes with a token bucket (Bucket4j): a burst of {@code keepwarm.rate-limit.writes-per-minute}
 * writes (default 600), refilled evenly over a minute. Buckets live in this node's memory, so with several nodes
 * the limit holds per node; buckets of quiet users expire, so the map cannot grow without bound.
 */
@Component
public class WriteRateLimiter {

    private final Cache<UUID, Bucket> buckets;
    private final long writesPerMinute;

    public WriteRateLimiter(@Value("${keepwarm.rate-limit.writes-per-minute:600}") long writesPerMinute) {
        if (writesPerMinute < 1) {
            throw new IllegalArgumentException("keepwarm.rate-limit.writes-per-minute must be at least 1");
        }
        this.writesPerMinute = writesPerMinute;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    /** Takes one write from the user's allowance: 0 when allowed, else the whole seconds to wait for the next. */
    public long tryWrite(UUID userId) {
        Bucket bucket = buckets.get(userId, key -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(writesPerMinute)
                        .refillGreedy(writesPerMinute, Duration.ofMinutes(1))
                        .build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        long nanos = probe.getNanosToWaitForRefill();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
