package dev.medianest.features.services;

import dev.medianest.platform.db.Database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health history of the configured services, as the dashboard, the status API and the
 * status job read it. Disk space is kept from the latest probe in memory only: it changes with
 * every probe and is worth nothing once stale, so it is not history.
 */
public final class ServiceHealth {

    /** How long checks are kept. */
    public static final Duration RETENTION = Duration.ofDays(30);
    /** The sparkline's window and resolution: 48 half-hour slots. */
    public static final Duration WINDOW = Duration.ofHours(24);
    public static final int SLOTS = 48;

    private final Database database;
    private final Clock clock;
    private final ServiceCatalog catalog;
    private final CheckStore store = new CheckStore();
    private final Map<Long, List<Probe.Disk>> disks = new ConcurrentHashMap<>();

    public ServiceHealth(Database database, Clock clock, ServiceCatalog catalog) {
        this.database = database;
        this.clock = clock;
        this.catalog = catalog;
    }

    /** Every configured service with its status, in the catalog's order (by kind, then name). */
    public List<ServiceStatus> board() {
        return catalog.list().stream().map(this::statusOf).toList();
    }

    /** One service's status; empty when it was removed. */
    public Optional<ServiceStatus> status(long serviceId) {
        return catalog.find(serviceId).map(this::statusOf);
    }

    public ServiceStatus statusOf(ServiceInstance instance) {
        String webUrl;
        try {
            webUrl = catalog.connector(instance.kind()).webUrl(instance);
        } catch (RuntimeException noConnector) {
            webUrl = instance.baseUrl().toString();
        }
        return new ServiceStatus(instance, latest(instance.id()), lastDay(instance.id()), disks(instance.id()), webUrl);
    }

    public Optional<ServiceCheck> latest(long serviceId) {
        return database.read(handle -> store.latest(handle, serviceId));
    }

    /** The newest checks first, at most {@code limit}. */
    public List<ServiceCheck> recent(long serviceId, int limit) {
        return database.read(handle -> store.recent(handle, serviceId, limit));
    }

    /** The last 24 hours in half-hour slots, ending now. */
    public Uptime lastDay(long serviceId) {
        Duration slot = WINDOW.dividedBy(SLOTS);
        // Slots end at the next slot boundary after now, so the newest slot is the current half hour.
        long slotMillis = slot.toMillis();
        long end = (clock.millis() / slotMillis + 1) * slotMillis;
        Instant from = Instant.ofEpochMilli(end).minus(WINDOW);
        return database.read(handle -> store.uptime(handle, serviceId, from, slot, SLOTS));
    }

    /** Free and total space of the service's disks as its latest probe since this server started saw them. */
    public List<Probe.Disk> disks(long serviceId) {
        return disks.getOrDefault(serviceId, List.of());
    }

    void record(ServiceCheck check, List<Probe.Disk> latestDisks) {
        database.writeVoid(handle -> store.insert(handle, check));
        disks.put(check.serviceId(), List.copyOf(latestDisks));
    }

    void forget(long serviceId) {
        disks.remove(serviceId);
    }

    int deleteOlderThan(long serviceId, Instant cutoff) {
        return database.write(handle -> store.deleteOlderThan(handle, serviceId, cutoff));
    }
}
