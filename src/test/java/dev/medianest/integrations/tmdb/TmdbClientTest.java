package dev.medianest.integrations.tmdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.medianest.integrations.tmdb.TmdbPayloads.API_KEY;
import static dev.medianest.integrations.tmdb.TmdbPayloads.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every TmdbClient call against a fake held to tmdb-v3.openapi.json. */
class TmdbClientTest {

    private static final String SPEC = "tmdb-v3.openapi.json";

    private final TmdbClient client = new TmdbClient(new RemoteHttp(new ObjectMapper()));

    private static TmdbSettings settings(SpecFake fake, String credential) {
        return TmdbSettings.of(URI.create(fake.baseUrl()), credential);
    }

    private static String requestLine(SpecFake.Recorded request) {
        return request.path() + (request.query() == null ? "" : "?" + request.query());
    }

    @Test
    void a_read_access_token_travels_as_bearer_and_an_api_key_as_query_parameter() {
        try (SpecFake tmdb = SpecFake.start(SPEC, routes -> routes.get("/3/authentication",
                ctx -> ctx.json(Map.of("success", true, "status_code", 1, "status_message", "Success."))))) {
            assertThat(client.authentication(settings(tmdb, TOKEN)).success()).isTrue();
            assertThat(client.authentication(settings(tmdb, API_KEY)).success()).isTrue();
            SpecFake.Recorded bearer = tmdb.received().get(0);
            SpecFake.Recorded keyed = tmdb.received().get(1);
            assertThat(bearer.headers()).containsEntry("Authorization", "Bearer " + TOKEN);
            assertThat(bearer.query()).isNull();
            assertThat(keyed.headers()).doesNotContainKey("Authorization");
            assertThat(keyed.query()).isEqualTo("api_key=" + API_KEY);
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void image_addresses_come_from_the_configuration_or_the_documented_default() {
        try (SpecFake tmdb = SpecFake.start(SPEC, routes -> routes.get("/3/configuration", ctx -> ctx.json(TmdbPayloads.configuration())))) {
            TmdbImages images = TmdbImages.from(client.configuration(settings(tmdb, TOKEN)));
            assertThat(images.poster("/d5NXSklXo0qyIYkgV94XAgMIckC.jpg")).contains(URI.create("https://image.tmdb.org/t/p/w342/d5NXSklXo0qyIYkgV94XAgMIckC.jpg"));
            assertThat(images.url("/d5NXSklXo0qyIYkgV94XAgMIckC.jpg", "original")).contains(URI.create("https://image.tmdb.org/t/p/original/d5NXSklXo0qyIYkgV94XAgMIckC.jpg"));
            assertThat(images.poster(null)).isEmpty();
            tmdb.assertAllInSpec();
        }
        assertThat(TmdbImages.DEFAULT.backdrop("/jYEW5xZkZk2WTrdbMGAPFuBqbDc.jpg")).contains(URI.create("https://image.tmdb.org/t/p/w780/jYEW5xZkZk2WTrdbMGAPFuBqbDc.jpg"));
    }

    @Test
    void multi_search_in_russian_returns_typed_results() {
        try (SpecFake tmdb = SpecFake.start(SPEC, routes -> routes.get("/3/search/multi", ctx -> ctx.json(TmdbPayloads.page(List.of(
                TmdbPayloads.typed(TmdbPayloads.duneRu(), "movie"),
                TmdbPayloads.inMultiSearch(TmdbPayloads.series(90228, "Дюна: Пророчество", "Dune: Prophecy", "2024-11-17", "/m1MvwVKnp4TwVHx1IFjSWXkKKn6.jpg", List.of(10765, 18), 7, 412)))))))) {
            TmdbClient.Page page = client.searchMulti(settings(tmdb, TOKEN), "Дюна", "ru-RU", 1);
            assertThat(page.results()).extracting(TmdbClient.ListItem::displayTitle).containsExactly("Дюна", "Дюна: Пророчество");
            assertThat(page.results()).extracting(item -> item.media().orElseThrow()).containsExactly(TmdbClient.Media.MOVIE, TmdbClient.Media.TV);
            assertThat(page.results().getFirst().displayOriginalTitle()).isEqualTo("Dune");
            assertThat(requestLine(tmdb.received().getFirst())).isEqualTo("/3/search/multi?language=ru-RU&page=1&query=%D0%94%D1%8E%D0%BD%D0%B0&include_adult=false");
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void movie_and_series_searches_mark_their_results_with_the_kind() {
        try (SpecFake tmdb = SpecFake.start(SPEC, routes -> {
            routes.get("/3/search/movie", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.dune()))));
            routes.get("/3/search/tv", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.fargo()))));
        })) {
            TmdbClient.ListItem dune = client.searchMovies(settings(tmdb, TOKEN), "Dune", "en-US", 1).results().getFirst();
            assertThat(dune.mediaType()).isEqualTo("movie");
            assertThat(dune.date()).contains("2021-09-15");
            assertThat(dune.genreIds()).containsExactly(878, 12);
            TmdbClient.ListItem fargo = client.searchTv(settings(tmdb, TOKEN), "Fargo", "en-US", 2).results().getFirst();
            assertThat(fargo.mediaType()).isEqualTo("tv");
            assertThat(fargo.displayTitle()).isEqualTo("Fargo");
            assertThat(requestLine(tmdb.received().get(1))).isEqualTo("/3/search/tv?language=en-US&page=2&query=Fargo&include_adult=false");
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void movie_details_bring_credits_videos_and_release_dates_in_one_call() {
        try (SpecFake tmdb = SpecFake.start(SPEC, routes -> routes.get("/3/movie/{id}", ctx -> ctx.json(TmdbPayloads.duneDetails(ctx.queryParam("language")))))) {
            TmdbClient.MovieDetails dune = client.movie(settings(tmdb, TOKEN), 438631, "ru-RU");
            assertThat(dune.title()).isEqualTo("Дюна");
            assertThat(dune.originalTitle()).isEqualTo("Dune");
            assertThat(dune.imdbId()).isEqualTo("tt1160419");
            assertThat(dune.runtime()).isEqualTo(155);
            assertThat(dune.genres()).extracting(TmdbClient.Genre::name).containsExactly("фантастика", "приключения");
            assertThat(dune.credits().leadingCast(2)).containsExactly("Timothée Chalamet", "Rebecca Ferguson");
            assertThat(dune.credits().withJob("Director")).containsExactly("Denis Villeneuve");
            assertThat(dune.videos().youtubeTrailerKey()).contains("n9xhJrPXop4");
            assertThat(dune.releaseDates().certification("US")).contains("PG-13");
            assertThat(dune.releaseDates().certification("RU")).contains("12+");
            assertThat(dune.releaseDates().certification("DE")).isEmpty();
            assertThat(requestLine(tmdb.received().getFirst())).isEqualTo("/3/movie/438631?append_to_response=credits%2Cvideos%2Crelease_dates&language=ru-RU");
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void series_details_bring_the_tvdb_id_content_ratings_and_seasons() {
        try (SpecFake tmdb = SpecFake.start(SPEC, routes -> routes.get("/3/tv/{id}", ctx -> ctx.json(TmdbPayloads.fargoDetails())))) {
            TmdbClient.TvDetails fargo = client.tv(settings(tmdb, TOKEN), 60622, "en-US");
            assertThat(fargo.externalIds().tvdbId()).isEqualTo(269613);
            assertThat(fargo.externalIds().imdbId()).isEqualTo("tt2802850");
            assertThat(fargo.contentRatings().rating("US")).contains("TV-MA");
            assertThat(fargo.seasons()).extracting(TmdbClient.SeasonSummary::seasonNumber).containsExactly(0, 1, 2);
            assertThat(fargo.createdBy()).extracting(TmdbClient.Creator::name).containsExactly("Noah Hawley");
            assertThat(fargo.numberOfSeasons()).isEqualTo(5);
            assertThat(fargo.credits().leadingCast(1)).containsExactly("Billy Bob Thornton");
            assertThat(requestLine(tmdb.received().getFirst()))
                    .isEqualTo("/3/tv/60622?append_to_response=credits%2Cvideos%2Ccontent_ratings%2Cexternal_ids&language=en-US");
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void an_appended_part_outside_its_own_schema_is_caught() {
        Map<String, Object> broken = new java.util.HashMap<>(TmdbPayloads.fargoDetails());
        broken.put("external_ids", Map.of("tvdb_id", "two-six-nine"));
        try (SpecFake tmdb = SpecFake.start(SPEC, routes -> routes.get("/3/tv/{id}", ctx -> ctx.json(broken)))) {
            try {
                client.tv(settings(tmdb, TOKEN), 60622, "en-US");
            } catch (RuntimeException expected) {
                // our parser refuses it too; the point is what the fake saw
            }
            assertThatThrownBy(tmdb::assertAllInSpec).hasMessageContaining("appended response GET /3/tv/60622/external_ids");
        }
    }

    @Test
    void similar_and_recommended_titles_are_lists_of_the_same_kind() {
        try (SpecFake tmdb = SpecFake.start(SPEC, routes -> {
            routes.get("/3/movie/{id}/similar", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.bladeRunner()))));
            routes.get("/3/tv/{id}/similar", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.trueDetective()))));
            routes.get("/3/tv/{id}/recommendations", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.typed(TmdbPayloads.trueDetective(), "tv")))));
        })) {
            assertThat(client.similar(settings(tmdb, TOKEN), TmdbClient.Media.MOVIE, 438631, "en-US", 1).results())
                    .singleElement().satisfies(item -> assertThat(item.media()).contains(TmdbClient.Media.MOVIE));
            assertThat(client.similar(settings(tmdb, TOKEN), TmdbClient.Media.TV, 60622, "en-US", 1).results())
                    .singleElement().satisfies(item -> assertThat(item.media()).contains(TmdbClient.Media.TV));
            assertThat(client.recommendations(settings(tmdb, TOKEN), TmdbClient.Media.TV, 60622, "en-US", 1).results())
                    .extracting(TmdbClient.ListItem::displayTitle).containsExactly("True Detective");
            assertThat(tmdb.received()).extracting(TmdbClientTest::requestLine).containsExactly(
                    "/3/movie/438631/similar?language=en-US&page=1", "/3/tv/60622/similar?language=en-US&page=1",
                    "/3/tv/60622/recommendations?language=en-US&page=1");
            tmdb.assertAllInSpec();
        }
    }

    /**
     * tmdb-v3.openapi.json declares the movie recommendations answer as an object with no
     * properties at all (its example is "{}"), so any real answer leaves that schema. The request is
     * checked; the response's only violations must be about properties the spec forgot.
     */
    @Test
    void movie_recommendations_are_read_although_the_spec_leaves_their_answer_empty() {
        try (SpecFake tmdb = SpecFake.start(SPEC, routes -> routes.get("/3/movie/{id}/recommendations",
                ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.typed(TmdbPayloads.duneTwo(), "movie"))))))) {
            assertThat(client.recommendations(settings(tmdb, TOKEN), TmdbClient.Media.MOVIE, 438631, "en-US", 1).results())
                    .extracting(TmdbClient.ListItem::displayTitle).containsExactly("Dune: Part Two");
            assertThatThrownBy(tmdb::assertAllInSpec).satisfies(error -> {
                List<String> lines = error.getMessage().lines().skip(1).toList();
                assertThat(lines).allMatch(line -> line.startsWith("response GET /3/movie/438631/recommendations 200"));
                assertThat(lines.getFirst()).contains("is not defined in the schema");
            });
        }
    }

    @Test
    void trending_popular_and_upcoming_lists_are_read_for_both_kinds() {
        try (SpecFake tmdb = SpecFake.start(SPEC, routes -> {
            routes.get("/3/trending/movie/{window}", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.typed(TmdbPayloads.duneTwo(), "movie")))));
            routes.get("/3/trending/tv/{window}", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.typed(TmdbPayloads.fargo(), "tv")))));
            routes.get("/3/movie/popular", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.dune()))));
            routes.get("/3/tv/popular", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.fargo()))));
            routes.get("/3/movie/upcoming", ctx -> ctx.json(Map.of("dates", Map.of("maximum", "2026-12-23", "minimum", "2026-12-02"),
                    "page", 1, "results", List.of(TmdbPayloads.duneTwo()), "total_pages", 1, "total_results", 1)));
            routes.get("/3/tv/on_the_air", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.trueDetective()))));
        })) {
            TmdbSettings settings = settings(tmdb, TOKEN);
            assertThat(client.trending(settings, TmdbClient.Media.MOVIE, TmdbClient.Window.DAY, "en-US").results()).extracting(TmdbClient.ListItem::id).containsExactly(693134);
            assertThat(client.trending(settings, TmdbClient.Media.TV, TmdbClient.Window.WEEK, "ru-RU").results()).extracting(TmdbClient.ListItem::id).containsExactly(60622);
            assertThat(client.popular(settings, TmdbClient.Media.MOVIE, "en-US", 1).results()).extracting(TmdbClient.ListItem::id).containsExactly(438631);
            assertThat(client.popular(settings, TmdbClient.Media.TV, "en-US", 1).results()).extracting(TmdbClient.ListItem::id).containsExactly(60622);
            assertThat(client.upcoming(settings, TmdbClient.Media.MOVIE, "en-US", 1).results().getFirst().media()).contains(TmdbClient.Media.MOVIE);
            assertThat(client.upcoming(settings, TmdbClient.Media.TV, "en-US", 1).results().getFirst().media()).contains(TmdbClient.Media.TV);
            assertThat(tmdb.received()).extracting(TmdbClientTest::requestLine).containsExactly(
                    "/3/trending/movie/day?language=en-US", "/3/trending/tv/week?language=ru-RU",
                    "/3/movie/popular?language=en-US&page=1", "/3/tv/popular?language=en-US&page=1",
                    "/3/movie/upcoming?language=en-US&page=1", "/3/tv/on_the_air?language=en-US&page=1");
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void discovery_by_genre_and_the_genre_lists() {
        try (SpecFake tmdb = SpecFake.start(SPEC, routes -> {
            routes.get("/3/discover/movie", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.dune(), TmdbPayloads.bladeRunner()))));
            routes.get("/3/discover/tv", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.fargo()))));
            routes.get("/3/genre/movie/list", ctx -> ctx.json(TmdbPayloads.movieGenresRu()));
            routes.get("/3/genre/tv/list", ctx -> ctx.json(TmdbPayloads.tvGenres()));
        })) {
            TmdbSettings settings = settings(tmdb, TOKEN);
            assertThat(client.discoverByGenre(settings, TmdbClient.Media.MOVIE, List.of(878), "ru-RU", 1).results()).hasSize(2);
            assertThat(client.discoverByGenre(settings, TmdbClient.Media.TV, List.of(80, 18), "en-US", 1).results()).hasSize(1);
            assertThat(client.genres(settings, TmdbClient.Media.MOVIE, "ru-RU").byId()).containsEntry(878, "фантастика");
            assertThat(client.genres(settings, TmdbClient.Media.TV, "en-US").byId()).containsEntry(10765, "Sci-Fi & Fantasy");
            assertThat(tmdb.received()).extracting(TmdbClientTest::requestLine).containsExactly(
                    "/3/discover/movie?language=ru-RU&page=1&with_genres=878&sort_by=popularity.desc",
                    "/3/discover/tv?language=en-US&page=1&with_genres=80%2C18&sort_by=popularity.desc",
                    "/3/genre/movie/list?language=ru-RU", "/3/genre/tv/list?language=en-US");
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void titles_known_elsewhere_are_found_by_imdb_or_tvdb_id() {
        try (SpecFake tmdb = SpecFake.start(SPEC, routes -> routes.get("/3/find/{id}", ctx -> ctx.json(Map.of(
                "movie_results", "tt1160419".equals(ctx.pathParam("id")) ? List.of(TmdbPayloads.typed(TmdbPayloads.dune(), "movie")) : List.of(),
                "person_results", List.of(), "tv_results", "269613".equals(ctx.pathParam("id")) ? List.of(TmdbPayloads.fargo()) : List.of(),
                "tv_episode_results", List.of(), "tv_season_results", List.of()))))) {
            assertThat(client.find(settings(tmdb, TOKEN), "tt1160419", TmdbClient.ExternalSource.IMDB_ID, "en-US").movieResults())
                    .extracting(TmdbClient.ListItem::id).containsExactly(438631);
            TmdbClient.Found fargo = client.find(settings(tmdb, TOKEN), "269613", TmdbClient.ExternalSource.TVDB_ID, "en-US");
            assertThat(fargo.tvResults()).singleElement().satisfies(item -> assertThat(item.media()).contains(TmdbClient.Media.TV));
            assertThat(requestLine(tmdb.received().get(1))).isEqualTo("/3/find/269613?external_source=tvdb_id&language=en-US");
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void bad_arguments_are_refused_before_sending() {
        TmdbSettings settings = TmdbSettings.of(URI.create("http://127.0.0.1:9"), TOKEN);
        assertThatThrownBy(() -> client.searchMulti(settings, "Dune", "Russian", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.searchMulti(settings, " ", "en-US", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.popular(settings, TmdbClient.Media.MOVIE, "en-US", 501)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.movie(settings, -1, "en-US")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.find(settings, "../configuration", TmdbClient.ExternalSource.IMDB_ID, "en-US")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_pasted_text_decides_between_key_and_token() {
        assertThat(TmdbCredential.of(TOKEN)).isInstanceOf(TmdbCredential.ReadAccessToken.class);
        assertThat(TmdbCredential.of("Bearer " + TOKEN)).isInstanceOf(TmdbCredential.ReadAccessToken.class);
        assertThat(TmdbCredential.of(" " + API_KEY + " ")).isEqualTo(new TmdbCredential.ApiKey(API_KEY));
        assertThat(TmdbCredential.of(API_KEY).toString()).doesNotContain(API_KEY);
        assertThat(TmdbSettings.of(URI.create("https://api.themoviedb.org"), TOKEN).toString()).doesNotContain(TOKEN);
    }
}
