package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.testing.Await;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.FakeReadarr;
import dev.medianest.testing.FakeTmdb;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.OpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/discover}, {@code /api/v1/search} and {@code /api/v1/titles} over real HTTP, every
 * call held against openapi.json, with TMDb, Radarr (HD and 4K), Sonarr and Readarr as fakes held to
 * their specs.
 */
class DiscoverApiTest {

    static final String DISCOVER = "/api/v1/discover";
    static final String SEARCH = "/api/v1/search";
    static final String TITLES = "/api/v1/titles";

    private static final OpenApiContract CONTRACT = new OpenApiContract();

    @TempDir
    static Path dataDir;

    @AutoClose("closeAfterCheckingSpecs")
    private static DiscoverStack stack;

    @BeforeAll
    static void start() {
        stack = new DiscoverStack(dataDir);
    }

    @AfterAll
    static void stop() {
        assertThat(CONTRACT.unexercisedUnder(DISCOVER)).as("discover operations no test called").isEmpty();
        assertThat(CONTRACT.unexercisedUnder(SEARCH)).as("search operations no test called").isEmpty();
        assertThat(CONTRACT.unexercisedUnder(TITLES)).as("title operations no test called").isEmpty();
    }

    @Test
    void charts_list_trending_popular_and_upcoming_titles_each_with_hd_and_4k_availability() {
        HttpSession alice = stack.signIn(DiscoverStack.MEMBER, CONTRACT);

        JsonNode trending = ok(alice.api("GET", DISCOVER + "/trending?type=movie"));
        assertThat(trending.get("chart").asText()).isEqualTo("trending");
        assertThat(titles(trending)).containsExactly("Dune", "Dune: Part Two");
        assertThat(trending.at("/results/0/availability/hd").asText()).isEqualTo("available");
        assertThat(trending.at("/results/0/poster").asText()).isEqualTo("https://image.tmdb.org/t/p/w342/d5NXSklXo0qyIYkgV94XAgMIckC.jpg");
        assertThat(trending.at("/results/1/availability/hd").asText()).isEqualTo("not_requested");
        assertThat(trending.at("/results/1/availability/fourK").asText()).isEqualTo("available");
        assertThat(trending.get("problems")).isEmpty();

        assertThat(titles(ok(alice.api("GET", DISCOVER + "/popular?type=series")))).containsExactly("Fargo", "True Detective");
        assertThat(titles(ok(alice.api("GET", DISCOVER + "/upcoming")))).as("movies unless asked otherwise").containsExactly("Dune: Part Two");
        assertThat(titles(ok(alice.api("GET", DISCOVER + "/upcoming?type=series")))).containsExactly("True Detective");
    }

    @Test
    void search_asks_tmdb_and_readarr_at_once_and_marks_what_the_household_has() {
        HttpSession alice = stack.signIn(DiscoverStack.MEMBER, CONTRACT);

        JsonNode found = ok(alice.api("GET", SEARCH + "?q=Dune"));

        assertThat(found.get("query").asText()).isEqualTo("Dune");
        List<String> kinds = new ArrayList<>();
        found.get("results").forEach(result -> kinds.add(result.get("type").asText() + ":" + result.get("title").asText()
                + ":" + result.at("/availability/hd").asText()));
        assertThat(kinds).containsExactly("movie:Dune:available", "movie:Dune: Part Two:not_requested", "book:Dune:not_requested",
                "book:Dune Messiah:available");
        assertThat(found.at("/results/2/id").asText()).isEqualTo(String.valueOf(FakeReadarr.DUNE_WORK));
        assertThat(found.at("/results/2/ids/goodreads").asInt()).isEqualTo(FakeReadarr.DUNE_WORK);
        assertThat(found.get("problems")).isEmpty();

        assertThat(titles(ok(alice.api("GET", SEARCH + "?q=Dune&type=book")))).containsExactly("Dune", "Dune Messiah");
        assertThat(titles(ok(alice.api("GET", SEARCH + "?q=Fargo&type=series")))).containsExactly("Fargo");
        assertThat(titles(ok(alice.api("GET", SEARCH + "?q=nothing%20like%20it")))).isEmpty();
    }

    @Test
    void titles_and_overviews_come_in_the_callers_language() {
        HttpSession alice = stack.signIn(DiscoverStack.MEMBER, CONTRACT);
        assertThat(alice.api("PATCH", "/api/v1/me", Map.of("language", "ru")).status()).isEqualTo(200);
        try {
            assertThat(titles(ok(alice.api("GET", SEARCH + "?q=%D0%94%D1%8E%D0%BD%D0%B0&type=movie")))).contains("Дюна");
            JsonNode dune = ok(alice.api("GET", TITLES + "/movie/" + FakeTmdb.DUNE));
            assertThat(dune.get("title").asText()).isEqualTo("Дюна");
            assertThat(dune.get("certification").asText()).isEqualTo("12+");
            assertThat(dune.get("genres").get(0).asText()).isEqualTo("фантастика");
        } finally {
            alice.api("PATCH", "/api/v1/me", java.util.Collections.singletonMap("language", null));
        }
    }

