package dev.medianest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.integrations.arr.ArrSpecGaps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Radarr or Sonarr with a library that changes as MediaNest and the test act on it, held to
 * radarr-v3.openapi.json or sonarr-v3.openapi.json (see {@link SpecFake}). It knows the titles of
 * the lookup fixtures (Dune 2021, Dune: Part Two and Dune 1984; The Expanse), keeps what is added,
 * creates tags, answers the queue, and lets a test say that a download started or finished — the
 * way the real application's library moves while its download client works.
 */
public final class FakeArrLibrary implements AutoCloseable {

    public static final String API_KEY = FakeRadarr.API_KEY;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which application it plays. */
    public enum App { RADARR, SONARR }

    private final App app;
    private final SpecFake fake;
    private final String baseUrl;
    private final Map<Integer, ObjectNode> known = new ConcurrentHashMap<>();
    private final Map<Integer, ObjectNode> library = new ConcurrentHashMap<>();
    private final Map<Integer, Double> downloading = new ConcurrentHashMap<>();
    private final List<ObjectNode> tags = new CopyOnWriteArrayList<>();
    private final List<JsonNode> added = new CopyOnWriteArrayList<>();
    private final List<JsonNode> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(100);
    private volatile boolean down;

    private FakeArrLibrary(App app) {
        this.app = app;
        tags.add(JSON.createObjectNode().put("id", 3).put("label", "kids"));
        if (app == App.RADARR) {
            ArrayNode lookup = (ArrayNode) read(Fixtures.text("radarr/movie-lookup-dune.json"));
            lookup.forEach(movie -> known.put(movie.get("tmdbId").asInt(), notKept((ObjectNode) movie)));
        } else {
            ArrayNode lookup = (ArrayNode) read(Fixtures.text("sonarr/series-lookup-expanse.json"));
            lookup.forEach(series -> known.put(series.get("tvdbId").asInt(), notKept((ObjectNode) series)));
        }
        String spec = app == App.RADARR ? "radarr-v3.openapi.json" : "sonarr-v3.openapi.json";
        String titles = app == App.RADARR ? "/api/v3/movie" : "/api/v3/series";
        this.fake = SpecFake.start(spec, routes -> {
            routes.before("/api/v3/*", ctx -> {
                if (!API_KEY.equals(ctx.header("X-Api-Key"))) {
                    ctx.status(401);
                    ctx.skipRemainingHandlers();
                }
            });
            routes.get("/api/v3/system/status", ctx -> ctx.json(app == App.RADARR ? FakeRadarr.STATUS : sonarrStatus()));
            routes.get("/api/v3/health", ctx -> ctx.json(List.of()));
            routes.get("/api/v3/diskspace", ctx -> ctx.json(List.of()));
            routes.get("/api/v3/qualityprofile", ctx -> ctx.json(List.of(profile(4, "HD-1080p"), profile(5, "Ultra-HD"))));
            routes.get("/api/v3/rootfolder", ctx -> ctx.json(List.of(Map.of("id", 1, "path", app == App.RADARR ? "/movies" : "/tv",
                    "accessible", true, "freeSpace", 1_234_567_890_123L, "unmappedFolders", List.of()))));
            routes.get("/api/v3/languageprofile", ctx -> ctx.contentType("application/json").result(Fixtures.text("sonarr/languageprofiles-v4.json")));
            routes.get("/api/v3/tag", ctx -> ctx.json(tags));
            routes.post("/api/v3/tag", ctx -> {
                ObjectNode tag = JSON.createObjectNode().put("id", nextId.incrementAndGet()).put("label", read(ctx.body()).get("label").asText());
                tags.add(tag);
                ctx.status(201).json(tag);
            });
            routes.get("/api/v3/movie/lookup/tmdb", ctx -> lookup(ctx, Integer.parseInt(ctx.queryParam("tmdbId"))));
            routes.get("/api/v3/series/lookup", ctx -> {
                String term = String.valueOf(ctx.queryParam("term"));
                List<ObjectNode> found = new ArrayList<>();
                if (term.startsWith("tvdb:")) {
                    Optional.ofNullable(current(Integer.parseInt(term.substring(5)))).ifPresent(found::add);
                } else {
                    known.keySet().forEach(id -> found.add(current(id)));
                }
                ctx.json(found);
            });
            routes.get(titles, ctx -> {
                String key = app == App.RADARR ? "tmdbId" : "tvdbId";
                String wanted = ctx.queryParam(key);
                ctx.json(library.entrySet().stream().filter(entry -> wanted == null || wanted.equals(String.valueOf(entry.getKey())))
                        .map(entry -> withProgress(entry.getKey(), entry.getValue())).toList());
            });
            routes.post(titles, ctx -> {
                ObjectNode body = (ObjectNode) read(ctx.body());
                added.add(body);
                int key = body.get(app == App.RADARR ? "tmdbId" : "tvdbId").asInt();
                ObjectNode kept = body.deepCopy();
                kept.put("id", nextId.incrementAndGet());
                kept.remove("addOptions");
                library.put(key, kept);
                ctx.status(201).json(withProgress(key, kept));
            });
            routes.get("/api/v3/queue", ctx -> ctx.json(queue()));
            routes.post("/api/v3/command", ctx -> {
                JsonNode body = read(ctx.body());
                commands.add(body);
                ctx.status(201).json(Map.of("id", nextId.incrementAndGet(), "name", body.get("name").asText(), "commandName",
                        body.get("name").asText(), "status", "queued", "queued", "2024-11-21T08:00:00Z", "trigger", "manual"));
            });
        }).tolerating(ArrSpecGaps.movieNotFound(), ArrSpecGaps.created(titles), ArrSpecGaps.created("/api/v3/command"), ArrSpecGaps.created("/api/v3/tag"),
                ArrSpecGaps.commandField("/api/v3/command", "movieIds"), ArrSpecGaps.commandField("/api/v3/command", "seriesId"),
                ArrSpecGaps.commandField("/api/v3/command", "seasonNumber"));
        this.baseUrl = fake.baseUrl();
    }

