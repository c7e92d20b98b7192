package dev.medianest.channels.web;

import dev.medianest.features.events.DomainEvent;
import dev.medianest.features.events.RequestChanged;
import dev.medianest.features.events.ServiceStatusChanged;
import dev.medianest.features.events.ServicesChanged;
import dev.medianest.features.services.ServiceHealth;
import dev.medianest.features.services.ServiceStatus;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;

import java.util.Map;
import java.util.Optional;

/**
 * The SSE hub: open dashboards get their service cards re-rendered and pushed as {@code swap}
 * events (HTML whose elements replace those with the same id; see app.js). Cards are rendered per
 * browser, in its reader's language, with the page context captured at connect time.
 */
final class LiveUpdates implements AutoCloseable {

    private final Pages pages;
    private final ServiceHealth health;
    private final LiveFeed<DomainEvent> feed;

    LiveUpdates(Pages pages, ServiceHealth health) {
        this.pages = pages;
        this.health = health;
        // The grid as it is now first.
        this.feed = new LiveFeed<>("dashboard", "This address streams dashboard updates to the dashboard page (text/event-stream).",
                new ServicesChanged(), this::open);
    }

    /** GET /live/dashboard. */
    void dashboard(Context ctx) throws Exception {
        feed.handle(ctx);
    }

    void deliver(DomainEvent event) {
        feed.offer(event);
    }

    private LiveFeed.Reader<DomainEvent> open(SseClient client) {
        PageContext page = pages.context(client.ctx());
        return event -> {
            switch (event) {
                case ServicesChanged changed -> client.sendEvent("swap", pages.fragment("service_cards.jte",
                        Map.of("page", page, "statuses", health.board())));
                case ServiceStatusChanged changed -> {
                    // A service removed meanwhile has no card; the ServicesChanged of its removal redraws the grid.
                    Optional<ServiceStatus> status = health.status(changed.serviceId());
                    status.ifPresent(found -> client.sendEvent("swap", pages.fragment("service_card.jte",
                            Map.of("page", page, "status", found))));
                }
                case RequestChanged changed -> {
                    // the dashboard shows no requests
                }
            }
        };
    }

    /** Ends every stream, so a graceful stop does not wait for open dashboards. */
    @Override
    public void close() {
        feed.close();
    }
}
