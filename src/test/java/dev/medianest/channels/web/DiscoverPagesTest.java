package dev.medianest.channels.web;

import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestFilter;
import dev.medianest.features.requests.RequestState;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.FakeReadarr;
import dev.medianest.testing.FakeTmdb;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Discover and title pages over real HTTP, as a browser with and without htmx uses them:
 * charts, search, the title page and its request form, against fakes held to their specs.
 */
class DiscoverPagesTest {

    @TempDir
    static Path dataDir;

    @AutoClose("closeAfterCheckingSpecs")
    private static DiscoverStack stack;

    @BeforeAll
    static void start() {
        stack = new DiscoverStack(dataDir);
    }

    @Test
    void discover_shows_the_charts_with_posters_badges_and_links_to_each_title() {
        String page = member().get("/discover").body();

        assertThat(page).contains("<a href=\"/discover\" aria-current=\"page\">Discover</a>", "Trending movies", "Popular series",
                "Upcoming movies", "Series airing this week", "id=\"discover-q\"");
        assertThat(page).contains("href=\"/title/movie/" + FakeTmdb.DUNE + "\"", "href=\"/title/series/" + FakeTmdb.FARGO + "\"");
        assertThat(page).contains("src=\"https://image.tmdb.org/t/p/w342/d5NXSklXo0qyIYkgV94XAgMIckC.jpg\"");
        assertThat(page).contains("data-availability=\"available\"", "data-availability-4k=\"available\"");
        assertThat(page).doesNotContain("discover-no-source", "discover-problems");
    }

    @Test
    void search_without_javascript_is_a_plain_page_and_with_htmx_a_part_that_keeps_the_address_in_step() {
        HttpSession alice = member();

        String page = alice.get("/discover?q=Dune").body();
        assertThat(page).contains("<html", "Results for “Dune”", "value=\"Dune\"", "href=\"/title/book/" + FakeReadarr.DUNE_WORK + "\"");

        Reply part = alice.rawApi("GET", "/discover/search?q=Dune%20Messiah&type=book", null, null, Map.of("HX-Request", "true"));
        assertThat(part.status()).isEqualTo(200);
        assertThat(part.body()).doesNotContain("<html").contains("Dune Messiah", "data-availability=\"available\"");
        assertThat(part.header("HX-Replace-Url")).isEqualTo("/discover?q=Dune+Messiah&type=book");

        Reply nothing = alice.rawApi("GET", "/discover/search?q=", null, null, Map.of("HX-Request", "true"));
        assertThat(nothing.body()).doesNotContain("search-results");
        assertThat(nothing.header("HX-Replace-Url")).isEqualTo("/discover");
        assertThat(alice.get("/discover?q=nothing%20like%20it").body()).contains("Nothing found for “nothing like it”");
    }

    @Test
    void a_title_page_has_the_overview_cast_trailer_seasons_related_titles_and_the_request_form() {
        String fargo = member().get("/title/series/" + FakeTmdb.FARGO).body();

        assertThat(fargo).contains("<h1>Fargo <span class=\"muted\">(2014)</span></h1>", "A close-knit anthology", "TV-MA",
                "53 min per episode", "Noah Hawley", "Billy Bob Thornton", "id=\"trailer-link\"", "https://www.youtube.com/watch?v=eMZs6DDCwMk");
        assertThat(fargo).contains("id=\"season-1\"", "Year 1", "Year 2", "name=\"seasons\" value=\"future\"", "name=\"season\" value=\"2\"");
        assertThat(fargo).contains("Recommended", "Similar titles", "href=\"/title/series/46648\"");
        assertThat(fargo).as("no 4K Sonarr, so no choice of quality").doesNotContain("name=\"quality\" value=\"4k\"");
        assertThat(fargo).as("members choose no instance").doesNotContain("request-advanced");

        String dune = admin().get("/title/movie/" + FakeTmdb.DUNE).body();
        assertThat(dune).contains("PG-13", "155 min", "Denis Villeneuve", "name=\"quality\" value=\"4k\"", "id=\"request-advanced\"",
                "Radarr 4K (4K)", "hx-disabled-elt=");
        assertThat(dune).as("HD is there already, 4K is not").contains("id=\"request-form\"");
    }

