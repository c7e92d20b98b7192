package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.catalog.MediaKeeper.Catalogue;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.QuotaPolicy;
import dev.medianest.features.requests.RequestDraft;
import dev.medianest.features.requests.RequestFilter;
import dev.medianest.features.requests.RequestOptions;
import dev.medianest.features.requests.RequestPage;
import dev.medianest.features.requests.RequestedTitle;
import dev.medianest.features.requests.Requests;
import dev.medianest.features.requests.SeasonChoice;
import dev.medianest.features.requests.TimelineReason;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Messages;
import io.javalin.http.Context;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /api/v1/requests}, {@code /api/v1/me/quota} and {@code /api/v1/users/{id}/quota}: asking
 * for titles, deciding and following requests, and quotas. Every mistake in a body or a query names
 * its field ({@code ids.tmdb}, {@code seasons.numbers}); a member asking about someone else's request
 * is told it does not exist, exactly as for an id nobody has.
 */
final class RequestApi {

    private static final Set<String> FIELDS = Set.of("type", "ids", "title", "year", "posterUrl", "fourK", "seasons", "options",
            "seasonCount");
    private static final Set<String> ID_FIELDS = Set.of("tmdb", "tvdb", "imdb", "goodreads");
    private static final Set<String> SEASON_FIELDS = Set.of("mode", "numbers");
    private static final Set<String> OPTION_FIELDS = Set.of("serviceId", "qualityProfileId", "rootFolder", "tags");
    private static final Set<String> QUOTA_FIELDS = Set.of("movies", "seasons", "books", "days");
    private static final int MAX_TAGS = 20;

    private final Requests requests;
    private final Accounts accounts;
    private final ObjectMapper mapper;

    RequestApi(Requests requests, Accounts accounts, ObjectMapper mapper) {
        this.requests = requests;
        this.accounts = accounts;
        this.mapper = mapper;
    }

    void create(Context ctx) {
        JsonInput input = JsonInput.read(ctx, mapper, FIELDS);
        Optional<TitleType> type = input.string("type").flatMap(name -> {
            Optional<TitleType> parsed = titleType(name);
            if (parsed.isEmpty()) {
                input.problem("type", "validation.request.type");
            }
            return parsed;
        });
        if (type.isEmpty()) {
            input.problem("type", "validation.required");
        }
        List<ExternalId> ids = input.object("ids", ID_FIELDS).map(RequestApi::ids).orElseGet(List::of);
        if (!input.has("ids")) {
            input.problem("ids", "validation.required");
        }
        String name = input.string("title").map(String::strip).orElse("");
        if (name.isEmpty() || name.length() > RequestedTitle.MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            input.problem("title", input.has("title") ? "validation.request.title" : "validation.required");
        }
        OptionalInt year = input.integer("year").map(value -> {
            if (value < 1000 || value > 2200) {
                input.problem("year", "validation.request.year");
            }
            return OptionalInt.of(value);
        }).orElse(OptionalInt.empty());
        Optional<URI> poster = input.string("posterUrl").filter(text -> !text.isBlank()).flatMap(text -> {
            Optional<URI> parsed = webAddress(text);
            if (parsed.isEmpty()) {
                input.problem("posterUrl", "validation.request.poster");
            }
            return parsed;
        });
        boolean fourK = input.bool("fourK").orElse(false);
        SeasonChoice seasons = input.object("seasons", SEASON_FIELDS).map(RequestApi::seasons).orElseGet(SeasonChoice::all);
        RequestOptions options = input.object("options", OPTION_FIELDS).map(RequestApi::options).orElseGet(RequestOptions::defaults);
        int seasonCount = input.integer("seasonCount").orElse(0);
        if (seasonCount < 0 || seasonCount > SeasonChoice.MAX_SEASON) {
            input.problem("seasonCount", "validation.request.season_count");
        }
        type.ifPresent(known -> {
            if (!usable(known, ids)) {
                input.problem("ids", switch (known) {
                    case MOVIE -> "validation.request.ids_movie";
                    case SERIES -> "validation.request.ids_series";
                    case BOOK -> "validation.request.ids_book";
                });
            }
            if (known != TitleType.SERIES && seasons.mode() != SeasonChoice.Mode.ALL) {
                input.problem("seasons", "validation.request.seasons_not_series");
            }
            if (known == TitleType.BOOK && fourK) {
                input.problem("fourK", "validation.request.book_4k");
            }
        });
        input.throwIfInvalid();
        RequestDraft draft;
        try {
            draft = new RequestDraft(new RequestedTitle(type.orElseThrow(), ids, name, year, poster), fourK, seasons, options, seasonCount);
        } catch (IllegalArgumentException missed) {
            // Every rule of the records is checked above field by field; this only guards against a rule added there alone.
            throw AppException.invalid("title", "validation.request.invalid");
        }
        Requests.Submitted submitted = requests.submit(principal(ctx), draft);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("joined", submitted.joined());
        body.put("request", view(submitted.request(), texts(ctx)));
        ctx.status(submitted.joined() ? 200 : 201).json(body);
    }

