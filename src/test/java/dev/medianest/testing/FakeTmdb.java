package dev.medianest.testing;

import dev.medianest.integrations.tmdb.TmdbPayloads;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A TMDb held to tmdb-v3.openapi.json (see {@link SpecFake}) that knows a handful of titles: the
 * movies Dune (2021), Dune: Part Two and Blade Runner 2049, the series Fargo and True Detective. It
 * searches them by words in English or Russian, lists them as trending, popular and upcoming, and
 * has the details of Dune and Fargo, in Russian where {@code language=ru-RU} asks for it.
 */
public final class FakeTmdb implements AutoCloseable {

    /** The read access token the fake accepts (any is accepted; this one has the real shape). */
    public static final String TOKEN = TmdbPayloads.TOKEN;
    public static final int DUNE = 438631;
    public static final int DUNE_PART_TWO = 693134;
    public static final int FARGO = 60622;
    public static final int FARGO_TVDB = 269613;

    /**
     * TMDb answers an unknown id with 404 and status_code 34 (TMDb's "Errors" guide,
     * developer.themoviedb.org/docs/errors); the generated spec lists only the 200 of the details paths.
     */
    private static final SpecFake.KnownGap UNKNOWN_MOVIE = new SpecFake.KnownGap("GET", "/3/movie/1", "404",
            "developer.themoviedb.org/docs/errors: status_code 34, HTTP 404, for a resource that does not exist");

    /**
     * The generated spec gives movie recommendations an empty object (its only example was "{}"), but
     * TMDb answers the same paged list as /similar (developer.themoviedb.org/reference/movie-recommendations).
     */
    private static SpecFake.KnownGap recommendationsOf(int movie) {
        return new SpecFake.KnownGap("GET", "/3/movie/" + movie + "/recommendations", "is not defined in the schema",
                "developer.themoviedb.org/reference/movie-recommendations: page, results, total_pages, total_results");
    }

    private final SpecFake fake;

