package dev.medianest.channels.web;

import dev.medianest.features.accounts.Principal;
import dev.medianest.features.downloads.BoardView;
import dev.medianest.features.downloads.DownloadAudience;
import dev.medianest.features.downloads.DownloadBoard;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /live/downloads}: while at least one Downloads page is open, the server asks every
 * download client for its torrents about once a second and sends each open page the groups that
 * changed, rendered for that page's language and view. With no page open nothing is polled.
 */
final class DownloadLive implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadLive.class);
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** A comment each quiet round: a few bytes a second, and a page that went away is noticed at the next write. */
    private static final Duration PING = Duration.ofSeconds(1);

    private final Pages pages;
    private final DownloadBoard board;
    private final DownloadAudience audience;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final SseHandler handler = new SseHandler(this::connect);
    private final Object lock = new Object();
    private Thread poller;
    private volatile boolean closed;

    DownloadLive(Pages pages, DownloadBoard board, DownloadAudience audience) {
        this.pages = pages;
        this.board = board;
        this.audience = audience;
    }

    void downloads(Context ctx) throws Exception {
        if (!EventStream.wanted(ctx) || closed) {
            ctx.status(406).result("This address streams download updates to the Downloads page (text/event-stream).");
            return;
        }
        handler.handle(ctx);
    }

    private void connect(SseClient client) {
        PageContext page = pages.context(client.ctx());
        BoardView view = BoardView.of(client.ctx()::queryParam);
        client.keepAlive();
        Principal viewer = RequestState.of(client.ctx()).requirePrincipal();
        Watcher watcher = new Watcher(client, page, view, System.nanoTime(), viewer.admin(), viewer.user().id());
        client.onClose(() -> watchers.remove(watcher));
        synchronized (lock) {
            watchers.add(watcher);
            if (poller == null && !closed) {
                LOG.info("downloads polling started");
                poller = Thread.ofVirtual().name("downloads-poller").start(this::poll);
            }
        }
    }

    private void poll() {
        long lastPing = System.nanoTime();
        try {
            while (true) {
                synchronized (lock) {
                    if (watchers.isEmpty() || closed) {
                        LOG.info("downloads polling stopped: no page watches");
                        poller = null;
                        return;
                    }
                }
                List<DownloadBoard.Group> groups = board.groups();
                boolean ping = System.nanoTime() - lastPing >= PING.toNanos() - INTERVAL.toNanos() / 2;
                if (ping) {
                    lastPing = System.nanoTime();
                }
                for (Watcher watcher : watchers) {
                    send(watcher, groups, ping);
                }
                Thread.sleep(INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (lock) {
                poller = null;
            }
        } catch (RuntimeException failure) {
            LOG.warn("downloads poller stopped", failure);
            synchronized (lock) {
                poller = null;
            }
        }
    }

    private void send(Watcher watcher, List<DownloadBoard.Group> groups, boolean ping) {
        SseClient client = watcher.client;
        try {
            if (client.terminated() || System.nanoTime() - watcher.since > LiveFeed.MAX_AGE.toNanos()) {
                watchers.remove(watcher);
                client.close();
                return;
            }
            List<DownloadBoard.Group> shown = audience.visible(watcher.admin, watcher.userId, groups).stream()
                    .filter(watcher.view::shows).toList();
            // Each page remembers what it shows: a changed set of groups (a client added, or a member's
            // download started or gone) redraws them all, otherwise only the groups that changed are sent.
            boolean everything = watcher.fresh || !ids(shown).equals(ids(watcher.shown));
            Map<Long, DownloadBoard.Group> before = new HashMap<>();
            watcher.shown.forEach(group -> before.put(group.instance().id(), group));
            watcher.shown = shown;
            if (everything) {
                client.sendEvent("swap", pages.fragment("download_groups.jte",
                        Map.of("page", watcher.page, "view", watcher.view, "groups", shown)));
                watcher.fresh = false;
            } else {
                for (DownloadBoard.Group group : shown) {
                    if (!group.equals(before.get(group.instance().id()))) {
                        client.sendEvent("swap", pages.fragment("download_group.jte",
                                Map.of("page", watcher.page, "view", watcher.view, "group", group)));
                    }
                }
                if (ping) {
                    client.sendComment("ping");
                }
            }
        } catch (RuntimeException failure) {
            LOG.debug("downloads stream ended", failure);
            watchers.remove(watcher);
            client.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        watchers.forEach(watcher -> watcher.client.close());
    }

    private static List<Long> ids(List<DownloadBoard.Group> groups) {
        return groups.stream().map(group -> group.instance().id()).toList();
    }

    private static final class Watcher {
        final SseClient client;
        final PageContext page;
        final BoardView view;
        final long since;
        final boolean admin;
        final long userId;
        volatile boolean fresh = true;
        volatile List<DownloadBoard.Group> shown = List.of();

        Watcher(SseClient client, PageContext page, BoardView view, long since, boolean admin, long userId) {
            this.client = client;
            this.page = page;
            this.view = view;
            this.since = since;
            this.admin = admin;
            this.userId = userId;
        }
    }
}
