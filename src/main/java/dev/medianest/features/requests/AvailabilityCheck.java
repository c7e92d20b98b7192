package dev.medianest.features.requests;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.catalog.MediaKeeper.Catalogue;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.MediaKeeperConnector;
import dev.medianest.features.catalog.Title;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.events.DomainEvent;
import dev.medianest.features.events.RequestChanged;
import dev.medianest.features.events.ServiceStatusChanged;
import dev.medianest.features.events.ServicesChanged;
import dev.medianest.features.services.ServiceCatalog;
import dev.medianest.features.services.ServiceConnector;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.http.RemoteFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Works out the availability badge of a batch of titles (a search page, a Discover shelf, a title
 * page) from two sources: the libraries of the Radarr, Sonarr and Readarr instances (files on disk →
 * available or partially; monitored or in the queue → processing), and MediaNest's own open
 * requests (pending → requested; approved and later → processing).
 *
 * <p>It stays fast whatever the batch: each instance's whole library and queue are read in one go
 * ({@link MediaKeeper#library()}), kept for {@link #FRESH} and then read again in the background
 * while the old copy keeps serving; open requests come in one query per media type. A batch waits at
 * most {@code budget} for libraries not read yet; an instance that is down or slow gives no badge
 * from its side (the problem is reported beside the results) and never fails the page.
 */
public final class AvailabilityCheck implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityCheck.class);

    /** How long a library read serves before the next page view reads it again in the background. */
    static final Duration FRESH = Duration.ofSeconds(30);
    /** A library nobody looked at for this long is dropped, so a large one does not sit in memory. */
    static final Duration KEEP = Duration.ofMinutes(10);
    /** An instance that failed is asked again after this, not on every keystroke of a search. */
    static final Duration RETRY_FAILED = Duration.ofSeconds(15);

    private final ServiceCatalog services;
    private final Requests requests;
    private final Duration budget;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AsyncLoadingCache<Long, Library> libraries;

    /** The outcome for a batch: one availability per title, in the order given, and the instances that gave none. */
    public record Checked(List<TitleAvailability> availability, List<ServiceProblem> problems) {
        public Checked {
            availability = List.copyOf(availability);
            problems = List.copyOf(problems);
        }
    }

    /** One instance's library by every public id of its titles, or why it could not be read. */
    private record Library(Map<ExternalId, MediaKeeper.Kept> byId, Optional<ServiceProblem> problem) {

        static Library failed(ServiceProblem problem) {
            return new Library(Map.of(), Optional.of(problem));
        }

        Optional<MediaKeeper.Kept> find(List<ExternalId> ids) {
            return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).findFirst();
        }
    }

    /** @param budget how long a batch waits for libraries not read yet before it answers without them */
    public AvailabilityCheck(ServiceCatalog services, Requests requests, Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the waiting budget must be positive");
        }
        this.services = services;
        this.requests = requests;
        this.budget = budget;
        this.libraries = Caffeine.newBuilder()
                .executor(executor)
                .refreshAfterWrite(FRESH)
                .expireAfter(Expiry.<Long, Library>writing((id, library) -> library.problem().isPresent() ? RETRY_FAILED : KEEP))
                .buildAsync((Long id) -> read(id));
    }

    /** The availability of each title, in the order given. */
    public Checked check(List<Title> titles) {
        Set<TitleType> types = EnumSet.noneOf(TitleType.class);
        titles.forEach(title -> types.add(title.type()));
        List<ServiceInstance> instances = types.stream()
                .flatMap(type -> services.list(DirectBackend.kindFor(type)).stream())
                .filter(ServiceInstance::secretsReadable).toList();
        Map<Long, Library> read = new HashMap<>();
        List<ServiceProblem> problems = new ArrayList<>();
        readAll(instances, read, problems);
        Map<TitleType, List<MediaRequest>> open = new EnumMap<>(TitleType.class);
        types.forEach(type -> open.put(type, requests.openOfType(type)));
        List<TitleAvailability> result = titles.stream()
                .map(title -> availability(title.type(), title.ids(), Set.of(), instances, read, open.get(title.type()))).toList();
        return new Checked(result, problems);
    }

    /**
     * One title's availability (the title page), with the instances that gave none. {@code seasons}
     * are the regular seasons the metadata source knows, so that a request for all of them marks
     * each, even before an instance keeps the series.
     */
    public Checked check(TitleType type, TitleIds ids, Set<Integer> seasons) {
        List<ServiceInstance> instances = services.list(DirectBackend.kindFor(type)).stream().filter(ServiceInstance::secretsReadable).toList();
        Map<Long, Library> read = new HashMap<>();
        List<ServiceProblem> problems = new ArrayList<>();
        readAll(instances, read, problems);
        return new Checked(List.of(availability(type, ids, seasons, instances, read, requests.openOfType(type))), problems);
    }

    /** Starts reading every *arr library that is not read yet, so the first search a page sends finds them ready. */
    public void warm() {
        Stream.of(TitleType.values()).flatMap(type -> services.list(DirectBackend.kindFor(type)).stream())
                .filter(ServiceInstance::secretsReadable).forEach(instance -> libraries.get(instance.id()));
    }

    /**
     * Keeps the libraries current: a changed service is read anew (its address or key may have
     * changed); a request that moved, or an instance that came back, has the libraries read again in
     * the background while the current copies keep serving.
     */
    public void onEvent(DomainEvent event) {
        switch (event) {
            case ServicesChanged changed -> libraries.synchronous().invalidateAll();
            // Only the instance the request went to can have changed; open requests themselves are read
            // from the database on every check. Refreshing every library here would read each whole
            // *arr library again at every progress report.
            case RequestChanged changed -> requests.find(changed.requestId()).flatMap(MediaRequest::serviceId)
                    .filter(serviceId -> libraries.synchronous().getIfPresent(serviceId) != null)
                    .ifPresent(libraries.synchronous()::refresh);
            case ServiceStatusChanged changed -> {
                // Only a library someone looked at; reading the others waits until a page needs them.
                if (libraries.synchronous().getIfPresent(changed.serviceId()) != null) {
                    libraries.synchronous().refresh(changed.serviceId());
                }
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void readAll(List<ServiceInstance> instances, Map<Long, Library> read, List<ServiceProblem> problems) {
        Map<ServiceInstance, CompletableFuture<Library>> pending = new LinkedHashMap<>();
        instances.forEach(instance -> pending.put(instance, libraries.get(instance.id())));
        long deadline = System.nanoTime() + budget.toNanos();
        for (Map.Entry<ServiceInstance, CompletableFuture<Library>> entry : pending.entrySet()) {
            ServiceInstance instance = entry.getKey();
            try {
                Library library = entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                read.put(instance.id(), library);
                library.problem().ifPresent(problems::add);
            } catch (TimeoutException slow) {
                // The read goes on in the background; the next page view finds it done.
                problems.add(ServiceProblem.of("discover.availability.slow", instance.name()));
            } catch (ExecutionException | RuntimeException unexpected) {
                LOG.warn("reading the library of {} failed unexpectedly", instance.name(), unexpected);
                problems.add(ServiceProblem.of("discover.availability.failed", instance.name()));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Library read(long serviceId) {
        Optional<ServiceInstance> found = services.find(serviceId);
        if (found.isEmpty()) {
            return new Library(Map.of(), Optional.empty());
        }
        ServiceInstance instance = found.get();
        ServiceConnector connector = services.connector(instance.kind());
        if (!(connector instanceof MediaKeeperConnector managers)) {
            return new Library(Map.of(), Optional.empty());
        }
        try {
            Map<ExternalId, MediaKeeper.Kept> byId = new HashMap<>();
            for (MediaKeeper.Kept kept : managers.mediaKeeper(instance).library()) {
                kept.ids().forEach(id -> byId.putIfAbsent(id, kept));
            }
            return new Library(Map.copyOf(byId), Optional.empty());
        } catch (RemoteFailure failure) {
            LOG.debug("library of {} unreadable: {}", instance.name(), failure.getMessage());
            return Library.failed(ServiceProblem.of(failure.kind().messageKey(), instance.name(), instance.baseUrl().toString()));
        } catch (AppException | IllegalArgumentException unusable) {
            LOG.debug("library of {} unreadable: {}", instance.name(), unusable.getMessage());
            return Library.failed(ServiceProblem.of("discover.availability.failed", instance.name()));
        }
    }

    private static TitleAvailability availability(TitleType type, TitleIds ids, Set<Integer> knownSeasons, List<ServiceInstance> instances,
                                                  Map<Long, Library> read, List<MediaRequest> open) {
        List<ExternalId> externalIds = externalIds(ids);
        Side hd = new Side();
        Side fourK = new Side();
        if (type == TitleType.SERIES) {
            knownSeasons.stream().filter(number -> number > 0).forEach(number -> {
                hd.seasons.put(number, new SeasonSide());
                fourK.seasons.put(number, new SeasonSide());
            });
        }
        for (ServiceInstance instance : instances) {
            if (instance.kind() != DirectBackend.kindFor(type)) {
                continue;
            }
            Library library = read.get(instance.id());
            if (library == null || library.problem().isPresent()) {
                continue;
            }
            Side side = instance.is4k() ? fourK : hd;
            side.answered = true;
            library.find(externalIds).ifPresent(kept -> side.add(type, kept));
        }
        for (MediaRequest request : open) {
            if (matches(request.title(), ids)) {
                (request.fourK() ? fourK : hd).add(request);
            }
        }
        TreeMap<Integer, TitleAvailability.SeasonAvailability> seasons = new TreeMap<>();
        if (type == TitleType.SERIES) {
            Set<Integer> numbers = new java.util.TreeSet<>(hd.seasons.keySet());
            numbers.addAll(fourK.seasons.keySet());
            for (int number : numbers) {
                SeasonSide h = hd.seasons.getOrDefault(number, new SeasonSide());
                SeasonSide k = fourK.seasons.getOrDefault(number, new SeasonSide());
                SeasonSide counted = h.wanted.isPresent() ? h : k;
                seasons.put(number, new TitleAvailability.SeasonAvailability(number, h.state, k.state, counted.withFiles, counted.wanted));
            }
        }
        return new TitleAvailability(hd.state(), fourK.state(), List.copyOf(seasons.values()));
    }

    /** What one quality (HD or 4K) of a title adds up to over its instances and open requests. */
    private static final class Side {
        boolean answered;
        Availability library = Availability.NOT_REQUESTED;
        Availability asked = Availability.NOT_REQUESTED;
        Availability askedOutcome = Availability.NOT_REQUESTED;
        final Map<Integer, SeasonSide> seasons = new HashMap<>();

        void add(TitleType type, MediaKeeper.Kept kept) {
            library = library.or(type == TitleType.SERIES ? series(kept) : single(kept.presence()));
            for (MediaKeeper.SeasonPresence season : kept.seasons()) {
                if (season.season() > 0) {
                    SeasonSide side = seasons.computeIfAbsent(season.season(), number -> new SeasonSide());
                    side.state = side.state.or(season(season, kept.presence()));
                    side.withFiles = OptionalInt.of(season.filesPresent());
                    side.wanted = OptionalInt.of(Math.max(season.filesExpected(), season.monitored() ? 0 : season.episodes()));
                }
            }
        }

        /**
         * An open request says someone asked (pending) or that it went to a backend (approved and
         * later). What it says of files counts only while no instance of this quality answered:
         * the library is the truth about files, a request's state can lag behind it.
         */
        void add(MediaRequest request) {
            Availability said = switch (request.state()) {
                case PENDING -> Availability.REQUESTED;
                case AVAILABLE -> Availability.AVAILABLE;
                case PARTIALLY_AVAILABLE -> Availability.PARTIALLY_AVAILABLE;
                default -> Availability.PROCESSING;
            };
            Availability progress = said.ordinal() > Availability.PROCESSING.ordinal() ? Availability.PROCESSING : said;
            asked = asked.or(progress);
            askedOutcome = askedOutcome.or(said);
            switch (request.seasons().mode()) {
                case ALL -> seasons.keySet().forEach(number -> seasons.get(number).state = seasons.get(number).state.or(progress));
                case CHOSEN -> request.seasons().chosen().stream().filter(number -> number > 0).forEach(number -> {
                    SeasonSide side = seasons.computeIfAbsent(number, n -> new SeasonSide());
                    side.state = side.state.or(progress);
                });
                case FUTURE -> {
                    // Seasons still to come have no row yet; the series-level badge carries the request.
                }
            }
        }

        Availability state() {
            return library.or(answered ? asked : askedOutcome);
        }
    }

    private static final class SeasonSide {
        Availability state = Availability.NOT_REQUESTED;
        OptionalInt withFiles = OptionalInt.empty();
        OptionalInt wanted = OptionalInt.empty();
    }

    /** A movie or a book: its one file there, or being looked for. */
    private static Availability single(MediaKeeper.Presence presence) {
        if (presence.complete()) {
            return Availability.AVAILABLE;
        }
        if (presence.filesPresent() > 0) {
            return Availability.PARTIALLY_AVAILABLE;
        }
        return presence.monitored() || presence.downloading() ? Availability.PROCESSING : Availability.NOT_REQUESTED;
    }

    /**
     * A series is available when every regular season that has episodes is complete. Sonarr's own
     * totals count monitored episodes only (SeasonStatisticsResource.episodeCount), so a series of
     * which one season was requested would look complete by them; the seasons tell the truth.
     */
    private static Availability series(MediaKeeper.Kept kept) {
        List<MediaKeeper.SeasonPresence> regular = kept.seasons().stream().filter(season -> season.season() > 0).toList();
        boolean counted = regular.stream().anyMatch(season -> season.episodes() > 0 || season.filesExpected() > 0 || season.filesPresent() > 0);
        if (!counted) {
            // No season statistics (an old Sonarr, a series just added): the series' own totals are all there is.
            return single(kept.presence());
        }
        List<Availability> states = regular.stream().map(season -> season(season, kept.presence())).toList();
        boolean allThere = regular.stream().allMatch(season -> season.episodes() == 0 || season(season, kept.presence()) == Availability.AVAILABLE)
                && states.contains(Availability.AVAILABLE);
        if (allThere) {
            return Availability.AVAILABLE;
        }
        if (regular.stream().anyMatch(season -> season.filesPresent() > 0)) {
            return Availability.PARTIALLY_AVAILABLE;
        }
        return states.contains(Availability.PROCESSING) || kept.presence().downloading() ? Availability.PROCESSING : Availability.NOT_REQUESTED;
    }

    /**
     * A monitored season is complete when the episodes Sonarr wants now (aired ones) have files; an
     * unmonitored one only when every episode it knows has one (Sonarr counts only episodes with
     * files as wanted there).
     */
    private static Availability season(MediaKeeper.SeasonPresence season, MediaKeeper.Presence series) {
        int bar = season.monitored() ? season.filesExpected() : season.episodes();
        if (bar > 0 && season.filesPresent() >= bar) {
            return Availability.AVAILABLE;
        }
        if (season.filesPresent() > 0) {
            return Availability.PARTIALLY_AVAILABLE;
        }
        boolean downloading = series.downloads().stream().anyMatch(download -> download.season().orElse(-1) == season.season());
        return season.monitored() && series.monitored() || downloading ? Availability.PROCESSING : Availability.NOT_REQUESTED;
    }

    /** The ids as the *arr applications key them. */
    static List<ExternalId> externalIds(TitleIds ids) {
        List<ExternalId> external = new ArrayList<>(4);
        ids.tmdb().ifPresent(id -> external.add(ExternalId.tmdb(id)));
        ids.tvdb().ifPresent(id -> external.add(ExternalId.tvdb(id)));
        ids.imdb().flatMap(id -> ExternalId.parse(Catalogue.IMDB, id)).ifPresent(external::add);
        ids.goodreads().ifPresent(id -> external.add(ExternalId.goodreads(id)));
        return external;
    }

    private static boolean matches(RequestedTitle requested, TitleIds ids) {
        return externalIds(ids).stream().anyMatch(requested.ids()::contains);
    }
}
