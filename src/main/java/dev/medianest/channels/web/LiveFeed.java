package dev.medianest.channels.web;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The open pages of one kind on a server-sent-event stream ({@code GET /live/...}), fed with what
 * the publisher offers. Each page has its own queue and virtual thread, so a slow browser holds up
 * no other and never the publisher; each renders for itself, with what it captured when it
 * connected (its reader's language, who is looking, which view).
 *
 * @param <E> what the publisher offers (an event, a request id)
 */
final class LiveFeed<E> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    /** A comment now and then keeps proxies and Jetty's idle timeout from closing a quiet stream. */
    private static final Duration PING = Duration.ofSeconds(20);
    /**
     * Streams end after a while and the browser reconnects by itself: a signed-out or disabled
     * account then stops getting updates, because the reconnect passes the gatekeeper again.
     */
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final int QUEUE_LIMIT = 256;

    /** One open page: sends what an item changes on it. Called from that page's thread alone. */
    interface Reader<E> {
        void read(E item);
    }

    /** Makes a connecting page's reader, from the request that opened the stream. */
    interface Opener<E> {
        Reader<E> open(SseClient client);
    }

    private final String name;
    private final String refusal;
    private final E first;
    private final Opener<E> opener;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final SseHandler handler = new SseHandler(this::connect);
    private volatile boolean closed;

    /**
     * @param name    names the threads and the log line of a stream's end ("dashboard")
     * @param refusal the 406 answer to anything but an EventSource
     * @param first   read first by every page that connects: it then sends what it shows as it is now,
     *                so nothing that changed between the page load and the connection is lost
     */
    LiveFeed(String name, String refusal, E first, Opener<E> opener) {
        this.name = name;
        this.refusal = refusal;
        this.first = first;
        this.opener = opener;
    }

    /** Only EventSource requests ({@code Accept: text/event-stream}) get a stream. */
    void handle(Context ctx) throws Exception {
        if (!EventStream.wanted(ctx) || closed) {
            ctx.status(406).result(refusal);
            return;
        }
        handler.handle(ctx);
    }

    void offer(E item) {
        for (Listener listener : listeners) {
            if (!listener.queue.offer(item)) {
                // A browser that stopped reading: drop it; its EventSource reconnects and gets the whole page.
                listener.client.close();
            }
        }
    }

    private void connect(SseClient client) {
        Reader<E> reader = opener.open(client);
        client.keepAlive();
        Listener listener = new Listener(client, reader);
        listeners.add(listener);
        listener.queue.offer(first);
        Thread thread = Thread.ofVirtual().name("sse-" + name).unstarted(listener::run);
        // A browser that went away is noticed by Jetty; its thread stops at once instead of at the next ping.
        client.onClose(() -> {
            listeners.remove(listener);
            thread.interrupt();
        });
        thread.start();
    }

    /** Ends every stream, so a graceful stop does not wait for open pages. */
    @Override
    public void close() {
        closed = true;
        listeners.forEach(listener -> listener.client.close());
    }

    private final class Listener {
        final SseClient client;
        final Reader<E> reader;
        final BlockingQueue<E> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);

        Listener(SseClient client, Reader<E> reader) {
            this.client = client;
            this.reader = reader;
        }

        void run() {
            long endAt = System.nanoTime() + MAX_AGE.toNanos();
            try {
                while (!client.terminated() && !closed && System.nanoTime() - endAt < 0) {
                    E item = queue.poll(PING.toMillis(), TimeUnit.MILLISECONDS);
                    if (client.terminated()) {
                        break;
                    }
                    if (item == null) {
                        client.sendComment("ping");
                    } else {
                        reader.read(item);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException failure) {
                LOG.debug("{} stream ended", name, failure);
            } finally {
                listeners.remove(this);
                client.close();
            }
        }
    }
}
