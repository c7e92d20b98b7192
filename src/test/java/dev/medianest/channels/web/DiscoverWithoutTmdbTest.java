package dev.medianest.channels.web;

import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.testing.Await;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.FakeRadarr;
import dev.medianest.testing.Fixtures;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.SpecFake;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Discover with no metadata source at all, and with only the Radarr lookup standing in for TMDb. */
class DiscoverWithoutTmdbTest {

    private static final String EMPTY_QUEUE = "{\"page\":1,\"pageSize\":100,\"sortKey\":\"timeleft\",\"sortDirection\":\"ascending\",\"totalRecords\":0,\"records\":[]}";

    @TempDir
    Path dataDir;

    @Test
    void with_no_source_discover_says_what_to_add_and_where_and_the_api_names_the_missing_source() {
        try (TestApp app = TestApp.start(dataDir, Map.of(), MutableClock.startingNow())) {
            HttpSession admin = signIn(app, "admin", TestApp.ADMIN_PASSWORD);
            String page = admin.get("/discover").body();
            assertThat(page).contains("id=\"discover-no-source\"", "href=\"/settings/services\"", "TMDb");
            assertThat(page).as("nothing to search with").doesNotContain("id=\"discover-q\"");

            app.app().accounts().create(Accounts.CONSOLE, new NewUser("mia", "Mia", "a long enough password", Role.USER,
                    EnumSet.of(Permission.REQUEST), false, Optional.empty()));
            HttpSession member = signIn(app, "mia", "a long enough password");
            assertThat(member.get("/discover").body()).contains("Ask an admin to add TMDb, Radarr or Sonarr")
                    .doesNotContain("href=\"/settings/services\"");

            for (String path : List.of("/api/v1/search?q=Dune", "/api/v1/discover/trending", "/api/v1/titles/movie/438631")) {
                Reply reply = member.api("GET", path);
                assertThat(reply.status()).as(path).isEqualTo(409);
                assertThat(reply.errorCode()).isEqualTo("no_metadata_source");
                assertThat(reply.json().at("/error/message").asText()).contains("Settings › Services");
            }
            Reply title = member.get("/title/movie/438631");
            assertThat(title.status()).isEqualTo(409);
            assertThat(title.body()).contains("no metadata source is configured");
        }
    }

    @Test
    void with_only_the_radarr_lookup_search_and_title_pages_work_and_the_charts_say_they_need_tmdb() throws Exception {
        try (SpecFake radarr = SpecFake.start("radarr-v3.openapi.json", routes -> {
            routes.get("/api/v3/system/status", ctx -> ctx.json(FakeRadarr.STATUS));
            routes.get("/api/v3/health", ctx -> ctx.json(List.of()));
            routes.get("/api/v3/diskspace", ctx -> ctx.json(List.of()));
            routes.get("/api/v3/movie/lookup", Fixtures.answer("radarr/movie-lookup-dune.json"));
            routes.get("/api/v3/movie", ctx -> ctx.contentType("application/json").result("[" + Fixtures.text("radarr/movie-dune-2021.json") + "]"));
            routes.get("/api/v3/queue", ctx -> ctx.contentType("application/json").result(EMPTY_QUEUE));
        }); TestApp app = TestApp.start(dataDir, Map.of(), MutableClock.startingNow())) {
            long adminId = app.app().accounts().findByUsername("admin").orElseThrow().id();
            app.app().services().create(adminId, DiscoverStack.arr(ServiceKind.RADARR, "Radarr", radarr.baseUrl(), false));
            HttpSession admin = signIn(app, "admin", TestApp.ADMIN_PASSWORD);

            String page = admin.get("/discover").body();
            assertThat(page).contains("id=\"discover-search-only\"", "id=\"discover-q\"").doesNotContain("Trending movies", "discover-no-source");

            // The first search may come before Radarr's library was read; the badge is there once it has been.
            String results = Await.until(() -> admin.get("/discover?q=Dune").body(), body -> body.contains("data-availability=\"available\""));
            assertThat(results).contains("href=\"/title/movie/438631\"", "href=\"/title/movie/693134\"", "data-availability=\"available\"");

            Reply chart = admin.api("GET", "/api/v1/discover/trending");
            assertThat(chart.status()).isEqualTo(200);
            assertThat(chart.json().get("results")).isEmpty();
            assertThat(chart.json().at("/problems/0/code").asText()).isEqualTo("discover.charts_need_tmdb");

            String title = admin.get("/title/movie/438631").body();
            assertThat(title).contains("<h1>Dune <span class=\"muted\">(2021)</span></h1>", "id=\"request-card\"");
            radarr.assertAllInSpec();
        }
    }

    private static HttpSession signIn(TestApp app, String username, String password) {
        HttpSession session = new HttpSession(app.baseUrl(), null);
        assertThat(session.signIn(username, password).status()).isEqualTo(200);
        return session;
    }
}
