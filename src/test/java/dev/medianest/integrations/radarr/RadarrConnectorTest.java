package dev.medianest.integrations.radarr;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Radarr's Test button, probe and live choices against a fake held to radarr-v3.openapi.json. */
class RadarrConnectorTest {

    private static final String API_KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    static final Map<String, Object> STATUS = Map.ofEntries(
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

    private final RadarrConnector connector = new RadarrConnector(new RemoteHttp(new ObjectMapper()));

    private static ServiceInstance instance(String baseUrl, String apiKey) {
        return new ServiceInstance(1, ServiceKind.RADARR, "Radarr", URI.create(baseUrl), Map.of(), Map.of("apiKey", apiKey),
                true, false, false, Duration.ofSeconds(2), true, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void a_working_radarr_passes_the_test_and_reports_health_and_disks() {
        try (SpecFake radarr = SpecFake.start("radarr-v3.openapi.json", routes -> {
            routes.get("/api/v3/system/status", ctx -> ctx.json(STATUS));
            routes.get("/api/v3/health", ctx -> ctx.json(List.of(Map.of("id", 1, "source", "IndexerStatusCheck", "type", "warning",
                    "message", "Indexers unavailable due to failures: NZBgeek", "wikiUrl", "https://wiki.servarr.com/radarr/system#indexers-are-unavailable-due-to-failures"))));
            routes.get("/api/v3/diskspace", ctx -> ctx.json(List.of(Map.of("id", 1, "path", "/movies", "label", "media",
                    "freeSpace", 1_234_567_890_123L, "totalSpace", 4_000_787_030_016L))));
        })) {
            ServiceInstance instance = instance(radarr.baseUrl(), API_KEY);
            assertThat(connector.test(instance)).isEmpty();
            Probe probe = connector.probe(instance);
            assertThat(probe.state()).isEqualTo(Probe.State.DEGRADED);
            assertThat(probe.version()).contains("5.14.0.9383");
            assertThat(probe.problems()).singleElement().extracting(ServiceProblem::args).asList().contains("Indexers unavailable due to failures: NZBgeek");
            assertThat(probe.disks()).singleElement().satisfies(disk -> assertThat(disk.freeBytes()).isEqualTo(1_234_567_890_123L));
            assertThat(radarr.received()).allSatisfy(request -> assertThat(request.headers()).containsEntry("X-Api-Key", API_KEY));
            radarr.assertAllInSpec();
        }
    }

    @Test
    void live_choices_come_from_the_instance() {
        try (SpecFake radarr = SpecFake.start("radarr-v3.openapi.json", routes -> {
            routes.get("/api/v3/qualityprofile", ctx -> ctx.json(List.of(
                    Map.of("id", 4, "name", "HD-1080p", "upgradeAllowed", true, "cutoff", 7, "items", List.of(), "minFormatScore", 0,
                            "cutoffFormatScore", 0, "minUpgradeFormatScore", 1, "formatItems", List.of(), "language", Map.of("id", 1, "name", "English")),
                    Map.of("id", 5, "name", "Ultra-HD", "upgradeAllowed", false, "cutoff", 19, "items", List.of(), "minFormatScore", 0,
                            "cutoffFormatScore", 0, "minUpgradeFormatScore", 1, "formatItems", List.of(), "language", Map.of("id", 1, "name", "English")))));
            routes.get("/api/v3/rootfolder", ctx -> ctx.json(List.of(
                    Map.of("id", 1, "path", "/movies", "accessible", true, "freeSpace", 1_000_000_000L, "unmappedFolders", List.of()),
                    Map.of("id", 2, "path", "/gone", "accessible", false, "freeSpace", 0, "unmappedFolders", List.of()))));
            routes.get("/api/v3/tag", ctx -> ctx.json(List.of(Map.of("id", 3, "label", "kids"))));
        })) {
            ServiceInstance instance = instance(radarr.baseUrl(), API_KEY);
            assertThat(connector.choices(instance, "qualityProfiles")).containsExactly(Map.entry("4", "HD-1080p"), Map.entry("5", "Ultra-HD"));
            assertThat(connector.choices(instance, "rootFolders")).containsOnlyKeys("/movies");
            assertThat(connector.choices(instance, "tags")).containsExactly(Map.entry("3", "kids"));
            radarr.assertAllInSpec();
        }
    }

    @Test
    void a_wrong_key_another_application_and_an_old_version_are_told_apart() {
        try (SpecFake radarr = SpecFake.start("radarr-v3.openapi.json", routes -> routes.get("/api/v3/system/status", ctx -> {
            if (!API_KEY.equals(ctx.header("X-Api-Key"))) {
                ctx.status(401);
                return;
            }
            ctx.json(STATUS);
        }))) {
            assertThat(connector.test(instance(radarr.baseUrl(), "wrong-key"))).singleElement()
                    .extracting(ServiceProblem::messageKey).isEqualTo("remote.unauthorized");
            assertThat(connector.probe(instance(radarr.baseUrl(), "wrong-key")).state()).isEqualTo(Probe.State.DOWN);
        }
        Map<String, Object> sonarr = new java.util.HashMap<>(STATUS);
        sonarr.put("appName", "Sonarr");
        try (SpecFake other = SpecFake.start("radarr-v3.openapi.json", routes -> routes.get("/api/v3/system/status", ctx -> ctx.json(sonarr)))) {
            assertThat(connector.test(instance(other.baseUrl(), API_KEY))).singleElement().satisfies(problem -> {
                assertThat(problem.messageKey()).isEqualTo("service.wrong_application");
                assertThat(problem.args()).contains("Radarr", "Sonarr");
            });
        }
        Map<String, Object> old = new java.util.HashMap<>(STATUS);
        old.put("version", "0.2.0.1504");
        try (SpecFake ancient = SpecFake.start("radarr-v3.openapi.json", routes -> routes.get("/api/v3/system/status", ctx -> ctx.json(old)))) {
            assertThat(connector.test(instance(ancient.baseUrl(), API_KEY))).singleElement()
                    .extracting(ServiceProblem::messageKey).isEqualTo("service.version_too_old");
        }
    }

    @Test
    void nothing_listening_is_unreachable_not_a_crash() {
        assertThat(connector.test(instance("http://127.0.0.1:9", API_KEY))).singleElement()
                .extracting(ServiceProblem::messageKey).isEqualTo("remote.unreachable");
    }
}