    @Test
    void the_request_form_asks_once_however_often_it_is_sent_and_says_so_in_place() throws Exception {
        HttpSession alice = member();
        String action = "/title/movie/" + FakeTmdb.DUNE_PART_TWO + "/request";
        List<CompletableFuture<Reply>> clicks = List.of(
                CompletableFuture.supplyAsync(() -> alice.form(action, Map.of("quality", "hd"))),
                CompletableFuture.supplyAsync(() -> alice.form(action, Map.of("quality", "hd"))));
        List<Reply> replies = clicks.stream().map(CompletableFuture::join).toList();

        assertThat(replies).extracting(Reply::status).containsOnly(200);
        assertThat(replies).extracting(reply -> reply.body().contains("data-outcome=\"created\"")).containsExactlyInAnyOrder(true, false);
        assertThat(replies).extracting(reply -> reply.body().contains("data-outcome=\"joined\"")).containsExactlyInAnyOrder(false, true);
        List<MediaRequest> requests = stack.app.app().requests().list(principal(DiscoverStack.MEMBER), RequestFilter.everything()).requests().stream()
                .filter(request -> request.title().name().equals("Dune: Part Two")).toList();
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.state()).isEqualTo(RequestState.PENDING);
            assertThat(request.fourK()).isFalse();
            assertThat(request.title().poster()).isPresent();
        });

        Reply htmx = alice.rawApi("POST", action, "application/x-www-form-urlencoded", "quality=hd&_csrf=" + alice.csrf(),
                Map.of("HX-Request", "true"));
        assertThat(htmx.body()).doesNotContain("<html").contains("id=\"request-card\"", "data-outcome=\"joined\"",
                "id=\"title-badges\" hx-swap-oob=\"true\"", "data-availability=\"requested\"");
    }

    @Test
    void a_refused_request_says_why_and_keeps_what_was_chosen() {
        HttpSession alice = member();
        String action = "/title/series/" + FakeTmdb.FARGO + "/request";

        Reply fourK = alice.form(action, Map.of("quality", "4k", "seasons", "chosen", "season", "2"));
        assertThat(fourK.status()).isEqualTo(409);
        assertThat(fourK.body()).contains("data-outcome=\"error\"", "No Sonarr 4K is configured");
        assertThat(fourK.body()).contains("name=\"season\" value=\"2\" checked", "value=\"chosen\" checked");

        Reply none = alice.form(action, Map.of("quality", "hd", "seasons", "chosen"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("Tick at least one season");

        Reply htmx = alice.rawApi("POST", action, "application/x-www-form-urlencoded", "quality=4k&seasons=all&_csrf=" + alice.csrf(),
                Map.of("HX-Request", "true"));
        assertThat(htmx.status()).as("htmx swaps only 2xx answers").isEqualTo(200);
        assertThat(htmx.body()).contains("data-outcome=\"error\"", "No Sonarr 4K is configured");

        Reply viewer = stack.signIn(DiscoverStack.VIEWER, null).form(action, Map.of("quality", "hd"));
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.body()).contains("id=\"request-blocked\"", "Request movies and series");
    }

    @Test
    void the_advanced_options_come_live_from_the_chosen_instance_for_those_allowed_to_choose() {
        String options = admin().get("/title/movie/" + FakeTmdb.DUNE + "/options?serviceId=" + stack.radarr4kId + "&rootFolder=%2Fmovies").body();
        assertThat(options).contains("name=\"qualityProfileId\"", "HD-1080p", "Ultra-HD", "<option value=\"/movies\" selected>", "kids");

        Reply member = member().get("/title/movie/" + FakeTmdb.DUNE + "/options?serviceId=" + stack.radarrId);
        assertThat(member.status()).isEqualTo(403);
        assertThat(admin().get("/title/series/" + FakeTmdb.FARGO + "/options?serviceId=" + stack.radarrId).status())
                .as("a Radarr is no instance for a series").isEqualTo(404);

        HttpSession admin = admin();
        Reply asked = admin.form("/title/movie/" + FakeTmdb.DUNE + "/request", Map.of("quality", "4k", "serviceId", String.valueOf(stack.radarr4kId),
                "qualityProfileId", "5", "rootFolder", "/movies", "tag", "3"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
        assertThat(asked.body()).contains("data-outcome=\"created\"", "Requested and approved");
        MediaRequest request = stack.app.app().requests().list(principal("admin"), RequestFilter.everything()).requests().stream()
                .filter(found -> found.title().name().equals("Dune") && found.fourK()).findFirst().orElseThrow();
        assertThat(request.options().qualityProfileId()).contains(5);
        assertThat(request.options().rootFolder()).contains("/movies");
        assertThat(request.options().tags()).containsExactly(3);
        assertThat(request.serviceId().or(() -> request.options().serviceId())).contains(stack.radarr4kId);
    }

    @Test
    void a_title_nobody_knows_and_a_malformed_address_are_not_found() {
        HttpSession alice = member();
        assertThat(alice.get("/title/movie/1").status()).isEqualTo(404);
        assertThat(alice.get("/title/movie/tt").status()).isEqualTo(404);
        assertThat(alice.get("/title/music/5").status()).isEqualTo(404);
        assertThat(alice.get("/title/book/imdb-tt1160419").status()).isEqualTo(404);
    }

    private static HttpSession member() {
        return stack.signIn(DiscoverStack.MEMBER, null);
    }

    private static HttpSession admin() {
        return stack.signIn("admin", null);
    }

    private static dev.medianest.features.accounts.Principal principal(String username) {
        dev.medianest.features.accounts.User user = stack.app.app().accounts().findByUsername(username).orElseThrow();
        return new dev.medianest.features.accounts.Principal(user, user.isAdmin(), user.effectivePermissions(),
                new dev.medianest.features.accounts.Principal.SessionCredential("session", "csrf"));
    }
}
