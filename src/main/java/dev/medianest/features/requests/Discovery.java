package dev.medianest.features.requests;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.catalog.MediaKeeper.Catalogue;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.MediaKeeperConnector;
import dev.medianest.features.catalog.MetadataFailure;
import dev.medianest.features.catalog.MetadataSource;
import dev.medianest.features.catalog.MetadataSources;
import dev.medianest.features.catalog.Title;
import dev.medianest.features.catalog.TitleDetails;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleQuery;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.events.DomainEvent;
import dev.medianest.features.events.ServicesChanged;
import dev.medianest.features.services.ServiceCatalog;
import dev.medianest.features.services.ServiceConnector;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.http.RemoteFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The use cases of the Discover and title pages: the charts (trending, popular, upcoming), search
 * across movies, series and books, one title with everything its page shows, and asking for it.
 * Every title comes with its availability ({@link AvailabilityCheck}). Metadata comes from the
 * chosen {@link MetadataSource} in the reader's language; books from the preferred Readarr.
 *
 * <p>Answers of the metadata source are kept a few minutes (charts and details change slowly, and
 * search-as-you-type repeats itself), so a page costs TMDb one call at most. A source that fails
 * never fails a page on its own: each part that could not be had says why beside the rest.
 */
public final class Discovery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

    /** How long charts, details and related titles are kept. */
    static final Duration METADATA_FRESH = Duration.ofMinutes(10);
    /** How long search answers are kept: long enough for typing back and forth, short enough to see new titles. */
    static final Duration SEARCH_FRESH = Duration.ofMinutes(2);
    /** Books shown beside the movies and series of a search of every type. */
    static final int MAX_BOOKS = 10;

    private final MetadataSources metadata;
    private final ServiceCatalog services;
    private final AvailabilityCheck availability;
    private final Requests requests;
    private final RequestRouter router;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** Titles kept at most, over all kept answers: a few megabytes, whatever people type. */
    static final int MAX_KEPT_TITLES = 5_000;

    private final Cache<Key, Object> answers = Caffeine.newBuilder()
            .maximumWeight(MAX_KEPT_TITLES)
            .weigher((Key key, Object value) -> value instanceof List<?> titles ? Math.max(1, titles.size()) : 1)
            .expireAfter(com.github.benmanes.caffeine.cache.Expiry.<Key, Object>writing((key, value) -> key.what().equals("search")
                    ? SEARCH_FRESH : METADATA_FRESH))
            .build();

    /** The lists Discover shows. */
    public enum Chart {
        TRENDING, POPULAR, UPCOMING;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Chart> fromWireName(String name) {
            for (Chart chart : values()) {
                if (chart.wireName().equals(name)) {
                    return Optional.of(chart);
                }
            }
            return Optional.empty();
        }
    }

    /** A title as a card shows it: the title and how far the household has it. */
    public record Card(Title title, TitleAvailability availability) {
    }

    /** One chart of one type: its cards, or why there are none. */
    public record Shelf(Chart chart, TitleType type, List<Card> cards, Optional<ServiceProblem> problem) {
        public Shelf {
            cards = List.copyOf(cards);
        }
    }

    /**
     * What Discover opens with.
     *
     * @param source the metadata source's key ("tmdb", "arr-lookup"), empty when none is configured
     * @param charts whether the source has charts (the *arr lookup has search only)
     * @param books  whether books can be searched (a Readarr is configured)
     * @param problems why parts are missing: no source, a source or an instance that did not answer
     */
    public record Front(Optional<String> source, boolean charts, boolean books, List<Shelf> shelves, List<ServiceProblem> problems) {
        public Front {
            shelves = List.copyOf(shelves);
            problems = List.copyOf(problems);
        }
    }

    /**
     * The answer to a search.
     *
     * @param answered whether any source answered; false when every one asked failed (then {@code problems} say why)
     */
    public record Found(String query, List<Card> cards, List<ServiceProblem> problems, boolean answered) {
        public Found {
            cards = List.copyOf(cards);
            problems = List.copyOf(problems);
        }
    }

    /** Everything the title page shows. */
    public record TitlePage(TitleDetails details, TitleAvailability availability, List<Card> recommendations, List<Card> similar,
                            RequestChoices choices, List<ServiceProblem> problems) {
        public TitlePage {
            recommendations = List.copyOf(recommendations);
            similar = List.copyOf(similar);
            problems = List.copyOf(problems);
        }

        public TitleType type() {
            return details.title().type();
        }
    }

    /**
     * What the caller may ask for on a title page.
     *
     * @param blocked   why no request can be made at all (no permission, no instance for the type), empty when one can
     * @param hd        whether the ordinary (HD) request can be made
     * @param fourK     whether the 4K request can be made: the REQUEST_4K permission and a 4K instance of the kind
     * @param advanced  whether the caller may choose instance, quality profile, root folder and tags
     * @param instances the instances of the kind, for the advanced choice (empty unless {@code advanced})
     */
    public record RequestChoices(Optional<ServiceProblem> blocked, boolean hd, boolean fourK, boolean advanced, List<Instance> instances) {
        public RequestChoices {
            instances = List.copyOf(instances);
        }

        /** An instance as a form offers it; nothing of its settings. */
        public record Instance(long id, String name, boolean fourK, boolean preferred) {
        }
    }

    /** The live lists of one instance for the advanced request options, or why they could not be had. */
    public record OptionLists(long serviceId, Map<String, String> qualityProfiles, Map<String, String> rootFolders, Map<String, String> tags,
                              Optional<ServiceProblem> problem) {
        public OptionLists {
            qualityProfiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(qualityProfiles));
            rootFolders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rootFolders));
            tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }
    }

    /** What is kept: by source, what was asked, type, language and the words or ids. */
    private record Key(String source, String what, Optional<TitleType> type, String language, String detail) {
    }

    public Discovery(MetadataSources metadata, ServiceCatalog services, AvailabilityCheck availability, Requests requests,
                     RequestRouter router) {
        this.metadata = metadata;
        this.services = services;
        this.availability = availability;
        this.requests = requests;
        this.router = router;
    }

    // --- Discover --------------------------------------------------------------------------

    /** The charts of movies and series in the reader's language, or why there are none. */
    public Front front(Locale language) {
        availability.warm();
        boolean books = readarr().isPresent();
        MetadataSources.Choice choice = metadata.choose();
        if (choice instanceof MetadataSources.Choice.NoSource none) {
            return new Front(Optional.empty(), false, books, List.of(), List.of(none.problem()));
        }
        MetadataSource source = ((MetadataSources.Choice.Chosen) choice).source();
        if (!source.capabilities().contains(MetadataSource.Capability.TRENDING)) {
            return new Front(Optional.of(source.key()), false, books, List.of(), List.of());
        }
        List<CompletableFuture<Shelf>> loading = new ArrayList<>();
        for (Chart chart : Chart.values()) {
            for (TitleType type : List.of(TitleType.MOVIE, TitleType.SERIES)) {
                loading.add(CompletableFuture.supplyAsync(() -> shelfTitles(source, chart, type, language), executor));
            }
        }
        List<Shelf> bare = loading.stream().map(CompletableFuture::join).toList();
        List<Title> all = bare.stream().flatMap(shelf -> shelf.cards().stream().map(Card::title)).toList();
        AvailabilityCheck.Checked checked = availability.check(all);
        List<Shelf> shelves = new ArrayList<>();
        int next = 0;
        for (Shelf shelf : bare) {
            List<Card> cards = new ArrayList<>();
            for (Card card : shelf.cards()) {
                cards.add(new Card(card.title(), checked.availability().get(next++)));
            }
            shelves.add(new Shelf(shelf.chart(), shelf.type(), cards, shelf.problem()));
        }
        List<ServiceProblem> problems = new ArrayList<>(checked.problems());
        // One TMDb outage would otherwise be said six times, once per shelf.
        bare.stream().flatMap(shelf -> shelf.problem().stream()).distinct().forEach(problems::add);
        return new Front(Optional.of(source.key()), true, books, shelves, problems.stream().distinct().toList());
    }

    /**
     * One chart of one type with availability; empty, with the reason as its problem, when the source
     * has no charts (the *arr lookup). Fails with NO_METADATA_SOURCE when nothing is configured and
     * with {@link MetadataFailure} when the source cannot answer.
     */
    public Shelf chart(Chart chart, TitleType type, Locale language) {
        if (type == TitleType.BOOK) {
            throw AppException.invalid("type", "discover.error.type_movie_or_series");
        }
        MetadataSource source = requireSource();
        if (!source.capabilities().contains(MetadataSource.Capability.TRENDING)) {
            return new Shelf(chart, type, List.of(), Optional.of(ServiceProblem.of("discover.charts_need_tmdb")));
        }
        Shelf bare = shelfTitles(source, chart, type, language);
        if (bare.problem().isPresent()) {
            throw new MetadataFailure(bare.problem().get(), null);
        }
        List<Title> titles = bare.cards().stream().map(Card::title).toList();
        return new Shelf(chart, type, cards(titles, availability.check(titles)), Optional.empty());
    }

    private Shelf shelfTitles(MetadataSource source, Chart chart, TitleType type, Locale language) {
        try {
            List<Title> titles = cached(new Key(source.key(), chart.wireName(), Optional.of(type), language.toLanguageTag(), ""), () -> switch (chart) {
                case TRENDING -> source.trending(type, language);
                case POPULAR -> source.popular(type, language);
                case UPCOMING -> source.upcoming(type, language);
            });
            return new Shelf(chart, type, titles.stream().map(title -> new Card(title, TitleAvailability.none())).toList(), Optional.empty());
        } catch (MetadataFailure failure) {
            return new Shelf(chart, type, List.of(), Optional.of(failure.problem()));
        }
    }

    // --- search ----------------------------------------------------------------------------

    /**
     * Movies and series from the metadata source and books from Readarr, asked at the same time,
     * each with its availability. A part that fails leaves the others standing.
     */
    public Found search(String text, Optional<TitleType> type, Locale language) {
        TitleQuery query;
        try {
            query = new TitleQuery(text, type, language);
        } catch (IllegalArgumentException invalid) {
            throw AppException.invalid("q", "discover.error.query");
        }
        boolean screen = type.map(wanted -> wanted != TitleType.BOOK).orElse(true);
        Optional<ServiceInstance> readarr = type.map(wanted -> wanted == TitleType.BOOK).orElse(true) ? readarr() : Optional.empty();
        MetadataSources.Choice choice = screen ? metadata.choose() : null;
        List<ServiceProblem> problems = new ArrayList<>();
        if (choice instanceof MetadataSources.Choice.NoSource none) {
            if (readarr.isEmpty()) {
                throw new AppException(ErrorCode.NO_METADATA_SOURCE);
            }
            problems.add(none.problem());
        }
        if (type.equals(Optional.of(TitleType.BOOK)) && readarr.isEmpty()) {
            throw new AppException(ErrorCode.NO_SUITABLE_SERVICE, DirectBackend.kindFor(TitleType.BOOK).displayName());
        }
        CompletableFuture<List<Title>> films = choice instanceof MetadataSources.Choice.Chosen chosen
                ? CompletableFuture.supplyAsync(() -> cached(new Key(chosen.source().key(), "search", type, language.toLanguageTag(),
                query.text().toLowerCase(Locale.ROOT)), () -> chosen.source().search(query)), executor)
                : null;
        CompletableFuture<List<Title>> books = readarr.map(instance -> CompletableFuture.supplyAsync(
                () -> cached(new Key("readarr:" + instance.id(), "search", Optional.of(TitleType.BOOK), "", query.text().toLowerCase(Locale.ROOT)),
                        () -> books(instance, query.text())), executor)).orElse(null);
        List<Title> titles = new ArrayList<>();
        int asked = 0;
        int failed = 0;
        for (CompletableFuture<List<Title>> part : java.util.Arrays.asList(films, books)) {
            if (part == null) {
                continue;
            }
            asked++;
            try {
                titles.addAll(part.join());
            } catch (CompletionException failure) {
                failed++;
                problems.add(problemOf(failure.getCause()));
            }
        }
        AvailabilityCheck.Checked checked = availability.check(titles);
        problems.addAll(checked.problems());
        return new Found(query.text(), cards(titles, checked), problems.stream().distinct().toList(), failed < asked);
    }

    private List<Title> books(ServiceInstance readarr, String text) {
        try {
            return manager(readarr).search(text).stream().map(Discovery::book).flatMap(Optional::stream).limit(MAX_BOOKS).toList();
        } catch (RemoteFailure failure) {
            throw new MetadataFailure(ServiceProblem.of(failure.kind().messageKey(), readarr.name(), readarr.baseUrl().toString()), failure);
        }
    }

    // --- one title -------------------------------------------------------------------------

    /**
     * Everything the title page shows, for the caller; empty when the source does not know the title.
     * Fails with {@link MetadataFailure} when the source (or for a book, Readarr) cannot answer.
     */
    public Optional<TitlePage> title(Principal who, TitleType type, TitleIds ids, Locale language) {
        Optional<TitleDetails> found = details(type, ids, language);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TitleDetails details = found.get();
        TitleIds known = details.title().ids().with(ids);
        List<ServiceProblem> problems = new ArrayList<>();
        List<Title> recommended = List.of();
        List<Title> alike = List.of();
        if (type != TitleType.BOOK) {
            MetadataSource source = requireSource();
            CompletableFuture<List<Title>> recommendations = related(source, "recommendations", type, known, language);
            CompletableFuture<List<Title>> similar = related(source, "similar", type, known, language);
            recommended = joined(recommendations, problems);
            alike = joined(similar, problems);
        }
        AvailabilityCheck.Checked own = availability.check(type, known, Set.copyOf(details.seasons()));
        List<Title> related = new ArrayList<>(recommended);
        related.addAll(alike);
        AvailabilityCheck.Checked others = availability.check(related);
        List<Card> cards = cards(related, others);
        problems.addAll(own.problems());
        return Optional.of(new TitlePage(withIds(details, known), own.availability().getFirst(), cards.subList(0, recommended.size()),
                cards.subList(recommended.size(), cards.size()), choices(who, type), problems.stream().distinct().toList()));
    }

    /** What the caller may ask for, for a title of this type. */
    public RequestChoices choices(Principal who, TitleType type) {
        boolean advanced = who.admin() || who.can(Permission.REQUEST_ADVANCED);
        DirectBackend direct = router.direct();
        boolean seerr = router.routeForNew(type) == MediaRequest.Route.SEERR;
        boolean hd = seerr || direct.instanceFor(type, false, Optional.empty()).isPresent();
        boolean fourK = type != TitleType.BOOK && who.can(Permission.REQUEST_4K) && direct.instanceFor(type, true, Optional.empty()).isPresent();
        Optional<ServiceProblem> blocked = Optional.empty();
        if (!who.can(Permission.REQUEST)) {
            blocked = Optional.of(ServiceProblem.of("discover.request.no_permission"));
        } else if (!hd && !fourK) {
            blocked = Optional.of(ServiceProblem.of(ErrorCode.NO_SUITABLE_SERVICE.messageKey(), DirectBackend.kindFor(type).displayName()));
        }
        List<RequestChoices.Instance> instances = List.of();
        if (advanced && blocked.isEmpty()) {
            Optional<Long> preferred = services.preferred(DirectBackend.kindFor(type), false).map(ServiceInstance::id);
            instances = services.list(DirectBackend.kindFor(type)).stream()
                    .map(instance -> new RequestChoices.Instance(instance.id(), instance.name(), instance.is4k(),
                            preferred.equals(Optional.of(instance.id()))))
                    .toList();
        }
        return new RequestChoices(blocked, hd, fourK, advanced, instances);
    }

    /** The quality profiles, root folders and tags of one instance, for the advanced options of a request. */
    public OptionLists options(Principal who, TitleType type, long serviceId) {
        if (!(who.admin() || who.can(Permission.REQUEST_ADVANCED))) {
            throw new AppException(ErrorCode.FORBIDDEN, Map.of("options", "request.error.no_advanced_permission"));
        }
        ServiceInstance instance = services.find(serviceId).filter(found -> found.kind() == DirectBackend.kindFor(type))
                .orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        Map<String, Map<String, String>> lists = new LinkedHashMap<>();
        for (String list : List.of("qualityProfiles", "rootFolders", "tags")) {
            switch (services.choices(instance, list)) {
                case ServiceCatalog.Choices.Loaded loaded -> lists.put(list, loaded.values());
                case ServiceCatalog.Choices.Failed failed -> {
                    return new OptionLists(serviceId, Map.of(), Map.of(), Map.of(), Optional.of(failed.problem()));
                }
            }
        }
        return new OptionLists(serviceId, lists.get("qualityProfiles"), lists.get("rootFolders"), lists.get("tags"), Optional.empty());
    }

    /**
     * Asks for a title as its page showed it. The title is looked up again (from the kept answer)
     * rather than taken from the form, so a request always carries the source's ids and name.
     */
    public Requests.Submitted request(Principal who, TitleType type, TitleIds ids, Locale language, boolean fourK, SeasonChoice seasons,
                                      RequestOptions options) {
        TitleDetails details = details(type, ids, language).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        Title title = details.title();
        RequestedTitle requested;
        RequestDraft draft;
        try {
            requested = new RequestedTitle(type, AvailabilityCheck.externalIds(title.ids().with(ids)), title.title(), title.year(),
                    title.poster().filter(poster -> List.of("http", "https").contains(String.valueOf(poster.getScheme()))));
            draft = new RequestDraft(requested, fourK, seasons, options, type == TitleType.SERIES ? details.seasons().size() : 0);
        } catch (IllegalArgumentException unusable) {
            LOG.debug("request for {} refused: {}", title.title(), unusable.getMessage());
            throw AppException.invalid(type == TitleType.SERIES ? "seasons" : "title", "discover.error.not_requestable");
        }
        return requests.submit(who, draft);
    }

    /** The title's details: from the metadata source for movies and series, from Readarr for books. */
    public Optional<TitleDetails> details(TitleType type, TitleIds ids, Locale language) {
        if (type == TitleType.BOOK) {
            return book(ids);
        }
        MetadataSource source = requireSource();
        return cached(new Key(source.key(), "details", Optional.of(type), language.toLanguageTag(), idKey(ids)),
                () -> source.details(type, ids, language));
    }

    /** Forgets kept answers when services change: the source, or its key, may be another now. */
    public void onEvent(DomainEvent event) {
        if (event instanceof ServicesChanged) {
            answers.invalidateAll();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    // --- parts -----------------------------------------------------------------------------

    private Optional<TitleDetails> book(TitleIds ids) {
        if (ids.goodreads().isEmpty()) {
            return Optional.empty();
        }
        ServiceInstance instance = readarr().orElseThrow(() -> new AppException(ErrorCode.NO_SUITABLE_SERVICE,
                DirectBackend.kindFor(TitleType.BOOK).displayName()));
        try {
            return cached(new Key("readarr:" + instance.id(), "details", Optional.of(TitleType.BOOK), "", idKey(ids)),
                    () -> manager(instance).find(ExternalId.goodreads(ids.goodreads().getAsInt())).flatMap(found -> book(found).map(title ->
                            new TitleDetails(title, OptionalInt.empty(), Optional.empty(), List.of(), found.creator().stream().toList(),
                                    Optional.empty(), List.of()))));
        } catch (RemoteFailure failure) {
            throw new MetadataFailure(ServiceProblem.of(failure.kind().messageKey(), instance.name(), instance.baseUrl().toString()), failure);
        }
    }

    /** A book as Readarr describes it, as a catalog title; a book without its Goodreads work id cannot be requested and is left out. */
    static Optional<Title> book(MediaKeeper.Title book) {
        Optional<ExternalId> work = book.id(Catalogue.GOODREADS);
        if (work.isEmpty() || book.kind() != MediaKeeper.Kind.BOOK) {
            return Optional.empty();
        }
        OptionalInt year = book.year() >= 1800 && book.year() <= 2200 ? OptionalInt.of(book.year()) : OptionalInt.empty();
        Optional<URI> cover = book.posterUrl().filter(url -> url.startsWith("https://") || url.startsWith("http://")).flatMap(url -> {
            try {
                return Optional.of(URI.create(url));
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        });
        return Optional.of(new Title(TitleType.BOOK, TitleIds.ofGoodreads(work.get().number()), book.name(), null, year, book.overview(),
                cover, OptionalDouble.empty(), List.of()));
    }

    private CompletableFuture<List<Title>> related(MetadataSource source, String what, TitleType type, TitleIds ids, Locale language) {
        MetadataSource.Capability needed = what.equals("similar") ? MetadataSource.Capability.SIMILAR : MetadataSource.Capability.RECOMMENDATIONS;
        if (!source.capabilities().contains(needed)) {
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.supplyAsync(() -> cached(new Key(source.key(), what, Optional.of(type), language.toLanguageTag(), idKey(ids)),
                () -> what.equals("similar") ? source.similar(type, ids, language) : source.recommendations(type, ids, language)), executor);
    }

    private static List<Title> joined(CompletableFuture<List<Title>> part, List<ServiceProblem> problems) {
        try {
            return part.join();
        } catch (CompletionException failure) {
            problems.add(problemOf(failure.getCause()));
            return List.of();
        }
    }

    private static TitleDetails withIds(TitleDetails details, TitleIds ids) {
        Title title = details.title();
        Title known = new Title(title.type(), ids, title.title(), title.originalTitle(), title.year(), title.overview(), title.poster(),
                title.rating(), title.genres());
        return new TitleDetails(known, details.runtimeMinutes(), details.certification(), details.people(), details.makers(),
                details.trailer(), details.seasons(), details.seasonDetails());
    }

    private static List<Card> cards(List<Title> titles, AvailabilityCheck.Checked checked) {
        List<Card> cards = new ArrayList<>(titles.size());
        for (int i = 0; i < titles.size(); i++) {
            cards.add(new Card(titles.get(i), checked.availability().get(i)));
        }
        return cards;
    }

    private MetadataSource requireSource() {
        return switch (metadata.choose()) {
            case MetadataSources.Choice.Chosen chosen -> chosen.source();
            case MetadataSources.Choice.NoSource none -> throw new AppException(ErrorCode.NO_METADATA_SOURCE);
        };
    }

    private Optional<ServiceInstance> readarr() {
        return router.direct().instanceFor(TitleType.BOOK, false, Optional.empty()).filter(ServiceInstance::secretsReadable);
    }

    private MediaKeeper manager(ServiceInstance instance) {
        ServiceConnector connector = services.connector(instance.kind());
        if (!(connector instanceof MediaKeeperConnector managers)) {
            throw new IllegalStateException(instance.kind() + " keeps no media");
        }
        return managers.mediaKeeper(instance);
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(Key key, Supplier<T> load) {
        Object kept = answers.getIfPresent(key);
        if (kept != null) {
            return (T) kept;
        }
        T fresh = load.get();
        answers.put(key, fresh);
        return fresh;
    }

    private static String idKey(TitleIds ids) {
        return ids.tmdb() + "/" + ids.tvdb() + "/" + ids.imdb().orElse("") + "/" + ids.goodreads();
    }

    private static ServiceProblem problemOf(Throwable failure) {
        if (failure instanceof MetadataFailure metadataFailure) {
            return metadataFailure.problem();
        }
        if (failure instanceof AppException app) {
            return ServiceProblem.of(app.code().messageKey());
        }
        LOG.warn("a discovery lookup failed unexpectedly", failure);
        return ServiceProblem.of("discover.error.unexpected");
    }


    /** A title's availability now, for a title page's live badges. */
    public TitleAvailability availability(TitleType type, TitleIds ids) {
        return availability.check(type, ids, java.util.Set.of()).availability().getFirst();
    }
}