    void list(Context ctx) {
        Principal who = principal(ctx);
        Map<String, String> problems = new LinkedHashMap<>();
        Set<dev.medianest.features.requests.RequestState> states = EnumSet.noneOf(dev.medianest.features.requests.RequestState.class);
        for (String given : ctx.queryParams("state")) {
            for (String part : given.split(",")) {
                if (!part.isBlank()) {
                    dev.medianest.features.requests.RequestState.fromWireName(part)
                            .ifPresentOrElse(states::add, () -> problems.put("state", "validation.request.state"));
                }
            }
        }
        Optional<TitleType> type = Optional.ofNullable(ctx.queryParam("type")).flatMap(name -> {
            Optional<TitleType> parsed = titleType(name);
            if (parsed.isEmpty()) {
                problems.put("type", "validation.request.type");
            }
            return parsed;
        });
        String scope = Optional.ofNullable(ctx.queryParam("scope")).orElse("all");
        if (!scope.equals("all") && !scope.equals("mine")) {
            problems.put("scope", "validation.request.scope");
        }
        RequestFilter.Sort sort = Optional.ofNullable(ctx.queryParam("sort")).map(name -> List.of(RequestFilter.Sort.values()).stream()
                .filter(candidate -> candidate.name().equalsIgnoreCase(name)).findFirst().orElseGet(() -> {
                    problems.put("sort", "validation.request.sort");
                    return RequestFilter.Sort.NEWEST;
                })).orElse(RequestFilter.Sort.NEWEST);
        int limit = number(ctx, "limit", 50, 1, RequestFilter.MAX_LIMIT, problems, "validation.request.limit");
        int offset = number(ctx, "offset", 0, 0, Integer.MAX_VALUE, problems, "validation.request.offset");
        if (!problems.isEmpty()) {
            throw new AppException(ErrorCode.VALIDATION_FAILED, problems);
        }
        // "all" is everything the caller may see: everyone's for managers, their own for others.
        Optional<Long> requester = scope.equals("mine") ? Optional.of(who.user().id()) : Optional.empty();
        RequestFilter filter = new RequestFilter(requester, states, type, sort, limit, offset);
        RequestPage page = requests.list(who, filter);
        Messages.Texts texts = texts(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.requests().stream().map(request -> view(request, texts)).toList());
        body.put("total", page.total());
        body.put("limit", limit);
        body.put("offset", offset);
        ctx.json(body);
    }

    void get(Context ctx) {
        Principal who = principal(ctx);
        long id = UserApi.id(ctx);
        MediaRequest request = requests.get(who, id);
        Messages.Texts texts = texts(ctx);
        Map<String, Object> body = view(request, texts);
        body.put("timeline", requests.timeline(who, id).stream().map(step -> transition(step, texts)).toList());
        ctx.json(body);
    }

    void approve(Context ctx) {
        Principal who = principal(ctx);
        long id = visibleId(ctx, who);
        Optional<RequestOptions> options = Optional.empty();
        if (!ctx.body().isBlank()) {
            JsonInput input = JsonInput.read(ctx, mapper, OPTION_FIELDS);
            RequestOptions chosen = options(input);
            input.throwIfInvalid();
            // An empty object keeps the options the request has, like no body at all.
            options = OPTION_FIELDS.stream().anyMatch(input::has) ? Optional.of(chosen) : Optional.empty();
        }
        ctx.json(view(requests.approve(who, id, options), texts(ctx)));
    }

    void decline(Context ctx) {
        Principal who = principal(ctx);
        long id = visibleId(ctx, who);
        Optional<String> reason = Optional.empty();
        if (!ctx.body().isBlank()) {
            JsonInput input = JsonInput.read(ctx, mapper, Set.of("reason"));
            reason = input.string("reason");
            input.throwIfInvalid();
        }
        ctx.json(view(requests.decline(who, id, reason), texts(ctx)));
    }

