package dev.medianest.integrations.tmdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.catalog.MetadataFailure;
import dev.medianest.features.catalog.MetadataSource;
import dev.medianest.features.catalog.Title;
import dev.medianest.features.catalog.TitleDetails;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleQuery;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static dev.medianest.integrations.tmdb.TmdbPayloads.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TMDb as the catalog's metadata source, against a fake held to tmdb-v3.openapi.json. */
class TmdbTitlesTest {

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    private final TmdbConnector connector = new TmdbConnector(new RemoteHttp(new ObjectMapper()));

    private MetadataSource titles(SpecFake tmdb) {
        return connector.titles(TmdbConnectorTest.instance(tmdb.baseUrl(), TOKEN));
    }

    private static SpecFake tmdb() {
        return SpecFake.start("tmdb-v3.openapi.json", routes -> {
            routes.get("/3/configuration", ctx -> ctx.json(TmdbPayloads.configuration()));
            routes.get("/3/genre/movie/list", ctx -> ctx.json("ru-RU".equals(ctx.queryParam("language")) ? TmdbPayloads.movieGenresRu() : TmdbPayloads.movieGenres()));
            routes.get("/3/genre/tv/list", ctx -> ctx.json(TmdbPayloads.tvGenres()));
            routes.get("/3/search/multi", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.typed(TmdbPayloads.duneRu(), "movie"),
                    Map.of("adult", false, "id", 137427, "media_type", "person", "name", "Дени Вильнёв", "original_name", "Denis Villeneuve", "popularity", 5.2)))));
            routes.get("/3/search/tv", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.fargo()))));
            // Fixed paths first: Javalin tries routes in the order they were added, and {id} would match "popular".
            routes.get("/3/movie/popular", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.dune()))));
            routes.get("/3/movie/upcoming", ctx -> ctx.json(Map.of("dates", Map.of("maximum", "2026-12-23", "minimum", "2026-12-02"),
                    "page", 1, "results", List.of(TmdbPayloads.duneTwo()), "total_pages", 1, "total_results", 1)));
            routes.get("/3/movie/{id}", ctx -> ctx.json(TmdbPayloads.duneDetails(ctx.queryParam("language"))));
            routes.get("/3/tv/{id}", ctx -> ctx.json(TmdbPayloads.fargoDetails()));
            routes.get("/3/find/{id}", ctx -> ctx.json(Map.of("movie_results", List.of(TmdbPayloads.typed(TmdbPayloads.dune(), "movie")),
                    "person_results", List.of(), "tv_results", List.of(), "tv_episode_results", List.of(), "tv_season_results", List.of())));
            routes.get("/3/movie/{id}/similar", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.bladeRunner()))));
            routes.get("/3/trending/tv/{window}", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.typed(TmdbPayloads.fargo(), "tv")))));
        });
    }

    @Test
    void a_russian_search_gives_russian_titles_named_genres_and_full_poster_addresses() {
        try (SpecFake tmdb = tmdb()) {
            List<Title> found = titles(tmdb).search(TitleQuery.of("Дюна", RUSSIAN));
            assertThat(found).singleElement().satisfies(dune -> {
                assertThat(dune.type()).isEqualTo(TitleType.MOVIE);
                assertThat(dune.ids().tmdb()).hasValue(438631);
                assertThat(dune.title()).isEqualTo("Дюна");
                assertThat(dune.originalTitle()).isEqualTo("Dune");
                assertThat(dune.year()).hasValue(2021);
                assertThat(dune.genres()).containsExactly("фантастика", "приключения");
                assertThat(dune.poster()).contains(URI.create("https://image.tmdb.org/t/p/w342/jI9cW8PoTDqmHSGiwG9NfdxNnmJ.jpg"));
                assertThat(dune.rating()).hasValue(7.8);
            });
            assertThat(tmdb.received()).filteredOn(request -> request.path().equals("/3/search/multi"))
                    .singleElement().satisfies(request -> assertThat(request.query()).contains("language=ru-RU"));
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void reference_data_is_fetched_once_per_language() {
        try (SpecFake tmdb = tmdb()) {
            MetadataSource source = titles(tmdb);
            source.search(TitleQuery.of("Дюна", RUSSIAN));
            source.search(TitleQuery.of("Дюна", RUSSIAN));
            source.search(TitleQuery.of("Dune", Locale.US));
            assertThat(tmdb.received()).extracting(request -> request.path() + " " + request.query())
                    .filteredOn(line -> !line.startsWith("/3/search")).containsExactly(
                            "/3/configuration null", "/3/genre/movie/list language=ru-RU", "/3/genre/movie/list language=en-US");
        }
    }

    @Test
    void movie_details_carry_the_age_rating_of_the_language_country_the_director_and_the_trailer() {
        try (SpecFake tmdb = tmdb()) {
            TitleDetails dune = titles(tmdb).details(TitleType.MOVIE, TitleIds.ofTmdb(438631), Locale.forLanguageTag("ru-RU")).orElseThrow();
            assertThat(dune.title().title()).isEqualTo("Дюна");
            assertThat(dune.title().ids().imdb()).contains("tt1160419");
            assertThat(dune.certification()).contains("12+");
            assertThat(dune.runtimeMinutes()).hasValue(155);
            assertThat(dune.makers()).containsExactly("Denis Villeneuve");
            assertThat(dune.people()).startsWith("Timothée Chalamet", "Rebecca Ferguson");
            assertThat(dune.trailer()).contains(URI.create("https://www.youtube.com/watch?v=n9xhJrPXop4"));
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void series_details_carry_the_tvdb_id_sonarr_needs_and_the_regular_seasons() {
        try (SpecFake tmdb = tmdb()) {
            TitleDetails fargo = titles(tmdb).details(TitleType.SERIES, TitleIds.ofTmdb(60622), Locale.US).orElseThrow();
            assertThat(fargo.title().ids().tvdb()).hasValue(269613);
            assertThat(fargo.seasons()).containsExactly(1, 2);
            assertThat(fargo.seasonDetails()).extracting(TitleDetails.Season::name, season -> season.episodeCount().getAsInt(),
                    season -> season.airDate().orElseThrow().getYear())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Year 1", 10, 2014), org.assertj.core.groups.Tuple.tuple("Year 2", 10, 2015));
            assertThat(fargo.certification()).contains("TV-MA");
            assertThat(fargo.makers()).containsExactly("Noah Hawley");
            assertThat(fargo.runtimeMinutes()).hasValue(53);
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void a_title_known_only_by_its_imdb_id_is_found_first() {
        try (SpecFake tmdb = tmdb()) {
            TitleIds imdbOnly = new TitleIds(OptionalInt.empty(), OptionalInt.empty(), Optional.of("tt1160419"));
            assertThat(titles(tmdb).similar(TitleType.MOVIE, imdbOnly, Locale.US)).extracting(Title::title).containsExactly("Blade Runner 2049");
            assertThat(tmdb.received()).extracting(SpecFake.Recorded::path).contains("/3/find/tt1160419", "/3/movie/438631/similar");
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void trending_popular_and_upcoming_follow_the_type() {
        try (SpecFake tmdb = tmdb()) {
            MetadataSource source = titles(tmdb);
            assertThat(source.trending(TitleType.SERIES, Locale.US)).extracting(Title::title).containsExactly("Fargo");
            assertThat(source.popular(TitleType.MOVIE, Locale.US)).extracting(Title::title).containsExactly("Dune");
            assertThat(source.upcoming(TitleType.MOVIE, Locale.US)).extracting(Title::title).containsExactly("Dune: Part Two");
            assertThat(source.popular(TitleType.BOOK, Locale.US)).isEmpty();
            assertThat(source.search(new TitleQuery("Dune", Optional.of(TitleType.BOOK), Locale.US))).isEmpty();
            assertThat(source.search(new TitleQuery("Fargo", Optional.of(TitleType.SERIES), Locale.US))).singleElement()
                    .satisfies(fargo -> assertThat(fargo.genres()).containsExactly("Crime", "Drama"));
            assertThat(tmdb.received()).extracting(SpecFake.Recorded::path).contains("/3/trending/tv/week");
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void a_refused_key_becomes_a_metadata_failure_a_person_can_act_on() {
        try (SpecFake tmdb = SpecFake.start("tmdb-v3.openapi.json", routes -> routes.get("/3/search/multi", ctx -> ctx.status(401)
                .json(Map.of("status_code", 7, "status_message", "Invalid API key: You must be granted a valid key.", "success", false))))) {
            assertThatThrownBy(() -> titles(tmdb).search(TitleQuery.of("Dune", Locale.US)))
                    .isInstanceOfSatisfying(MetadataFailure.class, failure -> {
                        assertThat(failure.problem().messageKey()).isEqualTo("remote.unauthorized");
                        assertThat(failure.problem().args()).containsExactly("TMDb", tmdb.baseUrl());
                    });
        }
    }
}
