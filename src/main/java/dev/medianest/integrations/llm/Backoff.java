package dev.medianest.integrations.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * How long to wait before trying a turn again: {@code first}, then twice as long each time, never
 * longer than {@code longest}. A provider's own Retry-After is honoured when it asks for no more than
 * {@code longest}; a longer one means the limit will not lift within a turn, so there is no retry.
 */
record Backoff(Duration first, Duration longest) {

    /** 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s, … */
    static final Backoff STANDARD = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8));

    Backoff {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff grows from a positive first pause to a longer one");
        }
    }

    /** The pause before retry number {@code retry} (0 for the first retry), or empty when the provider asks for too long. */
    Optional<Duration> pause(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent() && retryAfter.get().compareTo(longest) > 0) {
            return Optional.empty();
        }
        Duration growing = first.multipliedBy(1L << Math.min(retry, 20));
        Duration pause = growing.compareTo(longest) > 0 ? longest : growing;
        return Optional.of(retryAfter.filter(asked -> asked.compareTo(pause) > 0).orElse(pause));
    }
}