    void cancel(Context ctx) {
        ctx.json(view(requests.cancel(principal(ctx), UserApi.id(ctx)), texts(ctx)));
    }

    void approveAll(Context ctx) {
        JsonInput input = JsonInput.read(ctx, mapper, Set.of("ids"));
        List<Long> ids = bulkIds(input);
        input.throwIfInvalid();
        bulkAnswer(ctx, requests.approveAll(principal(ctx), ids));
    }

    void declineAll(Context ctx) {
        JsonInput input = JsonInput.read(ctx, mapper, Set.of("ids", "reason"));
        List<Long> ids = bulkIds(input);
        Optional<String> reason = input.string("reason");
        input.throwIfInvalid();
        bulkAnswer(ctx, requests.declineAll(principal(ctx), ids, reason));
    }

    void myQuota(Context ctx) {
        long userId = principal(ctx).user().id();
        ctx.json(Map.of("items", standings(requests.quota(userId))));
    }

    void userQuota(Context ctx) {
        long userId = accounts.get(UserApi.id(ctx)).id();
        ctx.json(quotaView(userId));
    }

    void setUserQuota(Context ctx) {
        long userId = accounts.get(UserApi.id(ctx)).id();
        JsonInput input = JsonInput.read(ctx, mapper, QUOTA_FIELDS);
        Optional<Integer> movies = limit(input, "movies");
        Optional<Integer> seasons = limit(input, "seasons");
        Optional<Integer> books = limit(input, "books");
        Optional<Integer> days = input.integer("days");
        if (days.filter(value -> value < 1 || value > QuotaPolicy.MAX_DAYS).isPresent()) {
            input.problem("days", "validation.quota.days");
        }
        input.throwIfInvalid();
        requests.setQuota(principal(ctx), userId, new QuotaPolicy.Override(movies, seasons, books, days));
        ctx.json(quotaView(userId));
    }

    // --- reading ---------------------------------------------------------------------------------

