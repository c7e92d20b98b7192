package dev.medianest.features.services;

import dev.medianest.features.events.DomainEvent;
import dev.medianest.features.events.EventBus;
import dev.medianest.features.events.ServiceStatusChanged;
import dev.medianest.features.events.ServicesChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Probes every configured service through its connector on a schedule and stores what it found.
 *
 * <p>Each service has its own due time: the last check plus the interval, doubled for every
 * failed check in a row up to {@link #MAX_BACKOFF} (a service that is off for the night is not
 * hammered), and "now" after it was added or edited. The schedule is derived from
 * {@code service_checks}, so it survives a restart. Every probe runs on its own virtual thread
 * with a deadline, and records its own result, so one slow or hanging service delays no other.
 * A change of state (or of the reason it is down) is published as {@link ServiceStatusChanged}.
 */
public final class StatusJob implements AutoCloseable {

    /** The longest a failing service waits between probes (unless the interval itself is longer). */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    /** Enough rows to see the longest backoff: 2^5 × 60 s already passes 30 minutes. */
    private static final int FAILURES_LOOKED_AT = 16;
    private static final Logger LOG = LoggerFactory.getLogger(StatusJob.class);

    private final ServiceCatalog catalog;
    private final ServiceHealth health;
    private final EventBus events;
    private final Clock clock;
    private final Duration interval;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Long, Track> tracks = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Optional<ServiceCheck>>> inFlight = new ConcurrentHashMap<>();
    /** The latest probe launched per service, numbered, so a round can tell which came after it began. */
    private final Map<Long, Launch> latest = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong launches = new java.util.concurrent.atomic.AtomicLong();

    private record Launch(long sequence, CompletableFuture<Optional<ServiceCheck>> done) {
    }
    private final ReentrantLock timerLock = new ReentrantLock();
    private final Condition woken = timerLock.newCondition();
    private volatile boolean wakeRequested;
    private volatile boolean closed;
    private volatile Instant lastPurge;
    private Thread timer;

    /** What the schedule knows of one service: its latest check and how many failed in a row. */
    private record Track(Instant checkedAt, Probe.State state, Optional<String> problemKey, int failures) {
    }

