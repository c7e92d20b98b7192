package dev.medianest.features.events;

/**
 * Something that happened in the domain, published on the {@link EventBus}. Events carry ids
 * only: a subscriber reads the current state itself, so a late or repeated event never shows
 * stale data. The family is closed so every subscriber's {@code switch} is checked for
 * completeness; later features add their records here.
 */
public sealed interface DomainEvent permits ServiceStatusChanged, ServicesChanged, RequestChanged {
}