    public static FakeArrLibrary radarr() {
        return new FakeArrLibrary(App.RADARR);
    }

    public static FakeArrLibrary sonarr() {
        return new FakeArrLibrary(App.SONARR);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * This fake as an admin adds it in Settings › Services: its HD-1080p profile and its root folder,
     * as the default instance of its kind or as the 4K one.
     */
    public ServiceDraft service(String name, boolean fourK) {
        return ServiceDraft.of(app == App.RADARR ? ServiceKind.RADARR : ServiceKind.SONARR, name, baseUrl,
                Map.of("qualityProfileId", "4", "rootFolder", app == App.RADARR ? "/movies" : "/tv"), Map.of("apiKey", API_KEY),
                !fourK, fourK, false, 5);
    }

    /** The library ids of the titles it keeps, by TMDb id (Radarr) or TVDB id (Sonarr). */
    public Optional<Integer> libraryId(int titleId) {
        return Optional.ofNullable(library.get(titleId)).map(title -> title.get("id").asInt());
    }

    /** What MediaNest posted to add titles, in order. */
    public List<JsonNode> added() {
        return List.copyOf(added);
    }

    /** Commands MediaNest started (searches). */
    public List<JsonNode> commands() {
        return List.copyOf(commands);
    }

    /** The labels of the tags with these ids. */
    public List<String> tagLabels(JsonNode ids) {
        List<String> labels = new ArrayList<>();
        ids.forEach(id -> tags.stream().filter(tag -> tag.get("id").asInt() == id.asInt()).findFirst()
                .ifPresent(tag -> labels.add(tag.get("label").asText())));
        return labels;
    }

    /** The title is already kept, with its files when {@code complete}. */
    public void keep(int titleId, boolean complete) {
        ObjectNode title = known.get(titleId).deepCopy();
        title.put("id", nextId.incrementAndGet());
        library.put(titleId, title);
        if (complete) {
            finish(titleId);
        }
    }

    /** A download of the title is under way, {@code fraction} done. */
    public void downloading(int titleId, double fraction) {
        downloading.put(titleId, fraction);
    }

    /** The download finished and was imported: the files are there, the queue is empty. */
    public void finish(int titleId) {
        downloading.remove(titleId);
        ObjectNode title = library.get(titleId);
        if (app == App.RADARR) {
            title.put("hasFile", true);
        } else {
            title.put("complete", true);
        }
    }

    /** Stops answering: the port is closed, as when the container stops. */
    public void goDown() {
        if (!down) {
            down = true;
            fake.close();
        }
    }

    public void assertAllInSpec() {
        fake.assertAllInSpec();
    }

    public List<SpecFake.Recorded> received() {
        return fake.received();
    }

    @Override
    public void close() {
        goDown();
    }

    private void lookup(io.javalin.http.Context ctx, int titleId) {
        ObjectNode title = current(titleId);
        if (title == null) {
            // As Radarr answers an id TMDb does not know (ArrSpecGaps.movieNotFound).
            ctx.status(500).json(Map.of("message", "Movie with tmdbId " + titleId + " was not found, it may have been removed from TMDb.",
                    "description", "NzbDrone.Core.Exceptions.MovieNotFoundException"));
        } else {
            ctx.json(title);
        }
    }

    /** The library's copy when kept, else the lookup's. */
    private ObjectNode current(int titleId) {
        ObjectNode kept = library.get(titleId);
        if (kept != null) {
            return withProgress(titleId, kept);
        }
        return known.get(titleId);
    }

    private ObjectNode withProgress(int titleId, ObjectNode title) {
        ObjectNode shown = title.deepCopy();
        boolean complete = shown.path("hasFile").asBoolean(false) || shown.path("complete").asBoolean(false);
        shown.remove("complete");
        if (app == App.RADARR) {
            shown.put("hasFile", complete);
        } else {
            int episodes = 10;
            ObjectNode statistics = shown.putObject("statistics");
            statistics.put("seasonCount", 6).put("episodeFileCount", complete ? episodes : 0).put("episodeCount", episodes)
                    .put("totalEpisodeCount", episodes).put("sizeOnDisk", complete ? 10_000_000_000L : 0).put("percentOfEpisodes", complete ? 100.0 : 0.0);
        }
        return shown;
    }

    private Map<String, Object> queue() {
        List<Map<String, Object>> records = new ArrayList<>();
        downloading.forEach((titleId, fraction) -> {
            ObjectNode title = library.get(titleId);
            if (title == null) {
                return;
            }
            long size = 10_000_000_000L;
            Map<String, Object> record = new java.util.LinkedHashMap<>();
            record.put(app == App.RADARR ? "movieId" : "seriesId", title.get("id").asInt());
            record.put("size", size);
            record.put("sizeleft", Math.round(size * (1 - fraction)));
            record.put("title", title.get("title").asText().replace(' ', '.') + ".2160p.WEB-DL");
            record.put("status", "downloading");
            record.put("trackedDownloadStatus", "ok");
            record.put("trackedDownloadState", "downloading");
            record.put("statusMessages", List.of());
            record.put("downloadId", String.format("%040X", titleId));
            record.put("protocol", "torrent");
            record.put("downloadClient", "qBittorrent");
            record.put("id", 9000 + titleId);
            if (app == App.SONARR) {
                record.put("seasonNumber", 1);
                record.put("episodeId", 1);
            }
            records.add(record);
        });
        return Map.of("page", 1, "pageSize", 100, "sortKey", "timeleft", "sortDirection", "ascending", "totalRecords", records.size(),
                "records", records);
    }

    private static ObjectNode notKept(ObjectNode title) {
        title.put("id", 0);
        title.put("monitored", false);
        if (title.has("hasFile")) {
            title.put("hasFile", false);
        }
        title.remove("statistics");
        return title;
    }

    private static Map<String, Object> profile(int id, String name) {
        return Map.of("id", id, "name", name, "upgradeAllowed", true, "cutoff", 7, "items", List.of(), "minFormatScore", 0,
                "cutoffFormatScore", 0, "formatItems", List.of());
    }

    private static Map<String, Object> sonarrStatus() {
        Map<String, Object> status = new java.util.HashMap<>(FakeRadarr.STATUS);
        status.put("appName", "Sonarr");
        status.put("instanceName", "Sonarr");
        status.put("version", "4.0.11.2680");
        return status;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }
}
