package dev.medianest.channels.web;

import dev.medianest.features.accounts.Principal;
import dev.medianest.features.events.DomainEvent;
import dev.medianest.features.events.RequestChanged;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestListView;
import dev.medianest.features.requests.RequestPage;
import dev.medianest.features.requests.Requests;
import dev.medianest.platform.errors.AppException;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /live/requests}: an open Requests page ({@code ?<its view>}) or request page
 * ({@code ?id=N}) gets what changed as {@code swap} events (see app.js) when a request changes.
 * Every stream reads the requests again as its own viewer, so it only ever renders what that
 * person may see: a member's stream never carries someone else's request. A changed row that is
 * on the page is sent alone; when the page's set of requests changed, the whole list is.
 */
final class RequestLive implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLive.class);
    private static final Duration PING = Duration.ofSeconds(20);
    /** As for the dashboard: a reconnect passes the gatekeeper again, so a disabled account stops getting updates. */
    private static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final int QUEUE_LIMIT = 256;
    /** Queued first on connect: sends the page as it is now, so nothing between page load and connection is lost. */
    private static final long EVERYTHING = 0;

    private final Pages pages;
    private final Requests requests;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final SseHandler handler = new SseHandler(this::connect);
    private volatile boolean closed;

    RequestLive(Pages pages, Requests requests) {
        this.pages = pages;
        this.requests = requests;
    }

    void requests(Context ctx) throws Exception {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream") || closed) {
            ctx.status(406).result("This address streams request updates to the Requests page (text/event-stream).");
            return;
        }
        handler.handle(ctx);
    }

    void deliver(DomainEvent event) {
        if (!(event instanceof RequestChanged changed)) {
            return;
        }
        for (Listener listener : listeners) {
            if (!listener.queue.offer(changed.requestId())) {
                // A browser that stopped reading: its EventSource reconnects and gets the whole page.
                listener.client.close();
            }
        }
    }

    /** How many pages are open on the stream; tests wait for a browser's page to be listening. */
    int listening() {
        return listeners.size();
    }

    private void connect(SseClient client) {
        PageContext page = pages.context(client.ctx());
        Principal who = RequestState.of(client.ctx()).requirePrincipal();
        Optional<Long> detail = Optional.ofNullable(client.ctx().queryParam("id")).flatMap(RequestLive::positive);
        RequestListView view = RequestListView.of(client.ctx()::queryParam, Requests.manages(who));
        client.keepAlive();
        Listener listener = new Listener(client, page, who, detail, view);
        listeners.add(listener);
        listener.queue.offer(EVERYTHING);
        Thread thread = Thread.ofVirtual().name("sse-requests").unstarted(listener::run);
        client.onClose(() -> {
            listeners.remove(listener);
            thread.interrupt();
        });
        thread.start();
    }

    private static Optional<Long> positive(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip())).filter(id -> id > 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        closed = true;
        listeners.forEach(listener -> listener.client.close());
    }

    private final class Listener {
        final SseClient client;
        final PageContext page;
        final Principal who;
        final Optional<Long> detail;
        final RequestListView view;
        final BlockingQueue<Long> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
        /** The ids and total the page shows now, to tell a changed row from a changed list. */
        private List<Long> shownIds = List.of();
        private int shownTotal = -1;

        Listener(SseClient client, PageContext page, Principal who, Optional<Long> detail, RequestListView view) {
            this.client = client;
            this.page = page;
            this.who = who;
            this.detail = detail;
            this.view = view;
        }

        void run() {
            long endAt = System.nanoTime() + MAX_AGE.toNanos();
            try {
                while (!client.terminated() && !closed && System.nanoTime() - endAt < 0) {
                    Long id = queue.poll(PING.toMillis(), TimeUnit.MILLISECONDS);
                    if (client.terminated()) {
                        break;
                    }
                    if (id == null) {
                        client.sendComment("ping");
                    } else if (detail.isPresent()) {
                        sendDetail(id);
                    } else {
                        sendList(id);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException failure) {
                LOG.debug("requests stream ended", failure);
            } finally {
                listeners.remove(this);
                client.close();
            }
        }

        private void sendDetail(long id) {
            long shown = detail.orElseThrow();
            if (id != EVERYTHING && id != shown) {
                return;
            }
            MediaRequest request;
            List<MediaRequest.Transition> timeline;
            try {
                request = requests.get(who, shown);
                timeline = requests.timeline(who, shown);
            } catch (AppException unseen) {
                return;
            }
            client.sendEvent("swap", pages.fragment("request_detail.jte", Map.of("page", page, "request", request,
                    "timeline", timeline, "manages", Requests.manages(who), "viewerId", who.user().id())));
        }

        private void sendList(long id) {
            long viewerId = who.user().id();
            RequestPage list = requests.list(who, view.filter(viewerId));
            List<Long> ids = list.requests().stream().map(MediaRequest::id).toList();
            Optional<MediaRequest> changed = list.requests().stream().filter(request -> request.id() == id).findFirst();
            boolean manages = Requests.manages(who);
            if (id == EVERYTHING || !ids.equals(shownIds) || list.total() != shownTotal) {
                shownIds = ids;
                shownTotal = list.total();
                client.sendEvent("swap", pages.fragment("request_quota.jte", Map.of("page", page, "quota", requests.quota(viewerId)))
                        + pages.fragment("request_list.jte", Map.of("page", page, "view", view, "list", list, "manages", manages,
                        "viewerId", viewerId)));
            } else if (changed.isPresent()) {
                String back = "/requests" + (view.query().isEmpty() ? "" : "?" + view.query());
                String row = pages.fragment("request_row.jte", Map.of("page", page, "request", changed.get(), "manages", manages,
                        "viewerId", viewerId, "back", back, "linkTitle", true));
                String quota = changed.get().requestedBy(viewerId)
                        ? pages.fragment("request_quota.jte", Map.of("page", page, "quota", requests.quota(viewerId))) : "";
                client.sendEvent("swap", quota + row);
            }
        }
    }
}
