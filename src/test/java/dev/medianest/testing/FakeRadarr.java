package dev.medianest.testing;

import java.util.List;
import java.util.Map;

/**
 * A Radarr 5 held to radarr-v3.openapi.json (see {@link SpecFake}) with the endpoints Settings ›
 * Services and the status job use: system status, health, disk space, quality profiles, root
 * folders and tags. It refuses any API key but {@link #API_KEY} with 401, as Radarr does, and
 * {@link #goDown()} stops it the way a stopped container does: connections are refused.
 */
public final class FakeRadarr implements AutoCloseable {

    public static final String API_KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    public static final Map<String, Object> STATUS = Map.ofEntries(
            Map.entry("appName", "Radarr"), Map.entry("instanceName", "Radarr"), Map.entry("version", "5.14.0.9383"),
            Map.entry("buildTime", "2024-11-03T20:05:11Z"), Map.entry("isDebug", false), Map.entry("isProduction", true),
            Map.entry("isAdmin", false), Map.entry("isUserInteractive", false), Map.entry("startupPath", "/app/radarr/bin"),
            Map.entry("appData", "/config"), Map.entry("osName", "ubuntu"), Map.entry("osVersion", "22.04"),
            Map.entry("isNetCore", true), Map.entry("isLinux", true), Map.entry("isOsx", false), Map.entry("isWindows", false),
            Map.entry("isDocker", true), Map.entry("mode", "console"), Map.entry("branch", "master"),
            Map.entry("databaseType", "sqLite"), Map.entry("databaseVersion", "3.46.1"), Map.entry("authentication", "forms"),
            Map.entry("migrationVersion", 241), Map.entry("urlBase", ""), Map.entry("runtimeVersion", "6.0.35"),
            Map.entry("runtimeName", ".NET"), Map.entry("startTime", "2024-11-20T08:12:44Z"), Map.entry("packageVersion", "5.14.0.9383"),
            Map.entry("packageAuthor", "[hotio](https://hotio.dev)"), Map.entry("packageUpdateMechanism", "docker"));

    private static final List<Map<String, Object>> DISKS = List.of(Map.of("id", 1, "path", "/movies", "label", "media",
            "freeSpace", 1_234_567_890_123L, "totalSpace", 4_000_787_030_016L));
    private static final List<Map<String, Object>> PROFILES = List.of(
            Map.of("id", 4, "name", "HD-1080p", "upgradeAllowed", true, "cutoff", 7, "items", List.of(), "minFormatScore", 0,
                    "cutoffFormatScore", 0, "minUpgradeFormatScore", 1, "formatItems", List.of(), "language", Map.of("id", 1, "name", "English")),
            Map.of("id", 5, "name", "Ultra-HD", "upgradeAllowed", false, "cutoff", 19, "items", List.of(), "minFormatScore", 0,
                    "cutoffFormatScore", 0, "minUpgradeFormatScore", 1, "formatItems", List.of(), "language", Map.of("id", 1, "name", "English")));
    private static final List<Map<String, Object>> FOLDERS = List.of(
            Map.of("id", 1, "path", "/movies", "accessible", true, "freeSpace", 1_234_567_890_123L, "unmappedFolders", List.of()));
    private static final List<Map<String, Object>> TAGS = List.of(Map.of("id", 3, "label", "kids"));

    private final SpecFake fake;
    private final String baseUrl;
    private volatile boolean down;

    private FakeRadarr() {
        this.fake = SpecFake.start("radarr-v3.openapi.json", routes -> {
            routes.before("/api/v3/*", ctx -> {
                if (!API_KEY.equals(ctx.header("X-Api-Key"))) {
                    ctx.status(401);
                    ctx.skipRemainingHandlers();
                }
            });
            routes.get("/api/v3/system/status", ctx -> ctx.json(STATUS));
            routes.get("/api/v3/health", ctx -> ctx.json(List.of()));
            routes.get("/api/v3/diskspace", ctx -> ctx.json(DISKS));
            routes.get("/api/v3/qualityprofile", ctx -> ctx.json(PROFILES));
            routes.get("/api/v3/rootfolder", ctx -> ctx.json(FOLDERS));
            routes.get("/api/v3/tag", ctx -> ctx.json(TAGS));
        });
        this.baseUrl = fake.baseUrl();
    }

    public static FakeRadarr start() {
        return new FakeRadarr();
    }

    /** The address, unchanged after {@link #goDown()} so the service still points at it. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Stops answering: the port is closed, as when the container stops. */
    public void goDown() {
        if (!down) {
            down = true;
            fake.close();
        }
    }

    /** Fails when a request or a response left the spec; a test that sends a wrong key on purpose skips this (the spec lists no 401). */
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
}
