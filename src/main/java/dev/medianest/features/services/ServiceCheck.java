package dev.medianest.features.services;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored health check of a service: a row of {@code service_checks}. Only the first problem
 * is kept, as a message key and arguments, so each reader sees it in their own language.
 */
public record ServiceCheck(long serviceId, Instant checkedAt, Probe.State state, Duration responseTime,
                           Optional<String> version, Optional<ServiceProblem> problem) {

    public ServiceCheck {
        Objects.requireNonNull(checkedAt);
        Objects.requireNonNull(state);
        Objects.requireNonNull(responseTime);
        Objects.requireNonNull(version);
        Objects.requireNonNull(problem);
        // Stored in whole milliseconds, so a check reads back equal to the one recorded.
        responseTime = responseTime.isNegative() ? Duration.ZERO : Duration.ofMillis(responseTime.toMillis());
    }

    static ServiceCheck of(long serviceId, Instant checkedAt, Probe probe) {
        return new ServiceCheck(serviceId, checkedAt, probe.state(), probe.responseTime(), probe.version(),
                probe.problems().stream().findFirst());
    }
}
