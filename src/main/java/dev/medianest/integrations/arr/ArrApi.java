package dev.medianest.integrations.arr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JavaType;
import dev.medianest.platform.http.RemoteHttp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The endpoints Radarr (v3), Sonarr (v3), Readarr (v1) and Prowlarr (v1) share because they grew
 * from one code base: system status, health, disk space, tags, quality profiles, root folders, the
 * paged queue and history, commands. Specs: radarr-v3.openapi.json, sonarr-v3.openapi.json,
 * readarr-v1.openapi.json and prowlarr-v1.openapi.json in ../shared/specs (paths
 * /api/v3/system/status, /health, /diskspace, /tag, /qualityprofile, /rootfolder, /queue, /history,
 * /command and their /api/v1 twins). Authentication is the {@code X-Api-Key} header in all four
 * (the query form {@code apikey=} would leak into logs).
 */
public final class ArrApi {

    /** Whole-library lists (every movie with its file and images) run to tens of megabytes on large libraries. */
    private static final long LIBRARY_BYTES = 64L << 20;

    private final RemoteHttp http;
    private final String prefix;

    /** {@code prefix} is "/api/v3" for Radarr and Sonarr, "/api/v1" for Readarr and Prowlarr. */
    public ArrApi(RemoteHttp http, String prefix) {
        this.http = http;
        this.prefix = prefix;
    }

