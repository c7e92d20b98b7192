package dev.medianest.integrations.prowlarr;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Prowlarr's Test button, probe and live choices against a fake held to prowlarr-v1.openapi.json. */
class ProwlarrConnectorTest {

    private static final String API_KEY = "5f2c7a1e9b3d4c8fa0e6b1d2c3f4a5b6";

    static final Map<String, Object> STATUS = Map.ofEntries(
            Map.entry("appName", "Prowlarr"), Map.entry("instanceName", "Prowlarr"), Map.entry("version", "2.3.5.5327"),
            Map.entry("buildTime", "2026-03-20T18:02:11Z"), Map.entry("isDebug", false), Map.entry("isProduction", true),
            Map.entry("isAdmin", false), Map.entry("isUserInteractive", false), Map.entry("startupPath", "/app/prowlarr/bin"),
            Map.entry("appData", "/config"), Map.entry("osName", "alpine"), Map.entry("osVersion", "3.21.3"), Map.entry("isNetCore", true),
            Map.entry("isLinux", true), Map.entry("isOsx", false), Map.entry("isWindows", false), Map.entry("isDocker", true),
            Map.entry("mode", "console"), Map.entry("branch", "master"), Map.entry("databaseType", "sqLite"), Map.entry("databaseVersion", "3.48.0"),
            Map.entry("authentication", "forms"), Map.entry("migrationVersion", 42), Map.entry("urlBase", ""), Map.entry("runtimeVersion", "8.0.14"),
            Map.entry("runtimeName", ".NET"), Map.entry("startTime", "2026-04-01T06:00:00Z"), Map.entry("packageVersion", "2.3.5.5327"),
            Map.entry("packageAuthor", "[linuxserver.io](https://linuxserver.io)"), Map.entry("packageUpdateMechanism", "docker"));

    private final ProwlarrConnector connector = new ProwlarrConnector(new RemoteHttp(new ObjectMapper()));

    private static ServiceInstance instance(String baseUrl, String apiKey) {
        return new ServiceInstance(3, ServiceKind.PROWLARR, "Prowlarr", URI.create(baseUrl), Map.of(), Map.of("apiKey", apiKey),
                true, false, false, Duration.ofSeconds(2), true, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void a_working_prowlarr_passes_and_its_probe_reports_health_without_disks() {
        try (SpecFake prowlarr = SpecFake.start("prowlarr-v1.openapi.json", routes -> {
            routes.get("/api/v1/system/status", ctx -> ctx.json(STATUS));
            routes.get("/api/v1/health", ctx -> ctx.json(List.of(Map.of("id", 1, "source", "IndexerStatusCheck", "type", "warning",
                    "message", "Indexers unavailable due to failures: NZBgeek", "wikiUrl", "https://wiki.servarr.com/prowlarr/system#indexers-are-unavailable-due-to-failures"))));
        })) {
            ServiceInstance instance = instance(prowlarr.baseUrl(), API_KEY);
            assertThat(connector.test(instance)).isEmpty();
            Probe probe = connector.probe(instance);
            assertThat(probe.state()).isEqualTo(Probe.State.DEGRADED);
            assertThat(probe.application()).contains("Prowlarr");
            assertThat(probe.version()).contains("2.3.5.5327");
            assertThat(probe.disks()).isEmpty();
            assertThat(prowlarr.received()).extracting(SpecFake.Recorded::path).doesNotContain("/api/v1/diskspace");
            prowlarr.assertAllInSpec();
        }
    }

    @Test
    void radarr_at_the_prowlarr_address_is_named() {
        Map<String, Object> radarr = new HashMap<>(STATUS);
        radarr.put("appName", "Radarr");
        try (SpecFake other = SpecFake.start("prowlarr-v1.openapi.json", routes -> routes.get("/api/v1/system/status", ctx -> ctx.json(radarr)))) {
            assertThat(connector.test(instance(other.baseUrl(), API_KEY))).singleElement().satisfies(problem -> {
                assertThat(problem.messageKey()).isEqualTo("service.wrong_application");
                assertThat(problem.args()).contains("Prowlarr", "Radarr");
            });
        }
    }

    @Test
    void a_wrong_key_is_reported_as_refused() {
        try (SpecFake prowlarr = SpecFake.start("prowlarr-v1.openapi.json", routes -> routes.get("/api/v1/system/status", ctx -> ctx.status(401)))) {
            assertThat(connector.test(instance(prowlarr.baseUrl(), "wrong"))).singleElement()
                    .extracting(ServiceProblem::messageKey).isEqualTo("remote.unauthorized");
        }
    }

    @Test
    void enabled_indexers_and_tags_are_offered_as_choices() {
        try (SpecFake prowlarr = SpecFake.start("prowlarr-v1.openapi.json", routes -> {
            routes.get("/api/v1/indexer", ctx -> ctx.json(List.of(ProwlarrClientTest.indexer(1, "1337x", "1337x", "torrent", "public", true),
                    ProwlarrClientTest.indexer(4, "NZBgeek", "nzbgeek", "usenet", "private", false))));
            routes.get("/api/v1/tag", ctx -> ctx.json(List.of(Map.of("id", 2, "label", "anime"))));
        })) {
            ServiceInstance instance = instance(prowlarr.baseUrl(), API_KEY);
            assertThat(connector.choices(instance, "indexers")).containsExactly(Map.entry("1", "1337x"));
            assertThat(connector.choices(instance, "tags")).containsExactly(Map.entry("2", "anime"));
            prowlarr.assertAllInSpec();
        }
    }
}
