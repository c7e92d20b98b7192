package dev.medianest.features.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows down password guessing. Failures are counted per user name and per client address; past
 * a threshold each further failure locks that key out for twice as long as the last time
 * (30 s, 1 min, 2 min … capped at 1 h). A success clears the user name's count. An address gets
 * four times the user-name threshold, because a household shares one address.
 */
public final class SignInThrottle {

    static final Duration FIRST_LOCKOUT = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCKOUT = Duration.ofHours(1);
    private static final int ADDRESS_FACTOR = 4;

    private final Clock clock;
    private final int userThreshold;
    private final Cache<String, Failures> failures = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(24))
            .build();

    private record Failures(int count, Instant lockedUntil) {
    }

    public SignInThrottle(Clock clock, int userThreshold) {
        this.clock = clock;
        this.userThreshold = userThreshold;
    }

    /** How long the caller must wait before trying again; empty when a try is allowed now. */
    public Optional<Duration> waitBeforeTrying(String username, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : keys(username, address)) {
            Failures record = failures.getIfPresent(key);
            if (record != null && record.lockedUntil().isAfter(now)) {
                Duration remaining = Duration.between(now, record.lockedUntil());
                wait = remaining.compareTo(wait) > 0 ? remaining : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public void recordFailure(String username, String address) {
        Instant now = clock.instant();
        failures.asMap().compute(userKey(username), (key, old) -> next(old, userThreshold, now));
        failures.asMap().compute(addressKey(address), (key, old) -> next(old, userThreshold * ADDRESS_FACTOR, now));
    }

    public void recordSuccess(String username) {
        failures.invalidate(userKey(username));
    }

    private static Failures next(Failures old, int threshold, Instant now) {
        int count = old == null ? 1 : old.count() + 1;
        if (count < threshold) {
            return new Failures(count, Instant.EPOCH);
        }
        int doublings = Math.min(count - threshold, 20);
        Duration lockout = FIRST_LOCKOUT.multipliedBy(1L << doublings);
        if (lockout.compareTo(LONGEST_LOCKOUT) > 0) {
            lockout = LONGEST_LOCKOUT;
        }
        return new Failures(count, now.plus(lockout));
    }

    private static String[] keys(String username, String address) {
        return new String[]{userKey(username), addressKey(address)};
    }

    private static String userKey(String username) {
        return "user:" + AccountRules.usernameKey(username == null ? "" : username);
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "" : address);
    }
}