    @Test
    void a_movie_has_its_details_related_titles_and_what_an_admin_may_request() {
        HttpSession admin = stack.signIn("admin", CONTRACT);

        JsonNode dune = ok(admin.api("GET", TITLES + "/movie/" + FakeTmdb.DUNE));

        assertThat(dune.get("title").asText()).isEqualTo("Dune");
        assertThat(dune.at("/ids/imdb").asText()).isEqualTo("tt1160419");
        assertThat(dune.get("runtimeMinutes").asInt()).isEqualTo(155);
        assertThat(dune.get("certification").asText()).isEqualTo("PG-13");
        assertThat(dune.get("makers").get(0).asText()).isEqualTo("Denis Villeneuve");
        assertThat(dune.get("cast").get(0).asText()).isEqualTo("Timothée Chalamet");
        assertThat(dune.get("trailer").asText()).isEqualTo("https://www.youtube.com/watch?v=n9xhJrPXop4");
        assertThat(dune.at("/availability/hd").asText()).isEqualTo("available");
        assertThat(titles(dune.get("recommendations"))).containsExactly("Dune: Part Two");
        assertThat(dune.at("/recommendations/0/availability/fourK").asText()).isEqualTo("available");
        assertThat(titles(dune.get("similar"))).containsExactly("Blade Runner 2049");
        assertThat(dune.get("seasons")).isEmpty();
        JsonNode request = dune.get("request");
        assertThat(request.get("allowed").asBoolean()).isTrue();
        assertThat(request.get("fourK").asBoolean()).isTrue();
        assertThat(request.get("advanced").asBoolean()).isTrue();
        assertThat(request.get("seasons").asBoolean()).isFalse();
        List<String> instances = new ArrayList<>();
        request.get("instances").forEach(instance -> instances.add(instance.get("name").asText() + (instance.get("preferred").asBoolean() ? "*" : "")));
        assertThat(instances).containsExactlyInAnyOrder("Radarr*", "Radarr 4K");
    }

    @Test
    void a_series_lists_every_season_with_its_episode_count_and_a_member_may_choose_seasons_but_no_4k_without_a_4k_sonarr() {
        HttpSession alice = stack.signIn(DiscoverStack.MEMBER, CONTRACT);

        JsonNode fargo = ok(alice.api("GET", TITLES + "/series/" + FakeTmdb.FARGO));

        assertThat(fargo.at("/ids/tvdb").asInt()).isEqualTo(FakeTmdb.FARGO_TVDB);
        assertThat(fargo.get("seasons")).hasSize(2);
        assertThat(fargo.at("/seasons/0/name").asText()).isEqualTo("Year 1");
        assertThat(fargo.at("/seasons/0/episodeCount").asInt()).isEqualTo(10);
        assertThat(fargo.at("/seasons/1/airDate").asText()).isEqualTo("2015-10-12");
        assertThat(fargo.at("/seasons/0/availability/hd").asText()).isEqualTo("not_requested");
        assertThat(fargo.at("/request/seasons").asBoolean()).isTrue();
        assertThat(fargo.at("/request/fourK").asBoolean()).isFalse();
        assertThat(fargo.at("/request/advanced").asBoolean()).isFalse();
        assertThat(fargo.at("/request/instances")).isEmpty();
        assertThat(ok(alice.api("GET", TITLES + "/series/tvdb-" + FakeTmdb.FARGO_TVDB)).get("title").asText())
                .as("a series known only by its TVDB id is found through TMDb").isEqualTo("Fargo");
    }

    @Test
    void a_book_comes_from_readarr_with_its_author_and_availability() {
        HttpSession alice = stack.signIn(DiscoverStack.MEMBER, CONTRACT);

        JsonNode messiah = ok(alice.api("GET", TITLES + "/book/" + FakeReadarr.MESSIAH_WORK));

        assertThat(messiah.get("title").asText()).isEqualTo("Dune Messiah");
        assertThat(messiah.get("makers").get(0).asText()).isEqualTo("Frank Herbert");
        assertThat(messiah.at("/availability/hd").asText()).isEqualTo("available");
        assertThat(messiah.at("/request/fourK").asBoolean()).isFalse();
    }

    @Test
    void someone_without_the_request_permission_sees_why_they_cannot_ask() {
        HttpSession viewer = stack.signIn(DiscoverStack.VIEWER, CONTRACT);

        JsonNode request = ok(viewer.api("GET", TITLES + "/movie/" + FakeTmdb.DUNE)).get("request");

        assertThat(request.get("allowed").asBoolean()).isFalse();
        assertThat(request.at("/blocked/code").asText()).isEqualTo("discover.request.no_permission");
        assertThat(request.at("/blocked/message").asText()).contains("Request movies and series");
    }

