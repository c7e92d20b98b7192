package dev.medianest.integrations.seerr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.platform.http.RemoteFailure;
import dev.medianest.platform.http.RemoteHttp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request portal API shared by Overseerr, Jellyseerr and their merged successor Seerr. Specs:
 * overseerr.openapi.yml (Overseerr 1.34.0, its last release), jellyseerr.openapi.yml (Jellyseerr
 * 2.7.3, its last release) and seerr.openapi.yml (Seerr 3.1.0) in ../shared/specs. All three
 * declare the server as {@code {server}/api/v1} and accept the {@code X-Api-Key} header; every
 * call here is declared identically in the three unless a comment says otherwise. Stateless.
 */
public final class SeerrClient {

    private static final String API = "/api/v1";
    private static final Pattern RELEASE_VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    private final RemoteHttp http;

    public SeerrClient(RemoteHttp http) {
        this.http = http;
    }

    /** Which of the three answers. */
    public enum Product {
        OVERSEERR("Overseerr"), JELLYSEERR("Jellyseerr"), SEERR("Seerr");

        private final String displayName;

        Product(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }

        /**
         * The {@code filter} values GET /request accepts: Overseerr's spec stops at "failed";
         * Jellyseerr and Seerr add "deleted" and "completed".
         */
        public List<RequestFilter> requestFilters() {
            List<RequestFilter> all = List.of(RequestFilter.values());
            return this == OVERSEERR ? all.stream().filter(filter -> filter != RequestFilter.DELETED && filter != RequestFilter.COMPLETED).toList() : all;
        }

        /** Overseerr's GET /request has no {@code mediaType} (nor {@code sortDirection}) parameter; the other two have both. */
        public boolean filtersRequestsByMediaType() {
            return this != OVERSEERR;
        }
    }

    /** GET /status: the same schema in all three specs, hence not enough alone to tell them apart. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(String version, String commitTag, Boolean updateAvailable, Integer commitsBehind, Boolean restartRequired) {
        public boolean needsRestart() {
            return Boolean.TRUE.equals(restartRequired);
        }
    }

    /** What answered, and the version it reports ("2.7.3", or "develop-1a2b3c4" for a build from a branch). */
    public record Identity(Product product, String version, Status status) {
    }

    /** Availability of a title in the media server (MediaInfo.status). */
    public enum Availability {
        UNKNOWN, PENDING, PROCESSING, PARTIALLY_AVAILABLE, AVAILABLE, DELETED;

        /** 1–5 in all three specs; 6 = DELETED only in the Jellyseerr and Seerr specs. */
        static Availability of(Integer code) {
            if (code == null || code < 1 || code > 6) {
                return UNKNOWN;
            }
            return values()[code - 1];
        }
    }

