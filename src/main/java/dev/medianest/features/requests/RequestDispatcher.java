package dev.medianest.features.requests;

import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends approved requests to their backend and keeps in-flight ones in step with it. A request
 * whose backend is down stays APPROVED with the reason shown and is tried again, waiting 30 s and
 * doubling up to 30 minutes; it is never dropped, and a restart picks it up from the database.
 * Reconciliation asks the backend about every request it is working on, catching whatever a missed
 * webhook would have lost.
 */
public final class RequestDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY = Duration.ofMinutes(30);
    private static final Duration TICK = Duration.ofSeconds(5);

    private final Requests requests;
    private final RequestRouter router;
    private final Duration reconcileEvery;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Long, ReentrantLock> sending = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread timer;

    public RequestDispatcher(Requests requests, RequestRouter router, Duration reconcileEvery) {
        this.requests = requests;
        this.router = router;
        this.reconcileEvery = reconcileEvery;
        requests.onApproved(this::sendSoon);
    }

    /** Starts the timer: due sends every few seconds, reconciliation at its interval. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        timer = Thread.ofVirtual().name("request-dispatcher").start(() -> {
            Instant lastReconcile = Instant.EPOCH;
            while (running) {
                try {
                    sendDue();
                    Instant now = requests.clock().instant();
                    if (Duration.between(lastReconcile, now).compareTo(reconcileEvery) >= 0) {
                        lastReconcile = now;
                        reconcile();
                    }
                    Thread.sleep(TICK);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException unexpected) {
                    LOG.warn("request dispatch round failed", unexpected);
                }
            }
        });
    }

    /** Sends, on its own thread, a request that was just approved, so the requester sees it move at once. */
    public void sendSoon(long id) {
        if (!work.isShutdown()) {
            work.submit(() -> sendDue(Set.of(id)));
        }
    }

    /** Sends every approved request that is due; the tests call this instead of waiting for the timer. */
    public void sendDue() {
        sendDue(Set.of());
    }

    private void sendDue(Set<Long> only) {
        for (MediaRequest due : requests.dueForSending()) {
            if (!only.isEmpty() && !only.contains(due.id())) {
                continue;
            }
            // One sender per request: a second caller waits for the first and then finds it sent.
            ReentrantLock lock = sending.computeIfAbsent(due.id(), id -> new ReentrantLock());
            lock.lock();
            try {
                requests.stillDue(due.id()).ifPresent(this::send);
            } finally {
                lock.unlock();
                // Nobody else waiting: forget the lock, so the map holds only requests being sent.
                // A sender arriving meanwhile takes a new lock and finds the request no longer due.
                if (!lock.hasQueuedThreads()) {
                    sending.remove(due.id(), lock);
                }
            }
        }
    }

    private void send(MediaRequest request) {
        try {
            RequestBackend backend = router.backend(request.route());
            requests.observed(request.id(), backend.send(request), sourceName(request));
        } catch (RequestFailure failure) {
            retryLater(request, failure.problem());
        } catch (AppException refused) {
            retryLater(request, ServiceProblem.of(refused.code().messageKey(), java.util.Arrays.stream(refused.args()).map(String::valueOf)
                    .toArray(String[]::new)));
        } catch (RuntimeException unexpected) {
            LOG.warn("sending request {} failed unexpectedly", request.id(), unexpected);
            retryLater(request, ServiceProblem.of("request.error.unexpected"));
        }
    }

    private void retryLater(MediaRequest request, ServiceProblem problem) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(request.attempts(), 10));
        if (wait.compareTo(MAX_RETRY) > 0) {
            wait = MAX_RETRY;
        }
        LOG.info("request {} ({}) could not be sent: {}; next attempt in {} s", request.id(), request.title().key(), problem.messageKey(),
                wait.toSeconds());
        requests.attemptFailed(request.id(), problem, requests.clock().instant().plus(wait));
    }

    /** Asks the backend about every in-flight request and records what changed. */
    public void reconcile() {
        for (MediaRequest request : requests.inFlight()) {
            try {
                requests.observed(request.id(), router.backend(request.route()).observe(request), sourceName(request));
            } catch (RequestFailure | AppException unavailable) {
                LOG.debug("could not reconcile request {}", request.id(), unavailable);
            } catch (RuntimeException unexpected) {
                LOG.warn("reconciling request {} failed", request.id(), unexpected);
            }
        }
    }

    private static String sourceName(MediaRequest request) {
        return switch (request.route()) {
            case DIRECT -> switch (request.title().type()) {
                case MOVIE -> "Radarr";
                case SERIES -> "Sonarr";
                case BOOK -> "Readarr";
            };
            case SEERR -> "Seerr";
        };
    }

    @Override
    public synchronized void close() {
        running = false;
        if (timer != null) {
            timer.interrupt();
        }
        // Let a send under way finish (its database write must not be cut off), then stop what is left.
        work.shutdown();
        try {
            if (!work.awaitTermination(5, TimeUnit.SECONDS)) {
                work.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            work.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
