package dev.medianest.integrations.seerr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.platform.http.RemoteFailure;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.medianest.integrations.seerr.SeerrPayloads.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every SeerrClient call against fakes held to seerr.openapi.yml, overseerr.openapi.yml and jellyseerr.openapi.yml. */
class SeerrClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SPECS = SeerrPayloads.SPECS;

    private final SeerrClient client = new SeerrClient(new RemoteHttp(new ObjectMapper()));

    private static RemoteHttp.Endpoint endpoint(SpecFake fake) {
        return new RemoteHttp.Endpoint(URI.create(fake.baseUrl()), Duration.ofSeconds(2), false);
    }

    @ParameterizedTest(name = "{0} at {1} is told apart")
    @CsvSource({
            "overseerr.openapi.yml, 1.34.0, OVERSEERR",
            "jellyseerr.openapi.yml, 2.7.3, JELLYSEERR",
            "jellyseerr.openapi.yml, 1.9.2, JELLYSEERR",
            "seerr.openapi.yml, 3.1.0, SEERR",
            "seerr.openapi.yml, develop-94a70bb, SEERR",
            "overseerr.openapi.yml, develop-46a9b24, OVERSEERR"})
    void the_product_and_version_are_detected(String spec, String version, SeerrClient.Product expected) {
        try (SpecFake portal = SpecFake.start(spec, routes -> {
            routes.get("/api/v1/status", ctx -> ctx.json(SeerrPayloads.status(version)));
            routes.get("/api/v1/settings/main", ctx -> ctx.json(SeerrPayloads.mainSettingsFor(spec)));
            routes.get("/api/v1/settings/metadatas", ctx -> ctx.json(Map.of("settings", Map.of("tv", "tvdb", "anime", "tmdb"))));
        })) {
            SeerrClient.Identity identity = client.identify(endpoint(portal), API_KEY);
            assertThat(identity.product()).isEqualTo(expected);
            assertThat(identity.version()).isEqualTo(version);
            assertThat(portal.received().getFirst().headers()).doesNotContainKey("X-Api-Key");
            assertThat(portal.received().get(1).headers()).containsEntry("X-Api-Key", API_KEY);
            // Only a build without a release number needs the third call.
            assertThat(portal.received()).hasSize(version.startsWith("develop") && expected != SeerrClient.Product.OVERSEERR ? 3 : 2);
            portal.assertAllInSpec();
        }
    }

    @Test
    void a_develop_build_of_jellyseerr_is_told_from_seerr_by_the_path_it_lacks() {
        try (SpecFake jellyseerr = SpecFake.start("jellyseerr.openapi.yml", routes -> {
            routes.get("/api/v1/status", ctx -> ctx.json(SeerrPayloads.status("develop-e842036")));
            routes.get("/api/v1/settings/main", ctx -> ctx.json(SeerrPayloads.jellyseerrMainSettings("Jellyseerr")));
        })) {
            SeerrClient.Identity identity = client.identify(endpoint(jellyseerr), API_KEY);
            assertThat(identity.product()).isEqualTo(SeerrClient.Product.JELLYSEERR);
            // The one exchange outside Jellyseerr's spec is the deliberate probe of Seerr's /settings/metadatas.
            assertThatThrownBy(jellyseerr::assertAllInSpec).hasMessageContaining("GET /api/v1/settings/metadatas")
                    .satisfies(error -> assertThat(error.getMessage().lines().filter(line -> line.startsWith("request") || line.startsWith("response")))
                            .allMatch(line -> line.contains("/api/v1/settings/metadatas")));
        }
    }

    @ParameterizedTest
    @FieldSource("SPECS")
    void a_wrong_key_fails_identification_although_status_is_public(String spec) {
        try (SpecFake portal = SpecFake.start(spec, routes -> {
            routes.get("/api/v1/status", ctx -> ctx.json(SeerrPayloads.status("1.34.0")));
            routes.get("/api/v1/settings/main", ctx -> ctx.status(403).json(Map.of("message", "You do not have permission to access this endpoint.")));
        })) {
            assertThatThrownBy(() -> client.identify(endpoint(portal), "wrong"))
                    .isInstanceOfSatisfying(RemoteFailure.class, failure -> assertThat(failure.kind()).isEqualTo(RemoteFailure.Kind.FORBIDDEN));
        }
    }

    @ParameterizedTest
    @FieldSource("SPECS")
    void search_returns_movies_series_and_people_in_the_asked_language(String spec) {
        try (SpecFake portal = SpecFake.start(spec, routes -> routes.get("/api/v1/search", ctx -> ctx.json(Map.of("page", 1, "totalPages", 1,
                "totalResults", 3, "results", List.of(SeerrPayloads.duneResult(), SeerrPayloads.duneSeriesResult(), SeerrPayloads.villeneuve())))))) {
            SeerrClient.SearchPage page = client.search(endpoint(portal), API_KEY, "Дюна 2021", 1, "ru");
            assertThat(page.results()).extracting(SeerrClient.SearchResult::mediaType).containsExactly("movie", "tv", "person");
            SeerrClient.SearchResult dune = page.results().getFirst();
            assertThat(dune.displayTitle()).isEqualTo("Дюна");
            assertThat(dune.originalTitle()).isEqualTo("Dune");
            assertThat(dune.year()).contains(2021);
            assertThat(dune.media()).map(SeerrClient.MediaInfo::availability).contains(SeerrClient.Availability.AVAILABLE);
            assertThat(page.results().get(1).displayTitle()).isEqualTo("Дюна: Пророчество");
            assertThat(page.results().get(1).year()).contains(2024);
            assertThat(portal.received().getFirst().query()).isEqualTo("query=%D0%94%D1%8E%D0%BD%D0%B0%202021&page=1&language=ru");
            portal.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @FieldSource("SPECS")
    void movie_and_series_details_carry_ids_genres_and_seasons(String spec) {
        try (SpecFake portal = SpecFake.start(spec, routes -> {
            routes.get("/api/v1/movie/{id}", ctx -> ctx.json(Map.ofEntries(Map.entry("id", 438631), Map.entry("imdbId", "tt1160419"),
                    Map.entry("adult", false), Map.entry("posterPath", "/d5NXSklXo0qyIYkgV94XAgMIckC.jpg"), Map.entry("budget", 165000000),
                    Map.entry("genres", List.of(Map.of("id", 878, "name", "Science Fiction"), Map.of("id", 12, "name", "Adventure"))),
                    Map.entry("originalLanguage", "en"), Map.entry("originalTitle", "Dune"), Map.entry("overview", "Paul Atreides, a brilliant and gifted young man born into a great destiny beyond his understanding, must travel to the most dangerous planet in the universe."),
                    Map.entry("releaseDate", "2021-09-15"), Map.entry("runtime", 155), Map.entry("status", "Released"), Map.entry("tagline", "It begins."),
                    Map.entry("title", "Dune"), Map.entry("video", false), Map.entry("voteAverage", 7.8), Map.entry("voteCount", 12043),
                    Map.entry("externalIds", Map.of("imdbId", "tt1160419")), Map.entry("mediaInfo", SeerrPayloads.mediaInfo(11, 438631, null, 5)))));
            routes.get("/api/v1/tv/{id}", ctx -> ctx.json(Map.ofEntries(Map.entry("id", 60622), Map.entry("name", "Fargo"), Map.entry("originalName", "Fargo"),
                    Map.entry("firstAirDate", "2014-04-15"), Map.entry("overview", "A close-knit anthology of repugnant crimes in the Midwest."),
                    Map.entry("posterPath", "/6U9CPeD8obHzweikFhiLhpc7YBT.jpg"), Map.entry("voteAverage", 8.3), Map.entry("voteCount", 2811),
                    Map.entry("genres", List.of(Map.of("id", 80, "name", "Crime"), Map.of("id", 18, "name", "Drama"))),
                    Map.entry("seasons", List.of(
                            Map.of("id", 62411, "airDate", "2014-04-15", "episodeCount", 10, "name", "Specials", "overview", "", "posterPath", "/x.jpg", "seasonNumber", 0),
                            Map.of("id", 60072, "airDate", "2014-04-15", "episodeCount", 10, "name", "Year 1", "overview", "", "posterPath", "/y.jpg", "seasonNumber", 1),
                            Map.of("id", 68874, "airDate", "2015-10-12", "episodeCount", 10, "name", "Year 2", "overview", "", "posterPath", "/z.jpg", "seasonNumber", 2))),
                    Map.entry("externalIds", Map.of("imdbId", "tt2802850", "tvdbId", 269613)),
                    Map.entry("mediaInfo", SeerrPayloads.mediaInfo(12, 60622, 269613, 4)))));
        })) {
            SeerrClient.MovieDetails dune = client.movie(endpoint(portal), API_KEY, 438631, "en");
            assertThat(dune.imdbId()).isEqualTo("tt1160419");
            assertThat(dune.runtime()).isEqualTo(155);
            assertThat(dune.genres()).extracting(SeerrClient.Genre::name).containsExactly("Science Fiction", "Adventure");
            SeerrClient.TvDetails fargo = client.tv(endpoint(portal), API_KEY, 60622, "en");
            assertThat(fargo.regularSeasons()).containsExactly(1, 2);
            assertThat(fargo.externalIds().tvdbId()).isEqualTo(269613);
            assertThat(fargo.mediaInfo().availability()).isEqualTo(SeerrClient.Availability.PARTIALLY_AVAILABLE);
            assertThat(portal.received()).extracting(SpecFake.Recorded::path).containsExactly("/api/v1/movie/438631", "/api/v1/tv/60622");
            portal.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @FieldSource("SPECS")
    void requests_are_created_for_a_movie_in_4k_and_for_chosen_seasons(String spec) throws Exception {
        try (SpecFake portal = SpecFake.start(spec, routes -> routes.post("/api/v1/request", ctx -> {
            JsonNode sent = JSON.readTree(ctx.body());
            boolean movie = "movie".equals(sent.get("mediaType").asText());
            ctx.status(201).json(SeerrPayloads.request(movie ? 41 : 42, 2,
                    movie ? SeerrPayloads.mediaInfo(11, 438631, null, 3) : SeerrPayloads.mediaInfo(12, 60622, 269613, 3), movie));
        }))) {
            SeerrClient.MediaRequest movie = client.request(endpoint(portal), API_KEY, SeerrClient.NewRequest.movie(438631, true));
            assertThat(movie.id()).isEqualTo(41);
            assertThat(movie.requestStatus()).isEqualTo(SeerrClient.RequestStatus.APPROVED);
            assertThat(movie.is4k()).isTrue();
            SeerrClient.MediaRequest series = client.request(endpoint(portal), API_KEY,
                    SeerrClient.NewRequest.series(60622, new SeerrClient.Seasons.Chosen(List.of(1, 2)), false));
            assertThat(series.media().tvdbId()).isEqualTo(269613);
            client.request(endpoint(portal), API_KEY, SeerrClient.NewRequest.series(60622, new SeerrClient.Seasons.All(), false));

            List<JsonNode> bodies = portal.received().stream().map(request -> {
                try {
                    return JSON.readTree(request.body());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertThat(bodies.get(0).toString()).isEqualTo("{\"mediaType\":\"movie\",\"mediaId\":438631,\"is4k\":true}");
            assertThat(bodies.get(1).toString()).isEqualTo("{\"mediaType\":\"tv\",\"mediaId\":60622,\"seasons\":[1,2],\"is4k\":false}");
            assertThat(bodies.get(2).get("seasons").asText()).isEqualTo("all");
            portal.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @FieldSource("SPECS")
    void pending_requests_are_listed_a_page_at_a_time_then_approved_or_declined(String spec) {
        try (SpecFake portal = SpecFake.start(spec, routes -> {
            routes.get("/api/v1/request", ctx -> ctx.json(Map.of("pageInfo", Map.of("page", 2, "pages", 3, "results", 45),
                    "results", List.of(SeerrPayloads.request(43, 1, SeerrPayloads.mediaInfo(13, 693134, null, 2), false)))));
            routes.post("/api/v1/request/{id}/approve", ctx -> ctx.json(SeerrPayloads.request(43, 2, SeerrPayloads.mediaInfo(13, 693134, null, 3), false)));
            routes.post("/api/v1/request/{id}/decline", ctx -> ctx.json(SeerrPayloads.request(44, 3, SeerrPayloads.mediaInfo(14, 603, null, 1), false)));
        })) {
            SeerrClient.Product product = spec.startsWith("overseerr") ? SeerrClient.Product.OVERSEERR : SeerrClient.Product.SEERR;
            SeerrClient.RequestPage page = client.requests(endpoint(portal), API_KEY, product,
                    new SeerrClient.RequestQuery(2, 20, SeerrClient.RequestFilter.PENDING, SeerrClient.RequestMediaType.ALL, false));
            assertThat(page.pageInfo().pages()).isEqualTo(3);
            assertThat(page.results()).singleElement().satisfies(request -> {
                assertThat(request.requestStatus()).isEqualTo(SeerrClient.RequestStatus.PENDING);
                assertThat(request.requestedBy().shownName()).isEqualTo("anna");
                assertThat(request.media().tmdbId()).isEqualTo(693134);
            });
            assertThat(client.approve(endpoint(portal), API_KEY, 43).requestStatus()).isEqualTo(SeerrClient.RequestStatus.APPROVED);
            assertThat(client.decline(endpoint(portal), API_KEY, 44).requestStatus()).isEqualTo(SeerrClient.RequestStatus.DECLINED);
            assertThat(portal.received()).extracting(request -> request.method() + " " + request.path() + (request.query() == null ? "" : "?" + request.query()))
                    .containsExactly("GET /api/v1/request?take=20&skip=20&filter=pending&sort=added",
                            "POST /api/v1/request/43/approve", "POST /api/v1/request/44/decline");
            portal.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @CsvSource({"seerr.openapi.yml, SEERR", "jellyseerr.openapi.yml, JELLYSEERR"})
    void jellyseerr_and_seerr_filter_by_media_type_and_completion(String spec, SeerrClient.Product product) {
        try (SpecFake portal = SpecFake.start(spec, routes -> routes.get("/api/v1/request", ctx -> ctx.json(Map.of(
                "pageInfo", Map.of("page", 1, "pages", 1, "results", 0), "results", List.of()))))) {
            client.requests(endpoint(portal), API_KEY, product,
                    new SeerrClient.RequestQuery(1, 10, SeerrClient.RequestFilter.COMPLETED, SeerrClient.RequestMediaType.TV, true));
            assertThat(portal.received().getFirst().query()).isEqualTo("take=10&skip=0&filter=completed&sort=modified&mediaType=tv");
            portal.assertAllInSpec();
        }
    }

    @Test
    void overseerr_is_not_asked_for_filters_it_does_not_have() {
        RemoteHttp.Endpoint nowhere = new RemoteHttp.Endpoint(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1), false);
        assertThat(SeerrClient.Product.OVERSEERR.requestFilters()).doesNotContain(SeerrClient.RequestFilter.COMPLETED, SeerrClient.RequestFilter.DELETED);
        assertThatThrownBy(() -> client.requests(nowhere, API_KEY, SeerrClient.Product.OVERSEERR,
                SeerrClient.RequestQuery.firstPage(SeerrClient.RequestFilter.COMPLETED))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.requests(nowhere, API_KEY, SeerrClient.Product.OVERSEERR,
                new SeerrClient.RequestQuery(1, 20, SeerrClient.RequestFilter.ALL, SeerrClient.RequestMediaType.MOVIE, false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformed_requests_are_refused_before_sending() {
        assertThatThrownBy(() -> new SeerrClient.Seasons.Chosen(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeerrClient.NewRequest("tv", 60622, java.util.Optional.empty(), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeerrClient.NewRequest.movie(0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeerrClient.RequestQuery(0, 20, SeerrClient.RequestFilter.ALL, SeerrClient.RequestMediaType.ALL, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
