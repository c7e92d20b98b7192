package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.Permission;
import dev.medianest.testing.Await;
import dev.medianest.testing.FakeArrLibrary;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.ServerSentEvents;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.medianest.channels.web.RequestApiTest.movie;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Requests page, a request's page, their forms, the live stream and the quota form of Users ›
 * Edit, over real HTTP against Radarr played by a library fake.
 */
class RequestPagesTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final AtomicInteger TITLES = new AtomicInteger(7000);
    private static final int DUNE_PART_TWO = 693134;

    @TempDir
    static Path dataDir;

    private static TestApp app;
    private static FakeArrLibrary radarr;

    @BeforeAll
    static void start() {
        radarr = FakeArrLibrary.radarr();
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "100000", "MEDIANEST_REQUESTS_QUOTA_MOVIES", "3"),
                MutableClock.startingNow());
        app.app().services().create(Accounts.CONSOLE, radarr.service("Radarr", false));
    }

    @AfterAll
    static void stop() {
        app.close();
        radarr.close();
        radarr.assertAllInSpec();
    }

    private static HttpSession member(String base) {
        return RequestApiTest.user(app, null, base + NAMES.incrementAndGet(), EnumSet.of(Permission.REQUEST));
    }

    private static HttpSession manager(String base) {
        return RequestApiTest.user(app, null, base + NAMES.incrementAndGet(), EnumSet.of(Permission.REQUEST, Permission.MANAGE_REQUESTS));
    }

    private static HttpSession admin() {
        HttpSession admin = new HttpSession(app.baseUrl(), null);
        assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
        return admin;
    }

    private static long ask(HttpSession who, String title) {
        Reply created = who.api("POST", "/api/v1/requests", movie(TITLES.incrementAndGet(), title));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().at("/request/id").asLong();
    }

    @Test
    void a_member_sees_their_own_requests_their_quota_and_nobody_elses() {
        HttpSession alice = member("alice");
        HttpSession bob = member("bob");
        long alices = ask(alice, "Paddington in Peru");
        long bobs = ask(bob, "The Wild Robot");

        String page = alice.get("/requests").body();
        assertThat(page).contains("href=\"/requests\"", "Paddington in Peru", "id=\"request-" + alices + "\"", "Pending",
                        "Movies: 1 of 3 in 7 days", "action=\"/requests/" + alices + "/cancel\"", "data-live=\"/live/requests?scope=mine\"")
                .doesNotContain("The Wild Robot", "id=\"bulk-form\"", "/approve\"", "id=\"request-" + bobs + "\"");
        assertThat(alice.get("/requests?scope=all&user=" + bobs).body()).as("a member cannot widen the view").doesNotContain("The Wild Robot");
        assertThat(alice.get("/requests/" + bobs).status()).isEqualTo(404);
        assertThat(alice.form("/requests/" + bobs + "/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(alice.form("/requests/" + bobs + "/approve", Map.of()).status()).isEqualTo(404);
        Reply own = alice.form("/requests/" + alices + "/approve", Map.of("return", "/requests"));
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.body()).contains("Paddington in Peru");

        String detail = alice.get("/requests/" + alices).body();
        assertThat(detail).contains("<h1>Paddington in Peru (2024)</h1>", "Timeline", "asked for it (Pending)",
                "data-live=\"/live/requests?id=" + alices + "\"");

        Reply cancelled = alice.form("/requests/" + alices + "/cancel", Map.of("return", "/requests/" + alices));
        assertThat(cancelled.status()).isEqualTo(303);
        assertThat(cancelled.header("location")).isEqualTo("/requests/" + alices + "?done=cancelled#request-" + alices);
        assertThat(alice.get("/requests/" + alices + "?done=cancelled").body()).contains("Your request was cancelled.", "Cancelled",
                "Pending \u2192 Cancelled");
        assertThat(alice.get("/requests?tab=closed").body()).contains("Paddington in Peru");
        assertThat(alice.get("/requests?tab=pending").body()).doesNotContain("Paddington in Peru").contains("No requests in this group.");
        Reply evil = alice.form("/requests/" + bobs + "/cancel", Map.of("return", "https://evil.example/"));
        assertThat(evil.status()).isEqualTo(404);
    }

    @Test
    void posters_show_only_from_the_artwork_hosts_the_content_security_policy_allows() {
        HttpSession hana = member("hana");
        Map<String, Object> tmdb = new java.util.LinkedHashMap<>(movie(TITLES.incrementAndGet(), "With a TMDb poster"));
        tmdb.put("posterUrl", "https://image.tmdb.org/t/p/w500/poster.jpg");
        Map<String, Object> elsewhere = new java.util.LinkedHashMap<>(movie(TITLES.incrementAndGet(), "With a poster from elsewhere"));
        elsewhere.put("posterUrl", "https://tracker.example/pixel.gif");
        assertThat(hana.api("POST", "/api/v1/requests", tmdb).status()).isEqualTo(201);
        assertThat(hana.api("POST", "/api/v1/requests", elsewhere).status()).isEqualTo(201);

        Reply page = hana.get("/requests");
        assertThat(page.body()).contains("<img src=\"https://image.tmdb.org/t/p/w500/poster.jpg\"").doesNotContain("tracker.example")
                .contains("class=\"poster-placeholder\"");
        assertThat(page.header("content-security-policy")).contains("img-src 'self' data: https://image.tmdb.org https://artworks.thetvdb.com");
    }

    @Test
    void a_manager_approves_declines_with_a_reason_and_works_in_bulk_from_the_page() {
        HttpSession carol = member("carol");
        HttpSession manager = manager("manager");
        long first = ask(carol, "Flow");
        long second = ask(carol, "Nosferatu");
        long third = ask(carol, "Conclave");

        String page = manager.get("/requests?type=movie&sort=oldest").body();
        assertThat(page).contains("Flow", "Nosferatu", "id=\"bulk-form\"", "action=\"/requests/" + first + "/approve\"",
                "name=\"return\" value=\"/requests?type=movie&amp;sort=oldest\"", "Requested by Carol");
        Reply approved = manager.form("/requests/" + first + "/approve", Map.of("return", "/requests?type=movie&sort=oldest"));
        assertThat(approved.status()).isEqualTo(303);
        assertThat(approved.header("location")).isEqualTo("/requests?type=movie&sort=oldest&done=approved#request-" + first);

        Reply tooLong = manager.form("/requests/" + second + "/decline", Map.of("reason", "x".repeat(501), "return", "/requests/" + second));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("A reason is at most 500 characters of text.", "<h1>Nosferatu (2024)</h1>");
        assertThat(manager.form("/requests/" + second + "/decline", Map.of("reason", "We have the 1922 one", "return", "/requests")).status())
                .isEqualTo(303);
        String detail = carol.get("/requests/" + second).body();
        assertThat(detail).contains("Declined", "Pending \u2192 Declined", "\u201cWe have the 1922 one\u201d");
        Reply conflict = manager.form("/requests/" + second + "/approve", Map.of("return", "/requests"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body()).contains("This request is declined now, so it cannot be approved.");

        Reply bulk = manager.rawApi("POST", "/requests/bulk", "application/x-www-form-urlencoded",
                "_csrf=" + URLEncoder.encode(manager.csrf(), StandardCharsets.UTF_8) + "&action=approve&ids=" + second + "&ids=" + third
                        + "&return=%2Frequests%3Ftab%3Dpending", Map.of());
        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.body()).contains("One request was approved.", "These were left as they were:",
                "Nosferatu (2024): This request is declined now, so it cannot be approved.");
        assertThat(manager.api("GET", "/api/v1/requests/" + third).json().get("state").asText()).isIn("approved", "processing");
        Reply none = manager.rawApi("POST", "/requests/bulk", "application/x-www-form-urlencoded",
                "_csrf=" + URLEncoder.encode(manager.csrf(), StandardCharsets.UTF_8) + "&action=decline&return=%2Frequests", Map.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("Choose between 1 and 200 requests.");
    }

    @Test
    void a_request_being_downloaded_shows_its_progress_and_one_that_cannot_be_sent_shows_why_and_when_it_is_tried_again() throws Exception {
        HttpSession dan = member("dan");
        HttpSession admin = admin();
        long dune = dan.api("POST", "/api/v1/requests", movie(DUNE_PART_TWO, "Dune: Part Two")).json().at("/request/id").asLong();
        long unknown = ask(dan, "A film nobody indexed");
        admin.api("POST", "/api/v1/requests/approve", Map.of("ids", List.of(dune, unknown)));
        app.app().requestDispatcher().sendDue();
        Await.until(() -> dan.api("GET", "/api/v1/requests/" + dune).json().get("state").asText(), "processing"::equals);
        radarr.downloading(DUNE_PART_TWO, 0.4);
        app.app().requestDispatcher().reconcile();

        String page = Await.until(() -> dan.get("/requests").body(), body -> body.contains("40.0 %") && body.contains("Next attempt at"));
        assertThat(page).contains("Processing", "<progress id=\"progress-" + dune + "\" max=\"100\" value=\"40\"", "0 of 1 files on disk");
        JsonNode waiting = dan.api("GET", "/api/v1/requests/" + unknown).json();
        assertThat(page).contains(waiting.at("/lastError/message").asText().replace("\"", "&#34;"));
    }

    @Test
    void the_live_stream_sends_a_members_changed_row_and_never_someone_elses_request() throws Exception {
        HttpSession erin = member("erin");
        HttpSession frank = member("frank");
        HttpSession manager = manager("boss");
        long erins = ask(erin, "Erin's Wicked");
        HttpClient client = HttpClient.newHttpClient();
        try {
            ServerSentEvents list = stream(client, erin, "/live/requests?scope=mine");
            String first = list.next();
            assertThat(first).startsWith("event: swap").contains("id=\"request-quota\"", "id=\"request-list\"", "Erin&#39;s Wicked");
            ServerSentEvents detail = stream(client, erin, "/live/requests?id=" + erins);
            assertThat(detail.next()).contains("id=\"request-detail\"", "asked for it (Pending)");

            long franks = ask(frank, "Frank's Gladiator II");
            assertThat(manager.api("POST", "/api/v1/requests/" + franks + "/decline", Map.of()).status()).isEqualTo(200);
            assertThat(manager.api("POST", "/api/v1/requests/" + erins + "/decline", Map.of("reason", "Not on this server")).status())
                    .isEqualTo(200);
            String changed = list.next();
            assertThat(changed).as("frank's request is never sent to erin's page").doesNotContain("Gladiator");
            assertThat(changed).contains("id=\"request-" + erins + "\"", "Declined").doesNotContain("id=\"request-list\"");
            assertThat(detail.next()).contains("id=\"request-detail\"", "\u201cNot on this server\u201d");

            long another = ask(erin, "Erin's Moana 2");
            String grown = list.next();
            assertThat(grown).as("a new request changes the list, so the whole list comes").contains("id=\"request-list\"",
                    "id=\"request-" + another + "\"", "Movies: 1 of 3 in 7 days").doesNotContain("Gladiator");
        } finally {
            client.shutdownNow();
        }
        assertThat(erin.rawApi("GET", "/live/requests", null, null, Map.of()).status()).as("only EventSource gets a stream").isEqualTo(406);
        assertThat(new HttpSession(app.baseUrl(), null).rawApi("GET", "/live/requests", null, null, Map.of("Accept", "text/event-stream"))
                .status()).as("signed out: a 401 ends an EventSource cleanly").isEqualTo(401);
    }

    @Test
    void an_admin_sets_a_persons_quota_on_users_edit_with_clear_validation() {
        HttpSession gina = member("gina");
        HttpSession admin = admin();
        long ginaId = gina.api("GET", "/api/v1/me").json().get("id").asLong();

        String edit = admin.get("/admin/users/" + ginaId).body();
        assertThat(edit).contains("Request quota", "action=\"/admin/users/" + ginaId + "/quota\"", "Empty: the default, 3 (0 means no limit).",
                "Movies: 0 of 3 in 7 days");
        Reply wrong = admin.form("/admin/users/" + ginaId + "/quota", Map.of("quotaMovies", "many", "quotaSeasons", "", "quotaBooks", "-1",
                "quotaDays", "400"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("The quota was not saved: correct the fields marked below.",
                "Enter a whole number from 0 (no limit) to 10000, or leave it empty for the default.",
                "Enter a number of days from 1 to 365, or leave it empty for the default.", "value=\"many\"", "value=\"400\"",
                "id=\"quotaMovies-error\"", "id=\"quotaBooks-error\"", "id=\"quotaDays-error\"").doesNotContain("id=\"quotaSeasons-error\"");

        Reply saved = admin.form("/admin/users/" + ginaId + "/quota", Map.of("quotaMovies", "1", "quotaSeasons", "", "quotaBooks", "0",
                "quotaDays", "30"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(admin.get(saved.header("location")).body()).contains("The quota was saved.", "value=\"1\"", "value=\"30\"",
                "Movies: 0 of 1 in 30 days");
        ask(gina, "Gina's one film");
        assertThat(gina.get("/requests").body()).contains("Movies: 1 of 1 in 30 days", "the next one fits after");
        Reply refused = gina.api("POST", "/api/v1/requests", movie(TITLES.incrementAndGet(), "One too many"));
        assertThat(refused.errorCode()).isEqualTo("quota_exceeded");
        assertThat(gina.form("/admin/users/" + ginaId + "/quota", Map.of("quotaMovies", "100")).header("location"))
                .as("a member is sent home").isEqualTo("/?notice=forbidden");
        assertThat(admin.api("GET", "/api/v1/users/" + ginaId + "/quota").json().at("/override/movies").asInt()).isEqualTo(1);
    }

    private static ServerSentEvents stream(HttpClient client, HttpSession who, String path) throws Exception {
        return ServerSentEvents.open(client, app.baseUrl(), path, who.cookie("mn_session").orElseThrow());
    }
}
