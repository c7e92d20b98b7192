package dev.medianest.integrations.prowlarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.platform.http.RemoteFailure;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every ProwlarrClient call against a fake held to prowlarr-v1.openapi.json. */
class ProwlarrClientTest {

    private static final String API_KEY = "5f2c7a1e9b3d4c8fa0e6b1d2c3f4a5b6";
    private static final String SPEC = "prowlarr-v1.openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProwlarrClient client = new ProwlarrClient(new RemoteHttp(new ObjectMapper()));

    private static RemoteHttp.Endpoint endpoint(SpecFake fake) {
        return new RemoteHttp.Endpoint(URI.create(fake.baseUrl()), Duration.ofSeconds(2), false);
    }

    static Map<String, Object> indexer(int id, String name, String definition, String protocol, String privacy, boolean enable) {
        return Map.ofEntries(Map.entry("id", id), Map.entry("name", name), Map.entry("definitionName", definition),
                Map.entry("implementationName", "Cardigann"), Map.entry("implementation", "Cardigann"), Map.entry("configContract", "CardigannSettings"),
                Map.entry("infoLink", "https://wiki.servarr.com/prowlarr/supported-indexers#" + definition), Map.entry("tags", List.of()),
                Map.entry("indexerUrls", List.of("https://" + definition + ".example/")), Map.entry("legacyUrls", List.of()),
                Map.entry("description", name + " is a general tracker"), Map.entry("language", "en-US"), Map.entry("enable", enable),
                Map.entry("redirect", false), Map.entry("supportsRss", true), Map.entry("supportsSearch", true), Map.entry("supportsRedirect", false),
                Map.entry("supportsPagination", false), Map.entry("appProfileId", 1), Map.entry("protocol", protocol), Map.entry("privacy", privacy),
                Map.entry("capabilities", Map.of("id", 0, "limitsMax", 100, "limitsDefault", 100, "supportsRawSearch", false,
                        "categories", List.of(Map.of("id", 2000, "name", "Movies", "subCategories", List.of()), Map.of("id", 5000, "name", "TV", "subCategories", List.of())),
                        "searchParams", List.of("q"), "tvSearchParams", List.of("q", "season", "ep", "imdbId"), "movieSearchParams", List.of("q", "imdbId"))),
                Map.entry("priority", 25), Map.entry("downloadClientId", 0), Map.entry("added", "2024-03-02T10:15:30Z"), Map.entry("sortName", name.toLowerCase()),
                Map.entry("fields", List.of(Map.of("order", 0, "name", "baseUrl", "label", "Base Url", "value", "https://" + definition + ".example/",
                        "type", "select", "advanced", false, "privacy", "normal", "isFloat", false))));
    }

    static Map<String, Object> release(String guid, int indexerId, String indexer, String title, long size, int seeders) {
        return Map.ofEntries(Map.entry("guid", guid), Map.entry("age", 3), Map.entry("ageHours", 75.2), Map.entry("ageMinutes", 4512.0),
                Map.entry("size", size), Map.entry("files", 2), Map.entry("grabs", 1542), Map.entry("indexerId", indexerId), Map.entry("indexer", indexer),
                Map.entry("title", title), Map.entry("sortTitle", title.toLowerCase()), Map.entry("imdbId", 1160419), Map.entry("tmdbId", 438631),
                Map.entry("tvdbId", 0), Map.entry("tvMazeId", 0), Map.entry("publishDate", "2024-11-17T21:04:00Z"),
                Map.entry("infoUrl", "https://1337x.example/torrent/5823311/"), Map.entry("downloadUrl", "http://prowlarr:9696/1/download?apikey=x&link=abc"),
                Map.entry("indexerFlags", List.of("freeleech")), Map.entry("categories", List.of(Map.of("id", 2040, "name", "Movies/HD", "subCategories", List.of()))),
                Map.entry("magnetUrl", "magnet:?xt=urn:btih:3f2a1c0d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f&dn=Dune"), Map.entry("infoHash", "3F2A1C0D9E8B7A6F5E4D3C2B1A0F9E8D7C6B5A4F"),
                Map.entry("seeders", seeders), Map.entry("leechers", 12), Map.entry("protocol", "torrent"), Map.entry("fileName", title + ".torrent"));
    }

