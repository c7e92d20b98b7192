package dev.medianest.features.events;

/** A service was added, edited or removed in Settings › Services (or through the API). */
public record ServicesChanged() implements DomainEvent {
}
