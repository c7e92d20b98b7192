package dev.medianest.features.events;

/** A configured service went UP, DEGRADED or DOWN, or the reason it is down changed. */
public record ServiceStatusChanged(long serviceId) implements DomainEvent {

    public ServiceStatusChanged {
        if (serviceId <= 0) {
            throw new IllegalArgumentException("serviceId must be positive: " + serviceId);
        }
    }
}