    /**
     * MediaInfo: what the portal already knows about a title (requested? available?). The specs
     * declare one {@code status}; the servers also send {@code status4k}, the availability of the 4K
     * edition (server/entity/Media.ts), and fill {@code requests} on the movie and tv details
     * (Media.getMedia loads the relation).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MediaInfo(Integer id, Integer tmdbId, Integer tvdbId, Integer status, Integer status4k, List<MediaRequest> requests) {
        public MediaInfo {
            requests = requests == null ? List.of() : List.copyOf(requests);
        }

        public Availability availability() {
            return Availability.of(status);
        }

        /** The availability of the HD or the 4K edition. */
        public Availability availability(boolean fourK) {
            return Availability.of(fourK ? status4k : status);
        }
    }

    /** One entry of GET /search: a MovieResult, TvResult or PersonResult, told apart by {@code mediaType}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SearchResult(int id, String mediaType, String title, String name, String originalTitle, String originalName,
                               String releaseDate, String firstAirDate, String overview, String posterPath, Double voteAverage,
                               List<Integer> genreIds, MediaInfo mediaInfo) {
        public SearchResult {
            genreIds = genreIds == null ? List.of() : List.copyOf(genreIds);
        }

        /** Movies carry {@code title}, series and people {@code name}. */
        public String displayTitle() {
            return title != null ? title : name;
        }

        public Optional<Integer> year() {
            return yearOf(releaseDate != null ? releaseDate : firstAirDate);
        }

        public Optional<MediaInfo> media() {
            return Optional.ofNullable(mediaInfo);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SearchPage(int page, int totalPages, int totalResults, List<SearchResult> results) {
        public SearchPage {
            results = results == null ? List.of() : List.copyOf(results);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Genre(int id, String name) {
    }

    /** ExternalIds: the ids the *arr applications key on. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ExternalIds(String imdbId, Integer tvdbId) {
    }

    /** MovieDetails, reduced. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MovieDetails(int id, String imdbId, String title, String originalTitle, String overview, String releaseDate,
                               String posterPath, Integer runtime, Double voteAverage, List<Genre> genres, MediaInfo mediaInfo) {
        public MovieDetails {
            genres = genres == null ? List.of() : List.copyOf(genres);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Season(int seasonNumber, Integer episodeCount, String name, String airDate) {
    }

    /**
     * TvDetails, reduced. The specs name the season count {@code numberOfSeason} while the servers
     * send {@code numberOfSeasons}; the {@code seasons} list is used instead, which both agree on.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TvDetails(int id, String name, String originalName, String overview, String firstAirDate, String posterPath,
                            Double voteAverage, List<Genre> genres, List<Season> seasons, ExternalIds externalIds, MediaInfo mediaInfo) {
        public TvDetails {
            genres = genres == null ? List.of() : List.copyOf(genres);
            seasons = seasons == null ? List.of() : List.copyOf(seasons);
        }

        /** Season numbers above 0 (season 0 holds the specials). */
        public List<Integer> regularSeasons() {
            return seasons.stream().map(Season::seasonNumber).filter(number -> number > 0).toList();
        }
    }

    /** User, reduced to who asked. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(int id, String email, String username, String plexUsername) {
        public String shownName() {
            return username != null && !username.isBlank() ? username : plexUsername != null && !plexUsername.isBlank() ? plexUsername : email;
        }
    }

    /** Where a request stands. */
    public enum RequestStatus {
        UNKNOWN, PENDING, APPROVED, DECLINED, FAILED, COMPLETED;

        /**
         * The specs document 1 = pending approval, 2 = approved, 3 = declined; the servers' source
         * (server/constants/media.ts, MediaRequestStatus) also sends 4 = failed and, in Jellyseerr and
         * Seerr, 5 = completed.
         */
        static RequestStatus of(int code) {
            return code >= 1 && code <= 5 ? values()[code] : UNKNOWN;
        }
    }

    /** MediaRequest. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MediaRequest(int id, int status, MediaInfo media, String createdAt, String updatedAt, User requestedBy, boolean is4k) {
        public RequestStatus requestStatus() {
            return RequestStatus.of(status);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PageInfo(int page, int pages, int results) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestPage(PageInfo pageInfo, List<MediaRequest> results) {
        public RequestPage {
            results = results == null ? List.of() : List.copyOf(results);
        }
    }

    /** The {@code filter} parameter of GET /request. */
    public enum RequestFilter {
        ALL, APPROVED, AVAILABLE, PENDING, PROCESSING, UNAVAILABLE, FAILED, DELETED, COMPLETED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The media type of the requests to list. */
    public enum RequestMediaType { ALL, MOVIE, TV }

    /**
     * One page of the request list, newest first. {@code page} counts from 1 and becomes the
     * {@code skip}/{@code take} pair the API pages with.
     */
    public record RequestQuery(int page, int pageSize, RequestFilter filter, RequestMediaType mediaType, boolean byLastChange) {
        public RequestQuery {
            if (page < 1 || pageSize < 1 || pageSize > 100) {
                throw new IllegalArgumentException("page counts from 1; a page holds 1 to 100 requests");
            }
        }

        public static RequestQuery firstPage(RequestFilter filter) {
            return new RequestQuery(1, 20, filter, RequestMediaType.ALL, false);
        }
    }

    /** Which seasons of a series to ask for. */
    public sealed interface Seasons {
        /** Every season, the API's {@code "all"}. */
        record All() implements Seasons {
        }

        /** Chosen season numbers (0 = specials). */
        record Chosen(List<Integer> numbers) implements Seasons {
            public Chosen {
                numbers = List.copyOf(numbers);
                if (numbers.isEmpty() || numbers.stream().anyMatch(number -> number < 0)) {
                    throw new IllegalArgumentException("choose at least one season, numbered from 0");
                }
            }
        }
    }

    /** The body of POST /request: a movie, or a series with its seasons; {@code is4k} goes to the 4K *arr. */
    public record NewRequest(String mediaType, int tmdbId, Optional<Seasons> seasons, boolean is4k) {
        public NewRequest {
            if (tmdbId <= 0) {
                throw new IllegalArgumentException("a request needs the TMDb id");
            }
            if (!mediaType.equals("movie") && !mediaType.equals("tv")) {
                throw new IllegalArgumentException("a request is for a movie or for tv");
            }
            if (mediaType.equals("tv") != seasons.isPresent()) {
                throw new IllegalArgumentException("series requests, and only they, name their seasons");
            }
        }

        public static NewRequest movie(int tmdbId, boolean is4k) {
            return new NewRequest("movie", tmdbId, Optional.empty(), is4k);
        }

        public static NewRequest series(int tmdbId, Seasons seasons, boolean is4k) {
            return new NewRequest("tv", tmdbId, Optional.of(seasons), is4k);
        }
    }

    /** GET /status. Public in all three specs ({@code security: []}), so it proves nothing about the API key. */
    public Status status(RemoteHttp.Endpoint endpoint) {
        return http.json(endpoint, RemoteHttp.Call.get(API + "/status", Map.of()).withMaxBytes(1 << 20), Status.class);
    }

    /**
     * Which product answers, checking the API key on the way. The status payload has the same
     * schema in all three specs, so the rule uses what differs elsewhere:
     * <ol>
     *   <li>GET /settings/main (needs the key; a wrong one fails here): only Jellyseerr's and Seerr's
     *       MainSettings declare {@code mediaServerType} (they serve Jellyfin and Emby too); Overseerr's
     *       has {@code csrfProtection}/{@code trustProxy} instead. Absent → Overseerr.</li>
     *   <li>Otherwise the version from GET /status: Seerr numbers its releases from 3.0.0 on, after
     *       Jellyseerr's last 2.7.x, so a release major of 3 or more is Seerr and 1–2 is Jellyseerr.</li>
     *   <li>A build from a branch reports "develop-&lt;commit&gt;" instead of a number (getAppVersion in
     *       server/utils/appVersion.ts); then GET /settings/metadatas decides, a path only Seerr's
     *       spec has: answered → Seerr, 404 → Jellyseerr.</li>
     * </ol>
     */
    public Identity identify(RemoteHttp.Endpoint endpoint, String apiKey) {
        Status status = status(endpoint);
        if (status.version() == null || status.version().isBlank()) {
            throw new RemoteFailure(RemoteFailure.Kind.WRONG_APPLICATION, "GET /api/v1/status answered without a version");
        }
        JsonNode main = http.json(endpoint, RemoteHttp.Call.get(API + "/settings/main", auth(apiKey)).withMaxBytes(1 << 20), JsonNode.class);
        String version = status.version().strip();
        if (!main.has("mediaServerType")) {
            return new Identity(Product.OVERSEERR, version, status);
        }
        Matcher release = RELEASE_VERSION.matcher(version);
        if (release.matches()) {
            return new Identity(Integer.parseInt(release.group(1)) >= 3 ? Product.SEERR : Product.JELLYSEERR, version, status);
        }
        try {
            http.exchange(endpoint, RemoteHttp.Call.get(API + "/settings/metadatas", auth(apiKey)).withMaxBytes(1 << 20));
            return new Identity(Product.SEERR, version, status);
        } catch (RemoteFailure failure) {
            if (failure.kind() == RemoteFailure.Kind.NOT_FOUND) {
                return new Identity(Product.JELLYSEERR, version, status);
            }
            throw failure;
        }
    }

    /**
     * Movies, series and people matching the words. {@code language} is an ISO 639-1 code or a
     * locale ("ru", "en-US"); the portal passes it on to TMDb for titles and overviews.
     */
    public SearchPage search(RemoteHttp.Endpoint endpoint, String apiKey, String query, int page, String language) {
        if (query == null || query.isBlank() || page < 1) {
            throw new IllegalArgumentException("a search needs words and a page from 1");
        }
        String path = API + "/search?query=" + encode(query.strip()) + "&page=" + page + "&language=" + encode(language);
        return http.json(endpoint, RemoteHttp.Call.get(path, auth(apiKey)), SearchPage.class);
    }

    public MovieDetails movie(RemoteHttp.Endpoint endpoint, String apiKey, int tmdbId, String language) {
        return http.json(endpoint, RemoteHttp.Call.get(API + "/movie/" + tmdbId + "?language=" + encode(language), auth(apiKey)),
                MovieDetails.class);
    }

    public TvDetails tv(RemoteHttp.Endpoint endpoint, String apiKey, int tmdbId, String language) {
        return http.json(endpoint, RemoteHttp.Call.get(API + "/tv/" + tmdbId + "?language=" + encode(language), auth(apiKey)),
                TvDetails.class);
    }

    /**
     * Seerr already has a request for the title (and edition), or for every season asked for. The
     * specs list only 201 for POST /request, but the route answers a DuplicateMediaRequestError with
     * 409 and a NoSeasonsAvailableError with 202 and a message instead of a request
     * (server/routes/request.ts, errors thrown by MediaRequest.request in server/entity/MediaRequest.ts).
     */
    public static final class AlreadyRequested extends RuntimeException {
        AlreadyRequested(String detail) {
            super(detail, null, false, false);
        }
    }

    /**
     * Files a request as the API key's user (the admin), so the portal approves it at once unless
     * configured otherwise; the answer is the request with its status.
     *
     * @throws AlreadyRequested when the portal already has a request covering it
     */
    public MediaRequest request(RemoteHttp.Endpoint endpoint, String apiKey, NewRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mediaType", request.mediaType());
        body.put("mediaId", request.tmdbId());
        request.seasons().ifPresent(seasons -> body.put("seasons", switch (seasons) {
            case Seasons.All all -> "all";
            case Seasons.Chosen chosen -> chosen.numbers();
        }));
        body.put("is4k", request.is4k());
        RemoteHttp.Reply reply;
        try {
            reply = http.exchange(endpoint, RemoteHttp.Call.send("POST", API + "/request", auth(apiKey), body));
        } catch (RemoteFailure failure) {
            if (failure.status() == 409) {
                throw new AlreadyRequested("a request for this title exists");
            }
            throw failure;
        }
        if (reply.status() == 202) {
            throw new AlreadyRequested("every season asked for is requested already");
        }
        return http.json(reply, MediaRequest.class);
    }

    /** One request by its id, with its media (the relation is eager in server/entity/MediaRequest.ts). */
    public MediaRequest findRequest(RemoteHttp.Endpoint endpoint, String apiKey, int requestId) {
        if (requestId <= 0) {
            throw new IllegalArgumentException("request ids are positive");
        }
        return http.json(endpoint, RemoteHttp.Call.get(API + "/request/" + requestId, auth(apiKey)), MediaRequest.class);
    }

    /**
     * One page of requests. Overseerr lacks the "deleted" and "completed" filters and the media type
     * parameter (see {@link Product}); asking it for them is refused here rather than by its validator.
     */
    public RequestPage requests(RemoteHttp.Endpoint endpoint, String apiKey, Product product, RequestQuery query) {
        if (!product.requestFilters().contains(query.filter())) {
            throw new IllegalArgumentException(product.displayName() + " has no request filter " + query.filter().wire());
        }
        if (query.mediaType() != RequestMediaType.ALL && !product.filtersRequestsByMediaType()) {
            throw new IllegalArgumentException(product.displayName() + " cannot list requests by media type");
        }
        List<String> parameters = new ArrayList<>();
        parameters.add("take=" + query.pageSize());
        parameters.add("skip=" + (query.page() - 1) * query.pageSize());
        parameters.add("filter=" + query.filter().wire());
        parameters.add("sort=" + (query.byLastChange() ? "modified" : "added"));
        if (query.mediaType() != RequestMediaType.ALL) {
            parameters.add("mediaType=" + query.mediaType().name().toLowerCase(Locale.ROOT));
        }
        return http.json(endpoint, RemoteHttp.Call.get(API + "/request?" + String.join("&", parameters), auth(apiKey)), RequestPage.class);
    }

    public MediaRequest approve(RemoteHttp.Endpoint endpoint, String apiKey, int requestId) {
        return changeStatus(endpoint, apiKey, requestId, "approve");
    }

    public MediaRequest decline(RemoteHttp.Endpoint endpoint, String apiKey, int requestId) {
        return changeStatus(endpoint, apiKey, requestId, "decline");
    }

    private MediaRequest changeStatus(RemoteHttp.Endpoint endpoint, String apiKey, int requestId, String status) {
        if (requestId <= 0) {
            throw new IllegalArgumentException("request ids are positive");
        }
        return http.json(endpoint, RemoteHttp.Call.send("POST", API + "/request/" + requestId + "/" + status, auth(apiKey), null),
                MediaRequest.class);
    }

    private static Map<String, String> auth(String apiKey) {
        return Map.of("X-Api-Key", apiKey);
    }

    /** Spaces as %20, the way the portals' own web pages encode a search (encodeURIComponent). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Optional<Integer> yearOf(String date) {
        if (date == null || date.length() < 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(date.substring(0, 4)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
