package dev.medianest.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Seerr with a memory, held to one of seerr.openapi.yml, overseerr.openapi.yml or
 * jellyseerr.openapi.yml (see {@link SpecFake}): it keeps the requests filed with it and the
 * availability of their media, answers a second request for the same title and edition with 409
 * as the real route does, and lets the test play Seerr's admin (approve, decline) and its media
 * server (files arrive). Only {@link #API_KEY} is accepted.
 */
public final class FakeSeerr implements AutoCloseable {

    public static final String API_KEY = "MTczMjExMjQ1NjY3OGQ1ZmQ3YjAtNGM2Ni00ZTQ2LWE1NzItNDg0NGEzNzhjNmI0";

    /** POST /request answers 409 (a duplicate) and 202 (no season left) where the specs list only 201. */
    public static final SpecFake.KnownGap DUPLICATE = new SpecFake.KnownGap("POST", "/api/v1/request", "Response status 409 not defined",
            "server/routes/request.ts: DuplicateMediaRequestError → 409");
    public static final SpecFake.KnownGap NO_SEASONS_LEFT = new SpecFake.KnownGap("POST", "/api/v1/request", "Response status 202 not defined",
            "server/routes/request.ts: NoSeasonsAvailableError → 202");

    /** One request as Seerr keeps it. */
    public record Filed(int id, String mediaType, int tmdbId, boolean is4k, List<Integer> seasons, int status) {
    }

    private final String spec;
    private final Map<Integer, Filed> requests = new ConcurrentHashMap<>();
    /** media status by "movie:438631" and "movie:438631:4k"; 1 = unknown … 5 = available. */
    private final Map<String, Integer> media = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(40);
    private final List<SpecFake.KnownGap> gaps = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int statusOfNew = 2;
    private final SpecFake fake;

    private FakeSeerr(String spec, int port) {
        this.spec = spec;
        this.fake = start(port);
    }

    public static FakeSeerr start(String spec) {
        return new FakeSeerr(spec, 0);
    }

    /** Starts on a given port: a Seerr that was down comes back where MediaNest expects it. */
    public static FakeSeerr startOn(String spec, int port) {
        return new FakeSeerr(spec, port);
    }

    private SpecFake start(int port) {
        return SpecFake.start(spec, port, routes -> {
            routes.before("/api/v1/*", ctx -> {
                if (!API_KEY.equals(ctx.header("X-Api-Key"))) {
                    ctx.status(401).json(Map.of("message", "Unauthorized"));
                    ctx.skipRemainingHandlers();
                }
            });
            routes.post("/api/v1/request", ctx -> {
                Map<?, ?> body = ctx.bodyAsClass(Map.class);
                String type = (String) body.get("mediaType");
                int tmdbId = ((Number) body.get("mediaId")).intValue();
                boolean is4k = Boolean.TRUE.equals(body.get("is4k"));
                List<Integer> seasons = new ArrayList<>();
                if (body.get("seasons") instanceof List<?> chosen) {
                    chosen.forEach(season -> seasons.add(((Number) season).intValue()));
                }
                boolean duplicate = requests.values().stream().anyMatch(filed -> filed.mediaType().equals(type) && filed.tmdbId() == tmdbId
                        && filed.is4k() == is4k && filed.status() != 3);
                if (duplicate) {
                    ctx.status(409).json(Map.of("message", "Request for this media already exists."));
                    return;
                }
                Filed filed = new Filed(ids.incrementAndGet(), type, tmdbId, is4k, seasons, statusOfNew);
                requests.put(filed.id(), filed);
                media.putIfAbsent(key(type, tmdbId, is4k), 3);
                ctx.status(201).json(request(filed, true));
            });
            routes.get("/api/v1/request/{id}", ctx -> {
                Filed filed = requests.get(Integer.parseInt(ctx.pathParam("id")));
                if (filed == null) {
                    ctx.status(404).json(Map.of("message", "Request not found."));
                    return;
                }
                ctx.json(request(filed, true));
            });
            routes.get("/api/v1/movie/{id}", ctx -> ctx.json(details("movie", Integer.parseInt(ctx.pathParam("id")))));
            routes.get("/api/v1/tv/{id}", ctx -> ctx.json(details("tv", Integer.parseInt(ctx.pathParam("id")))));
            routes.after("/api/v1/*", ctx -> tolerateStatus4k(ctx.method().name(), ctx.path()));
        });
    }

    /**
     * MediaInfo in the specs has one {@code status}; the servers also send {@code status4k}, a column of
     * server/entity/Media.ts, wherever they send media.
     */
    private void tolerateStatus4k(String method, String path) {
        gaps.add(new SpecFake.KnownGap(method, path, "'status4k' is not defined", "server/entity/Media.ts: @Column() status4k"));
    }

    public String baseUrl() {
        return fake.baseUrl();
    }

    /** Requests filed from now on wait for Seerr's admin (status 1) instead of being approved at once. */
    public FakeSeerr filingPending() {
        statusOfNew = 1;
        return this;
    }

    /** A request someone filed in Seerr itself. */
    public Filed fileDirectly(String mediaType, int tmdbId, boolean is4k) {
        Filed filed = new Filed(ids.incrementAndGet(), mediaType, tmdbId, is4k, List.of(), 2);
        requests.put(filed.id(), filed);
        media.putIfAbsent(key(mediaType, tmdbId, is4k), 3);
        return filed;
    }

    public void setStatus(int requestId, int status) {
        requests.computeIfPresent(requestId, (id, filed) -> new Filed(id, filed.mediaType(), filed.tmdbId(), filed.is4k(), filed.seasons(), status));
    }

    /** The media server has the title now (5), or part of it (4). */
    public void mediaStatus(String mediaType, int tmdbId, boolean is4k, int status) {
        media.put(key(mediaType, tmdbId, is4k), status);
    }

    public List<Filed> filed() {
        return requests.values().stream().sorted(java.util.Comparator.comparingInt(Filed::id)).toList();
    }

    public List<SpecFake.Recorded> received() {
        return fake.received();
    }

    public void assertAllInSpec() {
        fake.tolerating(gaps.toArray(SpecFake.KnownGap[]::new));
        fake.assertAllInSpec();
    }

    public FakeSeerr tolerating(SpecFake.KnownGap... gaps) {
        fake.tolerating(gaps);
        return this;
    }

    @Override
    public void close() {
        fake.close();
    }

    private static String key(String type, int tmdbId, boolean is4k) {
        return type + ":" + tmdbId + (is4k ? ":4k" : "");
    }

    private Map<String, Object> mediaInfo(String type, int tmdbId, boolean withRequests) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", 1000 + tmdbId % 1000);
        info.put("tmdbId", tmdbId);
        info.put("status", media.getOrDefault(key(type, tmdbId, false), 1));
        info.put("status4k", media.getOrDefault(key(type, tmdbId, true), 1));
        info.put("createdAt", "2024-11-02T18:21:07.000Z");
        info.put("updatedAt", "2024-11-03T07:40:12.000Z");
        if (withRequests) {
            info.put("requests", requests.values().stream().filter(filed -> filed.mediaType().equals(type) && filed.tmdbId() == tmdbId)
                    .map(filed -> request(filed, false)).toList());
        }
        return info;
    }

    private Map<String, Object> request(Filed filed, boolean withMedia) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", filed.id());
        body.put("status", filed.status());
        if (withMedia) {
            body.put("media", mediaInfo(filed.mediaType(), filed.tmdbId(), false));
        }
        body.put("createdAt", "2024-11-20T19:02:44.000Z");
        body.put("updatedAt", "2024-11-20T19:05:10.000Z");
        body.put("requestedBy", Map.of("id", 1, "email", "admin@example.org", "username", "admin", "createdAt", "2023-01-14T10:00:00.000Z",
                "updatedAt", "2024-11-01T09:00:00.000Z"));
        body.put("is4k", filed.is4k());
        return body;
    }

    private Map<String, Object> details(String type, int tmdbId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", tmdbId);
        body.put(type.equals("movie") ? "title" : "name", type.equals("movie") ? "Dune" : "Severance");
        boolean known = requests.values().stream().anyMatch(filed -> filed.mediaType().equals(type) && filed.tmdbId() == tmdbId)
                || media.keySet().stream().anyMatch(key -> key.startsWith(type + ":" + tmdbId));
        if (known) {
            body.put("mediaInfo", mediaInfo(type, tmdbId, true));
        }
        return body;
    }
}