    private FakeTmdb() {
        this.fake = SpecFake.start("tmdb-v3.openapi.json", routes -> {
            routes.get("/3/authentication", ctx -> ctx.json(Map.of("success", true, "status_code", 1, "status_message", "Success.")));
            routes.get("/3/configuration", ctx -> ctx.json(TmdbPayloads.configuration()));
            routes.get("/3/genre/movie/list", ctx -> ctx.json(russian(ctx) ? TmdbPayloads.movieGenresRu() : TmdbPayloads.movieGenres()));
            routes.get("/3/genre/tv/list", ctx -> ctx.json(TmdbPayloads.tvGenres()));
            routes.get("/3/search/multi", ctx -> {
                String words = words(ctx);
                List<Map<String, Object>> found = new java.util.ArrayList<>();
                if (words.contains("dune") || words.contains("дюна")) {
                    found.add(TmdbPayloads.typed(russian(ctx) ? TmdbPayloads.duneRu() : TmdbPayloads.dune(), "movie"));
                    found.add(TmdbPayloads.typed(TmdbPayloads.duneTwo(), "movie"));
                }
                if (words.contains("fargo")) {
                    found.add(TmdbPayloads.inMultiSearch(TmdbPayloads.fargo()));
                }
                ctx.json(TmdbPayloads.page(found));
            });
            routes.get("/3/search/movie", ctx -> ctx.json(TmdbPayloads.page(words(ctx).contains("dune") || words(ctx).contains("дюна")
                    ? List.of(russian(ctx) ? TmdbPayloads.duneRu() : TmdbPayloads.dune(), TmdbPayloads.duneTwo()) : List.of())));
            routes.get("/3/search/tv", ctx -> ctx.json(TmdbPayloads.page(words(ctx).contains("fargo") ? List.of(TmdbPayloads.fargo()) : List.of())));
            routes.get("/3/trending/movie/{window}", ctx -> ctx.json(TmdbPayloads.page(List.of(
                    TmdbPayloads.typed(russian(ctx) ? TmdbPayloads.duneRu() : TmdbPayloads.dune(), "movie"),
                    TmdbPayloads.typed(TmdbPayloads.duneTwo(), "movie")))));
            routes.get("/3/trending/tv/{window}", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.typed(TmdbPayloads.fargo(), "tv")))));
            // Fixed paths first: Javalin tries routes in the order they were added, and {id} would match "popular".
            routes.get("/3/movie/popular", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.dune(), TmdbPayloads.bladeRunner()))));
            routes.get("/3/movie/upcoming", ctx -> ctx.json(Map.of("dates", Map.of("maximum", "2026-12-23", "minimum", "2026-12-02"),
                    "page", 1, "results", List.of(TmdbPayloads.duneTwo()), "total_pages", 1, "total_results", 1)));
            routes.get("/3/tv/popular", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.fargo(), TmdbPayloads.trueDetective()))));
            routes.get("/3/tv/on_the_air", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.trueDetective()))));
            routes.get("/3/movie/{id}/recommendations", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.duneTwo()))));
            routes.get("/3/movie/{id}/similar", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.bladeRunner()))));
            routes.get("/3/tv/{id}/recommendations", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.typed(TmdbPayloads.trueDetective(), "tv")))));
            routes.get("/3/tv/{id}/similar", ctx -> ctx.json(TmdbPayloads.page(List.of(TmdbPayloads.trueDetective()))));
            routes.get("/3/movie/{id}", ctx -> {
                if (String.valueOf(DUNE).equals(ctx.pathParam("id"))) {
                    ctx.json(TmdbPayloads.duneDetails(String.valueOf(ctx.queryParam("language"))));
                } else if (String.valueOf(DUNE_PART_TWO).equals(ctx.pathParam("id"))) {
                    ctx.json(partTwoDetails(String.valueOf(ctx.queryParam("language"))));
                } else {
                    ctx.status(404).json(Map.of("success", false, "status_code", 34, "status_message", "The resource you requested could not be found."));
                }
            });
            routes.get("/3/tv/{id}", ctx -> ctx.json(TmdbPayloads.fargoDetails()));
            routes.get("/3/find/{id}", ctx -> {
                boolean fargo = String.valueOf(FARGO_TVDB).equals(ctx.pathParam("id"));
                boolean dune = "tt1160419".equals(ctx.pathParam("id"));
                ctx.json(Map.of("movie_results", dune ? List.of(TmdbPayloads.typed(TmdbPayloads.dune(), "movie")) : List.of(),
                        "person_results", List.of(), "tv_results", fargo ? List.of(TmdbPayloads.typed(TmdbPayloads.fargo(), "tv")) : List.of(),
                        "tv_episode_results", List.of(), "tv_season_results", List.of()));
            });
        });
        fake.tolerating(UNKNOWN_MOVIE, recommendationsOf(DUNE), recommendationsOf(DUNE_PART_TWO));
    }

    public static FakeTmdb start() {
        return new FakeTmdb();
    }

    public String baseUrl() {
        return fake.baseUrl();
    }

    /** How many requests reached a path. */
    public long calls(String path) {
        return fake.received().stream().filter(request -> request.path().equals(path)).count();
    }

    public List<SpecFake.Recorded> received() {
        return fake.received();
    }

    public void assertAllInSpec() {
        fake.assertAllInSpec();
    }

    @Override
    public void close() {
        fake.close();
    }

    /** Dune: Part Two, told as Dune's details with its own id, title, date and poster. */
    private static Map<String, Object> partTwoDetails(String language) {
        Map<String, Object> details = new java.util.HashMap<>(TmdbPayloads.duneDetails(language));
        details.put("id", DUNE_PART_TWO);
        details.put("imdb_id", "tt15239678");
        details.put("title", "Dune: Part Two");
        details.put("original_title", "Dune: Part Two");
        details.put("release_date", "2024-02-27");
        details.put("runtime", 167);
        details.put("poster_path", "/1pdfLvkbY9ohJlCjQH2CZjjYVvJ.jpg");
        return details;
    }

    private static boolean russian(io.javalin.http.Context ctx) {
        return "ru-RU".equals(ctx.queryParam("language"));
    }

    private static String words(io.javalin.http.Context ctx) {
        return String.valueOf(ctx.queryParam("query")).toLowerCase(Locale.ROOT);
    }
}
