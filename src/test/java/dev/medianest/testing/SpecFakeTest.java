package dev.medianest.testing;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fake really holds both sides to the spec: a test that cannot fail would prove nothing. */
class SpecFakeTest {

    private static HttpResponse<String> get(String url, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_spec_true_exchange_passes() throws Exception {
        try (SpecFake radarr = SpecFake.start("radarr-v3.openapi.json", routes -> routes.get("/api/v3/system/status",
                ctx -> ctx.json(java.util.Map.of("appName", "Radarr", "version", "5.14.0.9383"))))) {
            assertThat(get(radarr.baseUrl() + "/api/v3/system/status", "0123456789abcdef").statusCode()).isEqualTo(200);
            radarr.assertAllInSpec();
        }
    }

    @Test
    void a_response_of_the_wrong_shape_is_caught() throws Exception {
        try (SpecFake radarr = SpecFake.start("radarr-v3.openapi.json", routes -> routes.get("/api/v3/system/status",
                ctx -> ctx.json(java.util.Map.of("appName", 42, "isDebug", "yes"))))) {
            get(radarr.baseUrl() + "/api/v3/system/status", "0123456789abcdef");
            assertThatThrownBy(radarr::assertAllInSpec).hasMessageContaining("response GET /api/v3/system/status");
        }
    }

    @Test
    void a_request_outside_the_spec_is_caught() throws Exception {
        try (SpecFake radarr = SpecFake.start("radarr-v3.openapi.json", routes -> routes.get("/api/v3/no-such-endpoint",
                ctx -> ctx.json(java.util.Map.of())))) {
            get(radarr.baseUrl() + "/api/v3/no-such-endpoint", "0123456789abcdef");
            assertThatThrownBy(radarr::assertAllInSpec).hasMessageContaining("request GET /api/v3/no-such-endpoint");
        }
    }

    @Test
    void a_known_gap_excuses_only_its_own_violation() throws Exception {
        SpecFake.KnownGap created = new SpecFake.KnownGap("GET", "/api/v3/system/status", "Response status 201 not defined",
                "a test of the mechanism");
        try (SpecFake radarr = SpecFake.start("radarr-v3.openapi.json", routes -> {
            routes.get("/api/v3/system/status", ctx -> ctx.status(201).json(java.util.Map.of("appName", "Radarr")));
            routes.get("/api/v3/health", ctx -> ctx.status(201).json(java.util.List.of()));
        }).tolerating(created)) {
            get(radarr.baseUrl() + "/api/v3/system/status", "0123456789abcdef");
            radarr.assertAllInSpec();
            get(radarr.baseUrl() + "/api/v3/health", "0123456789abcdef");
            assertThatThrownBy(radarr::assertAllInSpec).hasMessageContaining("response GET /api/v3/health 201");
        }
    }

    @Test
    void a_created_answer_is_held_to_the_success_schema() throws Exception {
        SpecFake.KnownGap created = new SpecFake.KnownGap("POST", "/api/v3/tag", "Response status 201 not defined", "a test of the mechanism");
        try (SpecFake radarr = SpecFake.start("radarr-v3.openapi.json", routes -> routes.post("/api/v3/tag",
                ctx -> ctx.status(201).json(java.util.Map.of("id", "three", "label", "kids")))).tolerating(created)) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(radarr.baseUrl() + "/api/v3/tag")).header("X-Api-Key", "0123456789abcdef")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"kids\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThatThrownBy(radarr::assertAllInSpec).hasMessageContaining("response POST /api/v3/tag 201").hasMessageContaining("integer");
        }
    }

    @Test
    void a_known_gap_must_name_its_evidence() {
        assertThatThrownBy(() -> new SpecFake.KnownGap("POST", "/api/v3/command", "movieIds", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tmdb_openapi_3_1_spec_loads_and_checks_query_parameters() throws Exception {
        try (SpecFake tmdb = SpecFake.start("tmdb-v3.openapi.json", routes -> routes.get("/3/search/movie",
                ctx -> ctx.json(java.util.Map.of("page", 1, "results", java.util.List.of(), "total_pages", 1, "total_results", 0))))) {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tmdb.baseUrl() + "/3/search/movie?query=Dune&language=ru-RU"))
                    .header("Authorization", "Bearer token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void a_prose_spec_catches_an_undocumented_method_a_malformed_key_and_an_undocumented_field() throws Exception {
        try (SpecFake qbittorrent = SpecFake.start(QbittorrentWebUiDoc.version5WithApiKeys(), routes -> {
            routes.get("/api/v2/app/webapiVersion", ctx -> ctx.result("2.14.1"));
            routes.post("/api/v2/torrents/pause", ctx -> ctx.result(""));
            routes.get("/api/v2/torrents/info", ctx -> ctx.json(java.util.List.of(java.util.Map.of("hash", "ab", "made_up", 1))));
        })) {
            HttpClient http = HttpClient.newHttpClient();
            http.send(HttpRequest.newBuilder(URI.create(qbittorrent.baseUrl() + "/api/v2/app/webapiVersion"))
                    .header("Authorization", "Bearer qbt_" + "a".repeat(28)).build(), HttpResponse.BodyHandlers.ofString());
            qbittorrent.assertAllInSpec();

            http.send(HttpRequest.newBuilder(URI.create(qbittorrent.baseUrl() + "/api/v2/app/webapiVersion"))
                    .header("Authorization", "Bearer not-a-key").build(), HttpResponse.BodyHandlers.ofString());
            assertThatThrownBy(qbittorrent::assertAllInSpec).hasMessageContaining("Authorization is not Bearer");
        }
        try (SpecFake qbittorrent = SpecFake.start(QbittorrentWebUiDoc.version5WithApiKeys(), routes -> {
            routes.post("/api/v2/torrents/pause", ctx -> ctx.result(""));
        })) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(qbittorrent.baseUrl() + "/api/v2/torrents/pause"))
                    .POST(HttpRequest.BodyPublishers.ofString("hashes=all")).header("Content-Type", "application/x-www-form-urlencoded").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThatThrownBy(qbittorrent::assertAllInSpec).as("qBittorrent 5 calls it stop").hasMessageContaining("no such method");
        }
        try (SpecFake qbittorrent = SpecFake.start(QbittorrentWebUiDoc.version5WithApiKeys(), routes ->
                routes.get("/api/v2/torrents/info", ctx -> ctx.json(java.util.List.of(java.util.Map.of("hash", "ab", "made_up", 1)))))) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(qbittorrent.baseUrl() + "/api/v2/torrents/info?nonsense=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThatThrownBy(qbittorrent::assertAllInSpec).hasMessageContaining("field made_up is not documented")
                    .hasMessageContaining("parameter nonsense is not documented");
        }
    }
}
