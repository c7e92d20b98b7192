package dev.medianest.platform.net;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * A request allowance: a token bucket per caller (a user, an address, an API token) holding
 * {@code perMinute} requests and refilling them over a minute. The JSON API and the MCP endpoint
 * each keep one. In memory: one instance only; several instances will share buckets through Redis.
 */
public final class RateLimiter {

    private final long perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterAccess(Duration.ofMinutes(5))
            .build();

    public RateLimiter(long perMinute) {
        this.perMinute = perMinute;
    }

    /** Takes one request from the caller's allowance; the seconds to wait when there is none left. */
    public OptionalLong take(String caller) {
        Bucket bucket = buckets.get(caller, key -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }
}
