package dev.medianest.features.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one in-process bus of domain events. Delivery is synchronous, in subscription order, on
 * the publisher's thread, so subscribers must hand slow work to their own threads (the SSE hub
 * queues per browser). A failing subscriber is logged and never stops the others or the publisher.
 */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final List<Consumer<DomainEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** Adds a subscriber; the composition root does this once per subscriber at start. */
    public void subscribe(Consumer<DomainEvent> subscriber) {
        subscribers.add(subscriber);
    }

    public void publish(DomainEvent event) {
        for (Consumer<DomainEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException failure) {
                LOG.warn("a subscriber failed on {}", event, failure);
            }
        }
    }
}
