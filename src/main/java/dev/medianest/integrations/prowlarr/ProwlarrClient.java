package dev.medianest.integrations.prowlarr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.medianest.integrations.arr.ArrApi;
import dev.medianest.platform.http.RemoteHttp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Prowlarr's own API v1 beyond what every *arr shares (that part is {@link ArrApi}): indexers and
 * their failure status, searching all indexers at once, sending a found release to a download
 * client, and the applications Prowlarr pushes its indexers to. Spec: prowlarr-v1.openapi.json in
 * ../shared/specs. Stateless; authentication is the {@code X-Api-Key} header.
 */
public final class ProwlarrClient {

    private final RemoteHttp http;

    public ProwlarrClient(RemoteHttp http) {
        this.http = http;
    }

    /** IndexerResource, reduced to what MediaNest shows and decides on. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Indexer(int id, String name, String definitionName, boolean enable, String protocol, String privacy,
                          int priority, boolean supportsSearch, boolean supportsRss, List<Integer> tags) {
        public Indexer {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /**
     * IndexerStatusResource: present only for an indexer that has failed lately. Times stay text as
     * Prowlarr sends them (ISO-8601 date-time) and are parsed on demand.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IndexerStatus(int id, int indexerId, String disabledTill, String mostRecentFailure, String initialFailure) {
        /** When Prowlarr will try this indexer again; empty when it is not held back. */
        public Optional<Instant> disabledUntil() {
            return instant(disabledTill);
        }

        public Optional<Instant> lastFailure() {
            return instant(mostRecentFailure);
        }