    @Test
    void indexers_and_their_failures_are_read() {
        try (SpecFake prowlarr = SpecFake.start(SPEC, routes -> {
            routes.get("/api/v1/indexer", ctx -> ctx.json(List.of(indexer(1, "1337x", "1337x", "torrent", "public", true),
                    indexer(4, "NZBgeek", "nzbgeek", "usenet", "private", false))));
            routes.get("/api/v1/indexerstatus", ctx -> ctx.json(List.of(Map.of("id", 7, "indexerId", 4,
                    "disabledTill", "2024-11-20T09:30:00Z", "mostRecentFailure", "2024-11-20T09:15:00Z", "initialFailure", "2024-11-20T08:00:00Z"))));
        })) {
            List<ProwlarrClient.Indexer> indexers = client.indexers(endpoint(prowlarr), API_KEY);
            assertThat(indexers).extracting(ProwlarrClient.Indexer::name).containsExactly("1337x", "NZBgeek");
            assertThat(indexers.get(1)).satisfies(geek -> {
                assertThat(geek.protocol()).isEqualTo("usenet");
                assertThat(geek.privacy()).isEqualTo("private");
                assertThat(geek.enable()).isFalse();
                assertThat(geek.priority()).isEqualTo(25);
            });
            ProwlarrClient.IndexerStatus status = client.indexerStatuses(endpoint(prowlarr), API_KEY).getFirst();
            assertThat(status.indexerId()).isEqualTo(4);
            assertThat(status.disabledUntil()).contains(Instant.parse("2024-11-20T09:30:00Z"));
            assertThat(status.disabledAt(Instant.parse("2024-11-20T09:20:00Z"))).isTrue();
            assertThat(status.disabledAt(Instant.parse("2024-11-20T10:00:00Z"))).isFalse();
            assertThat(prowlarr.received()).extracting(SpecFake.Recorded::path).containsExactly("/api/v1/indexer", "/api/v1/indexerstatus");
            assertThat(prowlarr.received()).allSatisfy(request -> assertThat(request.headers()).containsEntry("X-Api-Key", API_KEY));
            prowlarr.assertAllInSpec();
        }
    }

    @Test
    void a_search_sends_words_type_and_categories_as_repeated_parameters() {
        try (SpecFake prowlarr = SpecFake.start(SPEC, routes -> routes.get("/api/v1/search", ctx -> ctx.json(List.of(
                release("https://1337x.example/torrent/5823311/", 1, "1337x", "Dune.2021.1080p.BluRay.x264-SPARKS", 12_884_901_888L, 843),
                release("https://1337x.example/torrent/5823312/", 1, "1337x", "Dune.2021.2160p.UHD.BluRay.x265-TERMiNAL", 64_424_509_440L, 211)))))) {
            List<ProwlarrClient.Release> releases = client.search(endpoint(prowlarr), API_KEY,
                    ProwlarrClient.Search.of("Dune 2021", ProwlarrClient.SearchType.MOVIE, List.of(2000, 2040)));
            assertThat(releases).hasSize(2);
            ProwlarrClient.Release first = releases.getFirst();
            assertThat(first.title()).isEqualTo("Dune.2021.1080p.BluRay.x264-SPARKS");
            assertThat(first.seeders()).isEqualTo(843);
            assertThat(first.size()).isEqualTo(12_884_901_888L);
            assertThat(first.tmdbId()).isEqualTo(438631);
            assertThat(first.categories()).extracting(ProwlarrClient.Category::name).containsExactly("Movies/HD");
            assertThat(first.published()).contains(Instant.parse("2024-11-17T21:04:00Z"));
            assertThat(prowlarr.received().getFirst().query()).isEqualTo("query=Dune%202021&type=movie&categories=2000&categories=2040");
            prowlarr.assertAllInSpec();
        }
    }

    @Test
    void a_grab_sends_only_guid_and_indexer_and_returns_the_release() throws Exception {
        String guid = "https://1337x.example/torrent/5823311/";
        try (SpecFake prowlarr = SpecFake.start(SPEC, routes -> routes.post("/api/v1/search",
                ctx -> ctx.json(release(guid, 1, "1337x", "Dune.2021.1080p.BluRay.x264-SPARKS", 12_884_901_888L, 843))))) {
            ProwlarrClient.Release grabbed = client.grab(endpoint(prowlarr), API_KEY, new ProwlarrClient.Grab(guid, 1, Optional.of(2)));
            assertThat(grabbed.guid()).isEqualTo(guid);
            JsonNode sent = JSON.readTree(prowlarr.received().getFirst().body());
            assertThat(sent.get("guid").asText()).isEqualTo(guid);
            assertThat(sent.get("indexerId").asInt()).isEqualTo(1);
            assertThat(sent.get("downloadClientId").asInt()).isEqualTo(2);
            assertThat(sent.size()).isEqualTo(3);
            prowlarr.assertAllInSpec();
        }
    }

