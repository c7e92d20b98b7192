package dev.medianest.channels.web;

import dev.medianest.features.events.DomainEvent;
import dev.medianest.features.events.ServiceStatusChanged;
import dev.medianest.features.events.ServicesChanged;
import dev.medianest.features.services.ServiceHealth;
import dev.medianest.features.services.ServiceStatus;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The SSE hub: open dashboards get their service cards re-rendered and pushed as {@code swap}
 * events (HTML whose elements replace those with the same id; see app.js). Each browser has its
 * own queue and virtual thread, so a slow browser holds up no other and never the publisher.
 * Cards are rendered per browser, in its reader's language, with the page context captured at
 * connect time.
 */
final class LiveUpdates implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);
    /** A comment now and then keeps proxies and Jetty's idle timeout from closing a quiet stream. */
    private static final Duration PING = Duration.ofSeconds(20);
    /**
     * Streams end after a while and the browser reconnects by itself: a signed-out or disabled
     * account then stops getting updates, because the reconnect passes the gatekeeper again.
     */
    private static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final int QUEUE_LIMIT = 256;

    private final Pages pages;
    private final ServiceHealth health;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final SseHandler handler = new SseHandler(this::connect);
    private volatile boolean closed;

    LiveUpdates(Pages pages, ServiceHealth health) {
        this.pages = pages;
        this.health = health;
    }

    /** GET /live/dashboard: only EventSource requests ({@code Accept: text/event-stream}) get a stream. */
    void dashboard(Context ctx) throws Exception {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream") || closed) {
            ctx.status(406).result("This address streams dashboard updates to the dashboard page (text/event-stream).");
            return;
        }
        handler.handle(ctx);
    }

    void deliver(DomainEvent event) {
        for (Listener listener : listeners) {
            if (!listener.queue.offer(event)) {
                // A browser that stopped reading: drop it; its EventSource reconnects and gets the whole grid.
                listener.client.close();
            }
        }
    }

    private void connect(SseClient client) {
        PageContext page = pages.context(client.ctx());
        client.keepAlive();
        Listener listener = new Listener(client, page);
        listeners.add(listener);
        // The grid as it is now first: whatever changed between the page load and this connection is not lost.
        listener.queue.offer(new ServicesChanged());
        Thread thread = Thread.ofVirtual().name("sse-dashboard").unstarted(listener::run);
        // A browser that went away is noticed by Jetty; its thread stops at once instead of at the next ping.
        client.onClose(() -> {
            listeners.remove(listener);
            thread.interrupt();
        });
        thread.start();
    }

    /** Ends every stream, so a graceful stop does not wait for open dashboards. */
    @Override
    public void close() {
        closed = true;
        listeners.forEach(listener -> listener.client.close());
    }

    private final class Listener {
        final SseClient client;
        final PageContext page;
        final BlockingQueue<DomainEvent> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);

        Listener(SseClient client, PageContext page) {
            this.client = client;
            this.page = page;
        }

        void run() {
            long endAt = System.nanoTime() + MAX_AGE.toNanos();
            try {
                while (!client.terminated() && !closed) {
                    if (System.nanoTime() - endAt > 0) {
                        break;
                    }
                    DomainEvent event = queue.poll(PING.toMillis(), TimeUnit.MILLISECONDS);
                    if (client.terminated()) {
                        break;
                    }
                    if (event == null) {
                        client.sendComment("ping");
                    } else {
                        send(event);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException failure) {
                LOG.debug("dashboard stream ended", failure);
            } finally {
                listeners.remove(this);
                client.close();
            }
        }

        private void send(DomainEvent event) {
            if (client.terminated()) {
                return;
            }
            switch (event) {
                case ServicesChanged changed -> client.sendEvent("swap", pages.fragment("service_cards.jte",
                        Map.of("page", page, "statuses", health.board())));
                case ServiceStatusChanged changed -> {
                    // A service removed meanwhile has no card; the ServicesChanged of its removal redraws the grid.
                    Optional<ServiceStatus> status = health.status(changed.serviceId());
                    status.ifPresent(found -> client.sendEvent("swap", pages.fragment("service_card.jte",
                            Map.of("page", page, "status", found))));
                }
                case dev.medianest.features.events.RequestChanged changed -> {
                    // the dashboard shows no requests
                }
            }
        }
    }
}