    /** SystemResource: which application answers and its version. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SystemStatus(String appName, String instanceName, String version, String urlBase) {
    }

    /**
     * HealthResource: one of the warnings the application shows on its own System › Status page.
     * {@code wikiUrl} is left unread: Radarr's spec types it as text, Sonarr's and Readarr's as an
     * HttpUri object, and a link to a wiki is not worth failing a health check over.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Health(String source, String type, String message) {
        public boolean isProblem() {
            return "warning".equals(type) || "error".equals(type);
        }
    }

    /** DiskSpaceResource. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DiskSpace(String path, String label, long freeSpace, long totalSpace) {
    }

    /** TagResource. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tag(int id, String label) {
    }

    /** QualityProfileResource, reduced to what a form offers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QualityProfile(int id, String name) {
    }

    /** RootFolderResource; a folder the application cannot reach is listed with {@code accessible} false. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RootFolder(int id, String path, boolean accessible, Long freeSpace) {
    }

    /** MediaCover: {@code remoteUrl} points at TMDb/TVDB/Goodreads, {@code url} at the application's own cache. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Image(String coverType, String url, String remoteUrl) {

        /** The public poster: the resource's own remote poster field when it has one, else the poster among its images. */
        public static Optional<String> poster(String remotePoster, List<Image> images) {
            return Optional.ofNullable(remotePoster).or(() -> images.stream().filter(image -> "poster".equals(image.coverType()))
                    .map(Image::remoteUrl).filter(Objects::nonNull).findFirst());
        }
    }

    /** QualityModel, reduced to the quality's name ("Bluray-1080p"). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Quality(Named quality) {
        /** Quality: id and name. */
        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Named(int id, String name) {
        }

        public String name() {
            return quality == null ? "" : quality.name();
        }
    }

    /** The *PagingResource wrappers: one page of records and how many there are in all. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page<T>(int page, int pageSize, int totalRecords, List<T> records) {
        public Page {
            records = records == null ? List.of() : List.copyOf(records);
        }
    }

    /**
     * QueueResource of all three applications: each fills the ids of its own titles (Radarr
     * {@code movieId}; Sonarr {@code seriesId}, {@code episodeId}, {@code seasonNumber}; Readarr
     * {@code authorId}, {@code bookId}) and leaves the others out; Sonarr adds the {@code episode}
     * when asked with includeEpisode. {@code status} is the download client's state,
     * {@code trackedDownloadState} the application's own (importPending, imported …).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QueueRecord(int id, Integer movieId, Integer seriesId, Integer episodeId, Integer seasonNumber, EpisodeNumber episode,
                              Integer authorId, Integer bookId, String title, double size, double sizeleft, String status,
                              String trackedDownloadStatus, String trackedDownloadState, List<StatusMessage> statusMessages,
                              String errorMessage, Instant estimatedCompletionTime, String downloadClient, String protocol,
                              String indexer, Quality quality) {
        public QueueRecord {
            statusMessages = statusMessages == null ? List.of() : List.copyOf(statusMessages);
        }
    }

    /** Sonarr's EpisodeResource, reduced to where the episode sits in its series. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EpisodeNumber(int seasonNumber, int episodeNumber, String title) {
    }

    /** TrackedDownloadStatusMessage: a release title and what is wrong with it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatusMessage(String title, List<String> messages) {
        public StatusMessage {
            messages = messages == null ? List.of() : List.copyOf(messages);
        }
    }

    /** HistoryResource of Radarr and Sonarr: grabbed, imported, failed … ({@code eventType}) for one title. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryRecord(int id, Integer movieId, Integer seriesId, Integer episodeId, String sourceTitle, Quality quality,
                                Instant date, String eventType, String downloadId) {
    }

    /** CommandResource: a queued task (search, refresh); {@code status} queued, started, completed, failed … */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Command(int id, String name, String status, String message, Instant queued, Instant started, Instant ended) {
    }

    public SystemStatus systemStatus(RemoteHttp.Endpoint endpoint, String apiKey) {
        return http.json(endpoint, RemoteHttp.Call.get(prefix + "/system/status", auth(apiKey)).withMaxBytes(1 << 20), SystemStatus.class);
    }

    public List<Health> health(RemoteHttp.Endpoint endpoint, String apiKey) {
        return http.json(endpoint, RemoteHttp.Call.get(prefix + "/health", auth(apiKey)).withMaxBytes(1 << 20), listOf(Health.class));
    }

    public List<DiskSpace> diskSpace(RemoteHttp.Endpoint endpoint, String apiKey) {
        return http.json(endpoint, RemoteHttp.Call.get(prefix + "/diskspace", auth(apiKey)).withMaxBytes(1 << 20), listOf(DiskSpace.class));
    }

    public List<Tag> tags(RemoteHttp.Endpoint endpoint, String apiKey) {
        return http.json(endpoint, RemoteHttp.Call.get(prefix + "/tag", auth(apiKey)).withMaxBytes(1 << 20), listOf(Tag.class));
    }

    /**
     * The tag with this label, created when missing. The applications compare labels without regard
     * to case and refuse a second tag with the same label (TagService.Add), so the list is read first.
     */
    public Tag tag(RemoteHttp.Endpoint endpoint, String apiKey, String label) {
        String wanted = label.toLowerCase(java.util.Locale.ROOT);
        return tags(endpoint, apiKey).stream().filter(tag -> wanted.equalsIgnoreCase(tag.label())).findFirst()
                .orElseGet(() -> post(endpoint, apiKey, "/tag", Map.of("label", wanted), Tag.class));
    }

    public List<QualityProfile> qualityProfiles(RemoteHttp.Endpoint endpoint, String apiKey) {
        return list(endpoint, apiKey, "/qualityprofile", QualityProfile.class);
    }

    public List<RootFolder> rootFolders(RemoteHttp.Endpoint endpoint, String apiKey) {
        return list(endpoint, apiKey, "/rootfolder", RootFolder.class);
    }

    /** One page of the download queue; {@code filters} are the application's own query parameters (movieIds, seriesIds …). */
    public Page<QueueRecord> queue(RemoteHttp.Endpoint endpoint, String apiKey, int page, int pageSize, Object... filters) {
        return page(endpoint, apiKey, "/queue", page, pageSize, QueueRecord.class, filters);
    }

    /** One page of the history, newest first. */
    public Page<HistoryRecord> history(RemoteHttp.Endpoint endpoint, String apiKey, int page, int pageSize) {
        return page(endpoint, apiKey, "/history", page, pageSize, HistoryRecord.class, "sortKey", "date", "sortDirection", "descending");
    }

    /**
     * Starts a command. The body is the command's own fields beside its {@code name}
     * ({@code movieIds}, {@code seriesId} …): CommandController.StartCommand reads the whole body as
     * the command type the name picks, although the spec's CommandResource lists none of those fields
     * (src/Radarr.Api.V3/Commands/CommandController.cs, the same in Sonarr and Readarr).
     */
    public Command command(RemoteHttp.Endpoint endpoint, String apiKey, String name, Object... fieldsAndValues) {
        if (name == null || name.isBlank() || fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a command needs its name, and its fields come with their values");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            body.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return post(endpoint, apiKey, "/command", body, Command.class);
    }

    /** GET below the prefix, read as a list of {@code type}: for endpoints an application adds to the shared set. */
    public <T> List<T> list(RemoteHttp.Endpoint endpoint, String apiKey, String pathAndQuery, Class<T> type) {
        return http.json(endpoint, RemoteHttp.Call.get(prefix + pathAndQuery, auth(apiKey)), listOf(type));
    }

    /** As {@link #list}, for whole-library lists that may be far larger than an ordinary answer. */
    public <T> List<T> library(RemoteHttp.Endpoint endpoint, String apiKey, String pathAndQuery, Class<T> type) {
        return http.json(endpoint, RemoteHttp.Call.get(prefix + pathAndQuery, auth(apiKey)).withMaxBytes(LIBRARY_BYTES), listOf(type));
    }

    /** GET below the prefix, read as one {@code type}. */
    public <T> T get(RemoteHttp.Endpoint endpoint, String apiKey, String pathAndQuery, Class<T> type) {
        return http.json(endpoint, RemoteHttp.Call.get(prefix + pathAndQuery, auth(apiKey)), type);
    }

    /** POST of a JSON body below the prefix. Never retried: a repeated add would add twice. */
    public <T> T post(RemoteHttp.Endpoint endpoint, String apiKey, String path, Object body, Class<T> type) {
        return http.json(endpoint, RemoteHttp.Call.send("POST", prefix + path, auth(apiKey), body), type);
    }

    /** DELETE below the prefix; the applications answer an empty 200. */
    public void delete(RemoteHttp.Endpoint endpoint, String apiKey, String pathAndQuery) {
        http.exchange(endpoint, RemoteHttp.Call.send("DELETE", prefix + pathAndQuery, auth(apiKey), null));
    }

    private <T> Page<T> page(RemoteHttp.Endpoint endpoint, String apiKey, String path, int page, int pageSize, Class<T> type,
                             Object... filters) {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("pages count from 1 and hold at least one record");
        }
        Object[] query = new Object[filters.length + 4];
        query[0] = "page";
        query[1] = page;
        query[2] = "pageSize";
        query[3] = pageSize;
        System.arraycopy(filters, 0, query, 4, filters.length);
        JavaType pageType = http.mapper().getTypeFactory().constructParametricType(Page.class, type);
        return http.json(endpoint, RemoteHttp.Call.get(prefix + withQuery(path, query), auth(apiKey)), pageType);
    }

    /**
     * A path with its query string: names and values in turn, values percent-encoded, a collection
     * repeating its name ({@code movieIds=1&movieIds=2}: the specs' arrays are form-style and exploded),
     * null values left out.
     */
    public static String withQuery(String path, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        StringJoiner query = new StringJoiner("&");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            Collection<?> values = value instanceof Collection<?> many ? many : value == null ? List.of() : List.of(value);
            values.forEach(one -> query.add(name + "=" + URLEncoder.encode(String.valueOf(one), StandardCharsets.UTF_8).replace("+", "%20")));
        }
        return query.length() == 0 ? path : path + "?" + query;
    }

    public static Map<String, String> auth(String apiKey) {
        return Map.of("X-Api-Key", apiKey);
    }

    public String prefix() {
        return prefix;
    }

    public RemoteHttp http() {
        return http;
    }

    private <T> JavaType listOf(Class<T> type) {
        return http.mapper().getTypeFactory().constructCollectionType(List.class, type);
    }
}