    @Test
    void applications_are_listed_and_linked_with_their_sync_settings() throws Exception {
        Map<String, Object> radarr = Map.of("id", 1, "name", "Radarr", "implementation", "Radarr", "implementationName", "Radarr",
                "configContract", "RadarrSettings", "infoLink", "https://wiki.servarr.com/prowlarr/supported#radarr", "syncLevel", "fullSync",
                "tags", List.of(), "fields", List.of(
                        Map.of("order", 0, "name", "prowlarrUrl", "label", "Prowlarr Server", "value", "http://prowlarr:9696", "type", "textbox", "advanced", false, "privacy", "normal", "isFloat", false),
                        Map.of("order", 1, "name", "baseUrl", "label", "Radarr Server", "value", "http://radarr:7878", "type", "textbox", "advanced", false, "privacy", "normal", "isFloat", false),
                        Map.of("order", 2, "name", "apiKey", "label", "ApiKey", "value", "********", "type", "textbox", "advanced", false, "privacy", "apiKey", "isFloat", false),
                        Map.of("order", 3, "name", "syncCategories", "label", "Sync Categories", "value", List.of(2000, 2010, 2040), "type", "select", "advanced", true, "privacy", "normal", "isFloat", false)));
        Map<String, Object> sonarr = new java.util.HashMap<>(radarr);
        sonarr.putAll(Map.of("id", 2, "name", "Sonarr", "implementation", "Sonarr", "implementationName", "Sonarr", "configContract", "SonarrSettings"));
        try (SpecFake prowlarr = SpecFake.start(SPEC, routes -> {
            routes.get("/api/v1/applications", ctx -> ctx.json(List.of(radarr)));
            routes.post("/api/v1/applications", ctx -> ctx.json(sonarr));
        })) {
            ProwlarrClient.Application listed = client.applications(endpoint(prowlarr), API_KEY).getFirst();
            assertThat(listed.implementation()).isEqualTo("Radarr");
            assertThat(listed.syncLevel()).isEqualTo("fullSync");
            assertThat(listed.field("baseUrl")).contains("http://radarr:7878");

            ProwlarrClient.Application added = client.addApplication(endpoint(prowlarr), API_KEY, ProwlarrClient.NewApplication.of("Sonarr",
                    ProwlarrClient.AppKind.SONARR, "http://prowlarr:9696", "http://sonarr:8989", "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b"));
            assertThat(added.id()).isEqualTo(2);
            JsonNode sent = JSON.readTree(prowlarr.received().get(1).body());
            assertThat(sent.get("implementation").asText()).isEqualTo("Sonarr");
            assertThat(sent.get("configContract").asText()).isEqualTo("SonarrSettings");
            assertThat(sent.get("syncLevel").asText()).isEqualTo("fullSync");
            assertThat(sent.get("fields").findValuesAsText("name")).containsExactly("prowlarrUrl", "baseUrl", "apiKey", "syncCategories");
            assertThat(sent.get("fields").get(3).get("value").size()).isEqualTo(8);
            assertThat(sent.get("fields").get(2).get("value").asText()).isEqualTo("9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b");
            prowlarr.assertAllInSpec();
        }
    }

    @Test
    void a_refused_key_is_a_remote_failure() {
        try (SpecFake prowlarr = SpecFake.start(SPEC, routes -> routes.get("/api/v1/indexer", ctx -> ctx.status(401)))) {
            assertThatThrownBy(() -> client.indexers(endpoint(prowlarr), "wrong"))
                    .isInstanceOfSatisfying(RemoteFailure.class, failure -> assertThat(failure.kind()).isEqualTo(RemoteFailure.Kind.UNAUTHORIZED));
        }
    }

    @Test
    void bad_searches_grabs_and_applications_are_refused_before_sending() {
        assertThatThrownBy(() -> ProwlarrClient.Search.of(" ", ProwlarrClient.SearchType.SEARCH, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProwlarrClient.Grab("", 1, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProwlarrClient.NewApplication.of("Radarr", ProwlarrClient.AppKind.RADARR, "prowlarr:9696",
                "http://radarr:7878", "key")).isInstanceOf(IllegalArgumentException.class);
    }
}