        /** True when Prowlarr skips the indexer at {@code now} because of recent failures. */
        public boolean disabledAt(Instant now) {
            return disabledUntil().map(now::isBefore).orElse(false);
        }
    }

    /** IndexerCategory: a Newznab category (2000 Movies, 5000 TV, 7000 Books …). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Category(int id, String name) {
    }

    /** ReleaseResource: one result of a search, as an indexer described it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Release(String guid, int indexerId, String indexer, String title, long size, Integer seeders, Integer leechers,
                          Integer grabs, String protocol, String publishDate, int age, String infoUrl, String downloadUrl,
                          String magnetUrl, String infoHash, int imdbId, int tmdbId, int tvdbId, List<Category> categories) {
        public Release {
            categories = categories == null ? List.of() : List.copyOf(categories);
        }

        public Optional<Instant> published() {
            return instant(publishDate);
        }
    }

    /** What Prowlarr's search page calls "Search type" (the {@code type} query parameter of GET /api/v1/search). */
    public enum SearchType {
        SEARCH("search"), TV("tvsearch"), MOVIE("movie"), MUSIC("music"), BOOK("book");

        private final String wire;

        SearchType(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * A search across indexers. {@code categories} and {@code indexerIds} empty mean "all".
     *
     * @param limit  at most this many results per indexer, or 0 for Prowlarr's default
     */
    public record Search(String query, SearchType type, List<Integer> categories, List<Integer> indexerIds, int limit) {
        public Search {
            if (query == null || query.isBlank()) {
                throw new IllegalArgumentException("a search needs words to look for");
            }
            query = query.strip();
            categories = List.copyOf(categories);
            indexerIds = List.copyOf(indexerIds);
            if (categories.stream().anyMatch(id -> id <= 0) || indexerIds.stream().anyMatch(id -> id <= 0)) {
                throw new IllegalArgumentException("category and indexer ids are positive");
            }
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative");
            }
        }

        public static Search of(String query, SearchType type, List<Integer> categories) {
            return new Search(query, type, categories, List.of(), 0);
        }
    }

    /**
     * Which release to send where. Prowlarr finds the release again in the cache of its last
     * search by {@code guid} and {@code indexerId} (SearchController.GrabRelease in Prowlarr's
     * source), so only these go in the body; a grab without a recent search of it fails with 404.
     *
     * @param downloadClientId the client to use, or empty for the indexer's default
     */
    public record Grab(String guid, int indexerId, Optional<Integer> downloadClientId) {
        public Grab {
            if (guid == null || guid.isBlank()) {
                throw new IllegalArgumentException("a grab needs the release guid");
            }
            if (indexerId <= 0) {
                throw new IllegalArgumentException("a grab needs the indexer id");
            }
        }

        public static Grab of(Release release) {
            return new Grab(release.guid(), release.indexerId(), Optional.empty());
        }
    }

    /** Field: one setting of an application, as Prowlarr's provider forms list them. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Field(String name, Object value) {
    }

    /** ApplicationResource: an *arr application Prowlarr keeps supplied with indexers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Application(int id, String name, String implementation, String syncLevel, List<Field> fields, List<Integer> tags) {
        public Application {
            fields = fields == null ? List.of() : List.copyOf(fields);
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        /** The value of one setting ("baseUrl", "prowlarrUrl" …) when it is set. */
        public Optional<Object> field(String fieldName) {
            return fields.stream().filter(field -> fieldName.equals(field.name())).map(Field::value)
                    .filter(java.util.Objects::nonNull).findFirst();
        }
    }

    /**
     * The applications Prowlarr can sync to, with the implementation and settings contract names
     * and the default Newznab categories of Prowlarr's own settings classes (RadarrSettings,
     * SonarrSettings, ReadarrSettings, LidarrSettings in Prowlarr's source).
     */
    public enum AppKind {
        RADARR("Radarr", List.of(2000, 2010, 2020, 2030, 2040, 2045, 2050, 2060, 2070, 2080, 2090)),
        SONARR("Sonarr", List.of(5000, 5010, 5020, 5030, 5040, 5045, 5050, 5090)),
        READARR("Readarr", List.of(3030, 7000, 7010, 7020, 7030, 7040, 7050, 7060)),
        LIDARR("Lidarr", List.of(3000, 3010, 3030, 3040, 3050, 3060));

        private final String implementation;
        private final List<Integer> defaultCategories;

        AppKind(String implementation, List<Integer> defaultCategories) {
            this.implementation = implementation;
            this.defaultCategories = defaultCategories;
        }

        public String implementation() {
            return implementation;
        }

        public String configContract() {
            return implementation + "Settings";
        }

        public List<Integer> defaultCategories() {
            return defaultCategories;
        }
    }

    /** ApplicationSyncLevel of the spec. */
    public enum SyncLevel {
        DISABLED("disabled"), ADD_ONLY("addOnly"), FULL_SYNC("fullSync");

        private final String wire;

        SyncLevel(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s/?#]+(/[^\\s?#]*)?", Pattern.CASE_INSENSITIVE);

    /**
     * An application to link: how Prowlarr reaches it ({@code baseUrl} with its API key) and how it
     * reaches Prowlarr back ({@code prowlarrUrl}, the address the application's indexers will point at).
     */
    public record NewApplication(String name, AppKind kind, SyncLevel syncLevel, String prowlarrUrl, String baseUrl, String apiKey,
                                 List<Integer> syncCategories, List<Integer> tags) {
        public NewApplication {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an application needs a name");
            }
            if (prowlarrUrl == null || !HTTP_URL.matcher(prowlarrUrl).matches() || baseUrl == null || !HTTP_URL.matcher(baseUrl).matches()) {
                throw new IllegalArgumentException("prowlarrUrl and baseUrl must be http(s) addresses");
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("the application's API key is required");
            }
            name = name.strip();
            syncCategories = List.copyOf(syncCategories);
            tags = List.copyOf(tags);
        }

        /** Full sync with Prowlarr's default categories for the kind, no tags. */
        public static NewApplication of(String name, AppKind kind, String prowlarrUrl, String baseUrl, String apiKey) {
            return new NewApplication(name, kind, SyncLevel.FULL_SYNC, prowlarrUrl, baseUrl, apiKey, kind.defaultCategories(), List.of());
        }
    }

    public List<Indexer> indexers(RemoteHttp.Endpoint endpoint, String apiKey) {
        return http.json(endpoint, RemoteHttp.Call.get("/api/v1/indexer", ArrApi.auth(apiKey)), listOf(Indexer.class));
    }

    /** Only indexers with recent failures appear here; the rest are healthy. */
    public List<IndexerStatus> indexerStatuses(RemoteHttp.Endpoint endpoint, String apiKey) {
        return http.json(endpoint, RemoteHttp.Call.get("/api/v1/indexerstatus", ArrApi.auth(apiKey)), listOf(IndexerStatus.class));
    }

    /**
     * Searches the indexers. Array parameters go as repeated keys ({@code categories=2000&categories=5000}),
     * the OpenAPI default form style the spec declares; a comma-joined list is rejected.
     */
    public List<Release> search(RemoteHttp.Endpoint endpoint, String apiKey, Search search) {
        List<String> query = new ArrayList<>();
        query.add("query=" + encode(search.query()));
        query.add("type=" + search.type().wire());
        search.categories().forEach(category -> query.add("categories=" + category));
        search.indexerIds().forEach(indexer -> query.add("indexerIds=" + indexer));
        if (search.limit() > 0) {
            query.add("limit=" + search.limit());
        }
        // Searching every indexer takes as long as the slowest one: allow a large answer.
        return http.json(endpoint, RemoteHttp.Call.get("/api/v1/search?" + String.join("&", query), ArrApi.auth(apiKey))
                .withMaxBytes(32L << 20), listOf(Release.class));
    }

    /** Sends a release found by {@link #search} to a download client; Prowlarr answers with the release. */
    public Release grab(RemoteHttp.Endpoint endpoint, String apiKey, Grab grab) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("guid", grab.guid());
        body.put("indexerId", grab.indexerId());
        grab.downloadClientId().ifPresent(id -> body.put("downloadClientId", id));
        return http.json(endpoint, RemoteHttp.Call.send("POST", "/api/v1/search", ArrApi.auth(apiKey), body), Release.class);
    }

    public List<Application> applications(RemoteHttp.Endpoint endpoint, String apiKey) {
        return http.json(endpoint, RemoteHttp.Call.get("/api/v1/applications", ArrApi.auth(apiKey)), listOf(Application.class));
    }

    /**
     * Links an application. Prowlarr tests the connection before saving (a wrong address or key
     * comes back as 400 with the validation failures); the saved application is returned with its id.
     */
    public Application addApplication(RemoteHttp.Endpoint endpoint, String apiKey, NewApplication application) {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("prowlarrUrl", application.prowlarrUrl()));
        fields.add(field("baseUrl", application.baseUrl()));
        fields.add(field("apiKey", application.apiKey()));
        fields.add(field("syncCategories", application.syncCategories()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", application.name());
        body.put("implementation", application.kind().implementation());
        body.put("implementationName", application.kind().implementation());
        body.put("configContract", application.kind().configContract());
        body.put("syncLevel", application.syncLevel().wire());
        body.put("tags", application.tags());
        body.put("fields", fields);
        return http.json(endpoint, RemoteHttp.Call.send("POST", "/api/v1/applications", ArrApi.auth(apiKey), body), Application.class);
    }

    private static Map<String, Object> field(String name, Object value) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("name", name);
        field.put("value", value);
        return field;
    }

    private <T> com.fasterxml.jackson.databind.JavaType listOf(Class<T> type) {
        return http.mapper().getTypeFactory().constructCollectionType(List.class, type);
    }

    /** Spaces as %20, not '+': the query goes to Prowlarr verbatim and on to indexers. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