    public StatusJob(ServiceCatalog catalog, ServiceHealth health, EventBus events, Clock clock, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the probe interval must be positive: " + interval);
        }
        this.catalog = Objects.requireNonNull(catalog);
        this.health = Objects.requireNonNull(health);
        this.events = Objects.requireNonNull(events);
        this.clock = Objects.requireNonNull(clock);
        this.interval = interval;
    }

    /** Starts the timer that runs due probes in the background (the server does; CLI commands do not). */
    public synchronized void start() {
        if (timer == null && !closed) {
            timer = Thread.ofVirtual().name("status-job").start(this::loop);
        }
    }

    /**
     * Probes every service that is due now and waits until each probe in flight has recorded its
     * result or met its deadline; returns the checks recorded meanwhile. The timer calls the same
     * logic without waiting; tests call this with a moved clock instead of waiting for the timer.
     */
    public List<ServiceCheck> runDueRound() {
        // A quick probe removes itself from inFlight as it finishes, and the timer may launch a due
        // probe just before this round does: so the round waits for what was in flight when it
        // began and for every probe launched since, by whichever thread, finished or not.
        long since = launches.get();
        List<CompletableFuture<Optional<ServiceCheck>>> probes = new ArrayList<>(inFlight.values());
        launchDue();
        latest.values().stream().filter(launch -> launch.sequence() > since).map(Launch::done)
                .filter(done -> probes.stream().noneMatch(known -> known == done)).forEach(probes::add);
        purgeIfDue();
        List<ServiceCheck> recorded = new ArrayList<>();
        for (CompletableFuture<Optional<ServiceCheck>> probe : probes) {
            probe.join().ifPresent(recorded::add);
        }
        return recorded;
    }

    /** When the service is next due, as the schedule stands (for tests and diagnostics). */
    public Optional<Instant> nextDue(long serviceId) {
        return catalog.list().stream().filter(instance -> instance.id() == serviceId).findFirst().map(this::dueAt);
    }

    /** How long a service waits after {@code failures} failed checks in a row. */
    public Duration delayAfter(int failures) {
        if (failures <= 0) {
            return interval;
        }
        Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
        Duration delay = interval.multipliedBy(1L << Math.min(failures, 20));
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    /** The composition root subscribes this: an added or edited service is probed at once, not at the next tick. */
    public void onEvent(DomainEvent event) {
        switch (event) {
            case ServicesChanged changed -> wake();
            case ServiceStatusChanged changed -> {
                // our own announcement
            }
            case dev.medianest.features.events.RequestChanged changed -> {
                // requests do not change what is probed
            }
        }
    }

    private void wake() {
        timerLock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            timerLock.unlock();
        }
    }

    private void loop() {
        while (!closed) {
            Duration wait = Duration.ofSeconds(30);
            try {
                Optional<Instant> next = launchDue();
                purgeIfDue();
                if (next.isPresent()) {
                    Duration untilDue = Duration.between(clock.instant(), next.get());
                    wait = untilDue.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                            : untilDue.compareTo(wait) > 0 ? wait : untilDue;
                }
            } catch (RuntimeException failure) {
                LOG.warn("status round failed; next try in {} s", wait.toSeconds(), failure);
            }
            timerLock.lock();
            try {
                if (!wakeRequested && !closed) {
                    woken.await(wait.toMillis(), TimeUnit.MILLISECONDS);
                }
                wakeRequested = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                timerLock.unlock();
            }
        }
    }

    /** Launches a probe for each due service not already being probed; returns the earliest due time of the rest. */
    private synchronized Optional<Instant> launchDue() {
        if (closed) {
            return Optional.empty();
        }
        List<ServiceInstance> services = catalog.list();
        Set<Long> ids = services.stream().map(ServiceInstance::id).collect(Collectors.toSet());
        tracks.keySet().removeIf(id -> !ids.contains(id));
        Instant now = clock.instant();
        Instant earliest = null;
        for (ServiceInstance service : services) {
            if (inFlight.containsKey(service.id())) {
                continue;
            }
            Instant due = dueAt(service);
            if (!due.isAfter(now)) {
                launch(service);
            } else if (earliest == null || due.isBefore(earliest)) {
                earliest = due;
            }
        }
        return Optional.ofNullable(earliest);
    }

    private Instant dueAt(ServiceInstance service) {
        Track track = tracks.computeIfAbsent(service.id(), this::load);
        if (track == null || track.checkedAt().isBefore(service.updatedAt())) {
            return service.updatedAt(); // due since it was added or edited
        }
        return track.checkedAt().plus(delayAfter(track.failures()));
    }

    /** The schedule of a service this process has not probed yet, from its stored checks; null when it has none. */
    private Track load(long serviceId) {
        List<ServiceCheck> recent = health.recent(serviceId, FAILURES_LOOKED_AT);
        if (recent.isEmpty()) {
            return null;
        }
        int failures = 0;
        while (failures < recent.size() && recent.get(failures).state() == Probe.State.DOWN) {
            failures++;
        }
        ServiceCheck latest = recent.getFirst();
        return new Track(latest.checkedAt(), latest.state(), latest.problem().map(ServiceProblem::messageKey), failures);
    }

    private CompletableFuture<Optional<ServiceCheck>> launch(ServiceInstance service) {
        CompletableFuture<Optional<ServiceCheck>> done = new CompletableFuture<>();
        inFlight.put(service.id(), done);
        latest.put(service.id(), new Launch(launches.incrementAndGet(), done));
        threads.execute(() -> {
            Optional<ServiceCheck> recorded = Optional.empty();
            try {
                Probe probe = probeWithDeadline(service);
                // A probe cut short by shutting down says nothing about the service: it is not recorded.
                if (!closed) {
                    recorded = record(service, probe);
                }
            } catch (RuntimeException failure) {
                if (!closed) {
                    LOG.warn("recording the check of service {} failed", service.id(), failure);
                }
            } finally {
                inFlight.remove(service.id());
                done.complete(recorded);
            }
        });
        return done;
    }

    /** A probe that overruns its deadline is abandoned and counts as a timeout; so does a connector that throws. */
    private Probe probeWithDeadline(ServiceInstance service) {
        if (!service.secretsReadable()) {
            return Probe.down(Duration.ZERO, ServiceProblem.of("service.secrets_unreadable", service.name()));
        }
        ServiceConnector connector;
        try {
            connector = catalog.connector(service.kind());
        } catch (RuntimeException noConnector) {
            return Probe.down(Duration.ZERO, ServiceProblem.of("service.no_connector", service.name(), service.kind().displayName()));
        }
        // A connector makes a few calls in a row (status, health, disk space), each bounded by the timeout.
        Duration deadline = service.timeout().multipliedBy(3).plusSeconds(1);
        Future<Probe> running = threads.submit(() -> connector.probe(service));
        try {
            return running.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            running.cancel(true);
            return Probe.down(deadline, ServiceProblem.of("remote.timeout", service.name(), service.baseUrl().toString()));
        } catch (ExecutionException broken) {
            LOG.warn("the {} connector failed to probe service {}", service.kind().key(), service.id(), broken.getCause());
            return Probe.down(Duration.ZERO, ServiceProblem.of("service.probe_failed", service.name()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            return Probe.down(Duration.ZERO, ServiceProblem.of("service.probe_failed", service.name()));
        }
    }

    private Optional<ServiceCheck> record(ServiceInstance service, Probe probe) {
        ServiceCheck check = ServiceCheck.of(service.id(), clock.instant(), probe);
        try {
            health.record(check, probe.disks());
        } catch (RuntimeException removed) {
            // Removed while the probe ran: its checks went with it (ON DELETE CASCADE refuses the insert).
            if (catalog.list().stream().noneMatch(instance -> instance.id() == service.id())) {
                tracks.remove(service.id());
                latest.remove(service.id());
                health.forget(service.id());
                return Optional.empty();
            }
            throw removed;
        }
        Track before = tracks.get(service.id());
        Optional<String> problemKey = check.problem().map(ServiceProblem::messageKey);
        int failures = check.state() == Probe.State.DOWN ? (before == null ? 1 : before.failures() + 1) : 0;
        tracks.put(service.id(), new Track(check.checkedAt(), check.state(), problemKey, failures));
        if (before == null || before.state() != check.state() || !before.problemKey().equals(problemKey)) {
            LOG.info("service {} ({}) is {}{}", service.id(), service.name(), check.state(),
                    problemKey.map(key -> ": " + key).orElse(""));
            events.publish(new ServiceStatusChanged(service.id()));
        }
        return Optional.of(check);
    }

    private void purgeIfDue() {
        Instant now = clock.instant();
        Instant last = lastPurge;
        if (last != null && Duration.between(last, now).compareTo(PURGE_EVERY) < 0) {
            return;
        }
        lastPurge = now;
        Instant cutoff = now.minus(ServiceHealth.RETENTION);
        int deleted = 0;
        for (ServiceInstance service : catalog.list()) {
            deleted += health.deleteOlderThan(service.id(), cutoff);
        }
        if (deleted > 0) {
            LOG.info("deleted {} service checks older than {} days", deleted, ServiceHealth.RETENTION.toDays());
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        Thread running;
        synchronized (this) {
            running = timer;
        }
        if (running != null) {
            running.interrupt();
        }
        threads.shutdownNow();
    }
}