    static Optional<TitleType> titleType(String name) {
        return List.of(TitleType.values()).stream().filter(type -> type.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    private static List<ExternalId> ids(JsonInput ids) {
        List<ExternalId> found = new ArrayList<>();
        for (Catalogue catalogue : List.of(Catalogue.TMDB, Catalogue.TVDB, Catalogue.GOODREADS)) {
            String field = catalogue.name().toLowerCase(Locale.ROOT);
            ids.longValue(field).ifPresent(value -> ExternalId.parse(catalogue, String.valueOf(value))
                    .ifPresentOrElse(found::add, () -> ids.problem(field, "validation.request.id")));
        }
        ids.string("imdb").ifPresent(value -> ExternalId.parse(Catalogue.IMDB, value)
                .ifPresentOrElse(found::add, () -> ids.problem("imdb", "validation.request.imdb")));
        return found;
    }

    private static boolean usable(TitleType type, List<ExternalId> ids) {
        return switch (type) {
            case MOVIE -> ids.stream().anyMatch(id -> id.catalogue() == Catalogue.TMDB);
            case SERIES -> ids.stream().anyMatch(id -> id.catalogue() == Catalogue.TVDB || id.catalogue() == Catalogue.TMDB);
            case BOOK -> ids.stream().anyMatch(id -> id.catalogue() == Catalogue.GOODREADS);
        };
    }

    private static SeasonChoice seasons(JsonInput seasons) {
        Optional<SeasonChoice.Mode> mode = seasons.string("mode").flatMap(name -> List.of(SeasonChoice.Mode.values()).stream()
                .filter(candidate -> candidate.name().equalsIgnoreCase(name.strip())).findFirst()
                .or(() -> {
                    seasons.problem("mode", "validation.request.season_mode");
                    return Optional.empty();
                }));
        if (!seasons.has("mode")) {
            seasons.problem("mode", "validation.required");
        }
        List<Long> numbers = seasons.longs("numbers").orElse(List.of());
        if (numbers.stream().anyMatch(number -> number < 0 || number > SeasonChoice.MAX_SEASON)) {
            seasons.problem("numbers", "validation.request.season_numbers");
            return SeasonChoice.all();
        }
        if (mode.isEmpty()) {
            return SeasonChoice.all();
        }
        boolean chosen = mode.get() == SeasonChoice.Mode.CHOSEN;
        if (chosen == numbers.isEmpty()) {
            seasons.problem("numbers", chosen ? "validation.request.season_numbers_missing" : "validation.request.season_numbers_unwanted");
            return SeasonChoice.all();
        }
        TreeSet<Integer> wanted = new TreeSet<>();
        numbers.forEach(number -> wanted.add(number.intValue()));
        return new SeasonChoice(mode.get(), wanted);
    }

    private static RequestOptions options(JsonInput options) {
        Optional<Long> serviceId = options.longValue("serviceId");
        if (serviceId.filter(value -> value <= 0).isPresent()) {
            options.problem("serviceId", "validation.request.positive");
        }
        Optional<Integer> profile = options.integer("qualityProfileId");
        if (profile.filter(value -> value <= 0).isPresent()) {
            options.problem("qualityProfileId", "validation.request.positive");
        }
        Optional<String> folder = options.string("rootFolder").map(String::strip).filter(text -> !text.isEmpty());
        if (folder.filter(text -> text.length() > 1024 || text.chars().anyMatch(Character::isISOControl)).isPresent()) {
            options.problem("rootFolder", "validation.request.root_folder");
        }
        List<Long> tags = options.longs("tags").orElse(List.of());
        if (tags.size() > MAX_TAGS || tags.stream().anyMatch(tag -> tag <= 0 || tag > Integer.MAX_VALUE)) {
            options.problem("tags", "validation.request.tags");
        }
        try {
            Set<Integer> tagIds = new java.util.HashSet<>();
            tags.forEach(tag -> tagIds.add(tag.intValue()));
            return new RequestOptions(serviceId, profile, folder, tagIds);
        } catch (IllegalArgumentException wrong) {
            // Named above; the caller's throwIfInvalid reports it.
            return RequestOptions.defaults();
        }
    }

    private static List<Long> bulkIds(JsonInput input) {
        if (!input.has("ids")) {
            input.problem("ids", "validation.required");
        }
        return input.longs("ids").orElse(List.of());
    }

    private static Optional<Integer> limit(JsonInput input, String field) {
        Optional<Integer> value = input.integer(field);
        if (value.filter(limit -> limit < 0 || limit > QuotaPolicy.MAX_LIMIT).isPresent()) {
            input.problem(field, "validation.quota.limit");
        }
        return value;
    }

    private static int number(Context ctx, String name, int fallback, int min, int max, Map<String, String> problems, String key) {
        String given = ctx.queryParam(name);
        if (given == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(given.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.put(name, key);
        return fallback;
    }

    private static Optional<URI> webAddress(String text) {
        try {
            URI uri = new URI(text.strip());
            boolean web = ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
            return web && text.length() <= 2048 ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * The id of a request the caller may see. Only managers may approve or decline, but a member
     * trying it on someone else's request must learn nothing: it is "not found", as for any id
     * they cannot see; on their own they are told they may not.
     */
    private long visibleId(Context ctx, Principal who) {
        long id = UserApi.id(ctx);
        if (!Requests.manages(who)) {
            requests.get(who, id);
        }
        return id;
    }

    // --- writing ---------------------------------------------------------------------------------

    private void bulkAnswer(Context ctx, List<Requests.BulkResult> results) {
        Messages.Texts texts = texts(ctx);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Requests.BulkResult result : results) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", result.id());
            item.put("ok", result.error().isEmpty());
            item.put("request", result.request().map(request -> view(request, texts)).orElse(null));
            item.put("error", result.error().map(error -> {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("code", error.code().wireName());
                problem.put("message", texts.get(error.code().messageKey(), error.args()));
                return problem;
            }).orElse(null));
            items.add(item);
        }
        ctx.json(Map.of("results", items));
    }

    static Map<String, Object> view(MediaRequest request, Messages.Texts texts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", request.id());
        view.put("type", request.title().type().name().toLowerCase(Locale.ROOT));
        view.put("title", request.title().name());
        view.put("year", request.title().year().isPresent() ? request.title().year().getAsInt() : null);
        view.put("posterUrl", request.title().poster().map(URI::toString).orElse(null));
        Map<String, Object> ids = new LinkedHashMap<>();
        for (ExternalId id : request.title().ids()) {
            if (ID_FIELDS.contains(id.catalogue().name().toLowerCase(Locale.ROOT))) {
                String name = id.catalogue().name().toLowerCase(Locale.ROOT);
                ids.put(name, id.catalogue() == Catalogue.IMDB ? id.value() : Long.parseLong(id.value()));
            }
        }
        view.put("ids", ids);
        view.put("fourK", request.fourK());
        Map<String, Object> seasons = new LinkedHashMap<>();
        seasons.put("mode", request.seasons().mode().name().toLowerCase(Locale.ROOT));
        seasons.put("numbers", List.copyOf(request.seasons().chosen()));
        view.put("seasons", seasons);
        view.put("state", request.state().wireName());
        view.put("route", request.route().name().toLowerCase(Locale.ROOT));
        view.put("serviceId", request.serviceId().orElse(null));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("serviceId", request.options().serviceId().orElse(null));
        options.put("qualityProfileId", request.options().qualityProfileId().orElse(null));
        options.put("rootFolder", request.options().rootFolder().orElse(null));
        options.put("tags", request.options().tags().stream().sorted().toList());
        view.put("options", options);
        view.put("libraryId", request.libraryId().orElse(null));
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("filesPresent", request.progress().filesPresent());
        progress.put("filesExpected", request.progress().filesExpected());
        progress.put("downloading", request.progress().downloading().isPresent() ? request.progress().downloading().getAsDouble() : null);
        view.put("progress", progress);
        view.put("lastError", request.lastError().map(problem -> Views.problem(problem, texts)).orElse(null));
        view.put("attempts", request.attempts());
        view.put("nextAttemptAt", request.nextAttemptAt().map(Instant::toString).orElse(null));
        view.put("requesters", request.requesters().stream().map(requester -> {
            Map<String, Object> who = new LinkedHashMap<>();
            who.put("userId", requester.userId());
            who.put("username", requester.username());
            who.put("displayName", requester.displayName());
            who.put("requestedAt", requester.requestedAt().toString());
            return who;
        }).toList());
        view.put("createdAt", request.createdAt().toString());
        view.put("updatedAt", request.updatedAt().toString());
        return view;
    }

    private static Map<String, Object> transition(MediaRequest.Transition step, Messages.Texts texts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", step.at().toString());
        view.put("actorId", step.actorId().orElse(null));
        view.put("actorName", step.actorName());
        view.put("from", step.from().map(dev.medianest.features.requests.RequestState::wireName).orElse(null));
        view.put("to", step.to().wireName());
        view.put("reason", step.reason().orElse(null));
        view.put("reasonText", TimelineReason.of(step.reason()).map(reason -> switch (reason) {
            case TimelineReason.Coded coded -> texts.get(coded.messageKey(), coded.args().toArray());
            case TimelineReason.Written written -> written.text();
        }).orElse(null));
        return view;
    }

    private static List<Map<String, Object>> standings(Map<TitleType, QuotaPolicy.Standing> standings) {
        return standings.values().stream().map(standing -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("type", standing.type().name().toLowerCase(Locale.ROOT));
            view.put("unlimited", standing.unlimited());
            view.put("limit", standing.limit());
            view.put("used", standing.used());
            view.put("remaining", standing.unlimited() ? null : standing.remaining());
            view.put("days", standing.days());
            view.put("nextFreeAt", standing.nextFreeAt().map(Instant::toString).orElse(null));
            return view;
        }).toList();
    }

    private Map<String, Object> quotaView(long userId) {
        QuotaPolicy.Override override = requests.quotaOverride(userId);
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("movies", override.movies().orElse(null));
        own.put("seasons", override.seasons().orElse(null));
        own.put("books", override.books().orElse(null));
        own.put("days", override.days().orElse(null));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("userId", userId);
        view.put("override", own);
        view.put("defaults", policy(requests.defaultQuota()));
        view.put("effective", policy(requests.policy(userId)));
        view.put("standing", standings(requests.quota(userId)));
        return view;
    }

    private static Map<String, Object> policy(QuotaPolicy policy) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("movies", policy.movies());
        view.put("seasons", policy.seasons());
        view.put("books", policy.books());
        view.put("days", policy.days());
        return view;
    }

    private static Principal principal(Context ctx) {
        return RequestState.of(ctx).requirePrincipal();
    }

    private static Messages.Texts texts(Context ctx) {
        return RequestState.of(ctx).texts;
    }
}
