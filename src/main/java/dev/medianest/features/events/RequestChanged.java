package dev.medianest.features.events;

/** A request was created, joined, moved to another state, or its progress changed. */
public record RequestChanged(long requestId) implements DomainEvent {

    public RequestChanged {
        if (requestId <= 0) {
            throw new IllegalArgumentException("requestId must be positive: " + requestId);
        }
    }
}