    @Test
    void wrong_addresses_and_words_are_answered_with_what_is_wrong() {
        HttpSession alice = stack.signIn(DiscoverStack.MEMBER, CONTRACT);

        assertThat(alice.rawApi("GET", TITLES + "/movie/not-a-number", null, null, Map.of()).errorCode()).isEqualTo("not_found");
        assertThat(alice.rawApi("GET", TITLES + "/film/1", null, null, Map.of()).errorCode()).isEqualTo("not_found");
        assertThat(alice.api("GET", TITLES + "/movie/1").errorCode()).as("TMDb does not know it").isEqualTo("not_found");
        Reply empty = alice.rawApi("GET", SEARCH + "?q=%20", null, null, Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().at("/error/details/q").asText()).contains("200 printable characters");
        assertThat(alice.rawApi("GET", SEARCH + "?q=Dune&type=music", null, null, Map.of()).json().at("/error/details/type").asText())
                .contains("movie, series or book");
        assertThat(alice.rawApi("GET", DISCOVER + "/trending?type=book", null, null, Map.of()).status()).isEqualTo(400);
        assertThat(alice.rawApi("GET", DISCOVER + "/weekly", null, null, Map.of()).status()).isEqualTo(404);
        assertThat(new HttpSession(stack.app.baseUrl(), CONTRACT).api("GET", SEARCH + "?q=Dune").errorCode()).isEqualTo("unauthenticated");
    }

    @Test
    void an_instance_that_is_down_takes_away_only_its_own_badges_and_is_named() throws Exception {
        HttpSession admin = stack.signIn("admin", CONTRACT);
        long adminId = stack.app.app().accounts().findByUsername("admin").orElseThrow().id();
        long stopped = stack.app.app().services().create(adminId, DiscoverStack.arr(ServiceKind.RADARR, "Radarr stopped",
                "http://127.0.0.1:" + LoopbackPorts.free(), false)).id();
        try {
            JsonNode found = ok(admin.api("GET", SEARCH + "?q=Dune&type=movie"));
            assertThat(found.at("/results/0/availability/hd").asText()).isEqualTo("available");
            // Refused connections are tried three times over 1.25 s (RemoteHttp), longer than a page waits: at first
            // the instance is "not answering in time", then, with its failure kept, "refused".
            assertThat(found.get("problems")).singleElement().satisfies(problem -> assertThat(problem.get("message").asText()).startsWith("Radarr stopped"));
            JsonNode later = Await.until(() -> ok(admin.api("GET", SEARCH + "?q=Dune&type=movie")),
                    answer -> answer.at("/problems/0/code").asText().equals("remote.unreachable"));
            assertThat(later.at("/results/0/availability/hd").asText()).isEqualTo("available");
            assertThat(later.get("problems")).singleElement().satisfies(problem -> {
                assertThat(problem.get("code").asText()).isEqualTo("remote.unreachable");
                assertThat(problem.get("message").asText()).startsWith("Radarr stopped at http://127.0.0.1:");
            });
        } finally {
            stack.app.app().services().delete(adminId, stopped);
        }
    }

    @Test
    void when_tmdb_cannot_answer_a_search_of_books_still_works_and_one_of_movies_says_why() throws Exception {
        HttpSession alice = stack.signIn(DiscoverStack.MEMBER, CONTRACT);
        long adminId = stack.app.app().accounts().findByUsername("admin").orElseThrow().id();
        var tmdb = stack.app.app().services().list(ServiceKind.TMDB).getFirst();
        String port = String.valueOf(LoopbackPorts.free());
        stack.app.app().services().update(adminId, tmdb.id(), dev.medianest.features.services.ServiceDraft.of(ServiceKind.TMDB, "TMDb",
                "http://127.0.0.1:" + port, Map.of(), Map.of(), true, false, false, 5));
        try {
            JsonNode mixed = ok(alice.api("GET", SEARCH + "?q=Dune%20Messiah"));
            assertThat(titles(mixed)).containsExactly("Dune", "Dune Messiah");
            assertThat(mixed.get("problems").get(0).get("message").asText()).startsWith("TMDb at http://127.0.0.1:" + port);
            Reply movies = alice.api("GET", SEARCH + "?q=Dune&type=movie");
            assertThat(movies.status()).isEqualTo(502);
            assertThat(movies.errorCode()).isEqualTo("remote_failed");
            assertThat(movies.json().at("/error/message").asText()).contains("refused the connection");
            assertThat(alice.api("GET", DISCOVER + "/popular").status()).isEqualTo(502);
            assertThat(alice.api("GET", TITLES + "/movie/" + FakeTmdb.DUNE).status()).as("answers kept from before are dropped with the change")
                    .isEqualTo(502);
        } finally {
            stack.app.app().services().update(adminId, tmdb.id(), dev.medianest.features.services.ServiceDraft.of(ServiceKind.TMDB, "TMDb",
                    stack.tmdb.baseUrl(), Map.of(), Map.of(), true, false, false, 5));
        }
    }

    private static JsonNode ok(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> titles(JsonNode answer) {
        JsonNode results = answer.has("results") ? answer.get("results") : answer;
        List<String> titles = new ArrayList<>();
        results.forEach(result -> titles.add(result.get("title").asText()));
        return titles;
    }
}
