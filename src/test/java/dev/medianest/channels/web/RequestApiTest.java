package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.testing.Await;
import dev.medianest.testing.FakeArrLibrary;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.OpenApiContract;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/requests} and the quota endpoints over real HTTP, with Radarr and Sonarr played by
 * library fakes held to their specs; every request and response is held against openapi.json, and
 * the suite fails if one of these operations is never exercised.
 */
class RequestApiTest {

    /** The parts of openapi.json this suite covers (JsonApiTest covers the rest). */
    static final String[] PATHS = {"/api/v1/requests", "/api/v1/me/quota", "/api/v1/users/{id}/quota"};

    static final String PASSWORD = "a long enough password";
    private static final OpenApiContract CONTRACT = new OpenApiContract();
    private static final AtomicInteger TITLES = new AtomicInteger(5000);
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dataDir;

    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static TestApp app;
    private static FakeArrLibrary radarr;
    private static FakeArrLibrary sonarr;

    @BeforeAll
    static void start() {
        radarr = FakeArrLibrary.radarr();
        sonarr = FakeArrLibrary.sonarr();
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "100000",
                "MEDIANEST_REQUESTS_QUOTA_MOVIES", "2", "MEDIANEST_REQUESTS_QUOTA_BOOKS", "0", "MEDIANEST_REQUESTS_QUOTA_DAYS", "7"), CLOCK);
        app.app().services().create(Accounts.CONSOLE, radarr.service("Radarr", false));
        app.app().services().create(Accounts.CONSOLE, sonarr.service("Sonarr", false));
    }

    @AfterAll
    static void stop() {
        app.close();
        radarr.close();
        sonarr.close();
        for (String path : PATHS) {
            assertThat(CONTRACT.unexercisedUnder(path)).as("request operations of openapi.json no test called").isEmpty();
        }
        radarr.assertAllInSpec();
        sonarr.assertAllInSpec();
    }

    /** A new account with these permissions, signed in. */
    static HttpSession user(TestApp app, OpenApiContract contract, String name, Set<Permission> permissions) {
        app.app().accounts().create(Accounts.CONSOLE, new NewUser(name, name.substring(0, 1).toUpperCase() + name.substring(1), PASSWORD,
                Role.USER, permissions, false, Optional.empty()));
        HttpSession session = new HttpSession(app.baseUrl(), contract);
        assertThat(session.signIn(name, PASSWORD).status()).isEqualTo(200);
        return session;
    }

    private static HttpSession member(String base) {
        return user(app, CONTRACT, base + NAMES.incrementAndGet(), EnumSet.of(Permission.REQUEST));
    }

    private static HttpSession manager(String base) {
        return user(app, CONTRACT, base + NAMES.incrementAndGet(), EnumSet.of(Permission.REQUEST, Permission.MANAGE_REQUESTS));
    }

    private static HttpSession admin() {
        HttpSession admin = new HttpSession(app.baseUrl(), CONTRACT);
        assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
        return admin;
    }

    static Map<String, Object> movie(int tmdbId, String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "movie");
        body.put("ids", Map.of("tmdb", tmdbId));
        body.put("title", title);
        body.put("year", 2024);
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static long ask(HttpSession who, String title) {
        Reply created = who.api("POST", "/api/v1/requests", movie(TITLES.incrementAndGet(), title));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().at("/request/id").asLong();
    }

    @Test
    void asking_twice_for_one_title_makes_one_request_and_the_second_answer_says_joined() throws Exception {
        HttpSession alice = member("alice");
        int tmdbId = TITLES.incrementAndGet();
        Map<String, Object> body = movie(tmdbId, "Arrival");
        Reply first = alice.api("POST", "/api/v1/requests", body);
        Reply second = alice.api("POST", "/api/v1/requests", body);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("joined").asBoolean()).isFalse();
        JsonNode request = first.json().get("request");
        assertThat(request.get("state").asText()).isEqualTo("pending");
        assertThat(request.get("type").asText()).isEqualTo("movie");
        assertThat(request.at("/ids/tmdb").asInt()).isEqualTo(tmdbId);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("joined").asBoolean()).isTrue();
        assertThat(second.json().at("/request/id").asLong()).isEqualTo(request.get("id").asLong());
        assertThat(alice.api("GET", "/api/v1/requests").json().get("total").asInt()).isEqualTo(1);

        // Two at the same moment still make one request: the title is locked while one is written.
        HttpSession bob = member("bob");
        HttpSession carol = member("carol");
        Map<String, Object> same = movie(TITLES.incrementAndGet(), "Contact");
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            List<Future<Reply>> replies = both.invokeAll(List.<Callable<Reply>>of(() -> bob.api("POST", "/api/v1/requests", same),
                    () -> carol.api("POST", "/api/v1/requests", same)));
            assertThat(List.of(replies.get(0).get().status(), replies.get(1).get().status())).containsExactlyInAnyOrder(201, 200);
            long id = replies.get(0).get().json().at("/request/id").asLong();
            assertThat(replies.get(1).get().json().at("/request/id").asLong()).isEqualTo(id);
            assertThat(admin().api("GET", "/api/v1/requests/" + id).json().get("requesters")).as("both asked for it").hasSize(2);
        } finally {
            both.shutdownNow();
        }
    }

    @Test
    void a_member_sees_and_acts_on_only_their_own_requests_and_others_are_not_found() {
        HttpSession alice = member("alice");
        HttpSession bob = member("bob");
        HttpSession manager = manager("manager");
        long alices = ask(alice, "Alice's film");
        long bobs = ask(bob, "Bob's film");

        assertThat(bob.api("GET", "/api/v1/requests/" + alices).errorCode()).isEqualTo("not_found");
        assertThat(bob.api("POST", "/api/v1/requests/" + alices + "/approve", Map.of()).errorCode()).isEqualTo("not_found");
        assertThat(bob.api("POST", "/api/v1/requests/" + alices + "/decline", Map.of("reason", "no")).errorCode()).isEqualTo("not_found");
        assertThat(bob.api("POST", "/api/v1/requests/" + alices + "/cancel").errorCode()).isEqualTo("not_found");
        assertThat(bob.rawApi("POST", "/api/v1/requests/" + bobs + "/approve", null, null, Map.of()).status())
                .as("a member may not approve even their own").isEqualTo(403);
        assertThat(bob.api("POST", "/api/v1/requests/approve", Map.of("ids", List.of(alices, bobs))).status()).isEqualTo(403);
        JsonNode bobsList = bob.api("GET", "/api/v1/requests?scope=all").json();
        assertThat(bobsList.get("items")).extracting(item -> item.get("id").asLong()).containsExactly(bobs);

        JsonNode everyone = manager.api("GET", "/api/v1/requests?scope=all&limit=200").json();
        assertThat(everyone.get("items")).extracting(item -> item.get("id").asLong()).contains(alices, bobs);
        assertThat(manager.api("GET", "/api/v1/requests?scope=mine").json().get("total").asInt()).isZero();
        JsonNode detail = manager.api("GET", "/api/v1/requests/" + alices).json();
        assertThat(detail.at("/requesters/0/username").asText()).startsWith("alice");
        assertThat(detail.get("timeline")).singleElement().satisfies(step -> {
            assertThat(step.get("from").isNull()).isTrue();
            assertThat(step.get("to").asText()).isEqualTo("pending");
        });
        assertThat(manager.api("GET", "/api/v1/requests/999999").errorCode()).isEqualTo("not_found");
        assertThat(manager.api("GET", "/api/v1/requests/nonsense").errorCode()).isEqualTo("not_found");
    }

    @Test
    void a_manager_approves_with_options_declines_with_a_reason_and_conflicts_are_409() {
        HttpSession alice = member("alice");
        HttpSession manager = manager("manager");
        long first = ask(alice, "First");
        long second = ask(alice, "Second");

        Reply approved = manager.api("POST", "/api/v1/requests/" + first + "/approve", Map.of("qualityProfileId", 5, "tags", List.of(3)));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("state").asText()).isEqualTo("approved");
        assertThat(approved.json().at("/options/qualityProfileId").asInt()).isEqualTo(5);
        Reply again = manager.api("POST", "/api/v1/requests/" + first + "/approve", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("request_state_conflict");
        assertThat(again.json().at("/error/message").asText()).contains("cannot be approved");

        Reply tooLong = manager.invalidApi("POST", "/api/v1/requests/" + second + "/decline", Map.of("reason", "x".repeat(501)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().at("/error/details/reason").asText()).contains("500 characters");
        Reply declined = manager.api("POST", "/api/v1/requests/" + second + "/decline", Map.of("reason", "We already have it on Blu-ray"));
        assertThat(declined.json().get("state").asText()).isEqualTo("declined");
        JsonNode timeline = alice.api("GET", "/api/v1/requests/" + second).json().get("timeline");
        assertThat(timeline.get(timeline.size() - 1).get("reasonText").asText()).isEqualTo("We already have it on Blu-ray");
        assertThat(timeline.get(timeline.size() - 1).get("actorName").asText()).startsWith("manager");
        assertThat(alice.api("POST", "/api/v1/requests/" + second + "/cancel").errorCode()).isEqualTo("request_state_conflict");
        assertThat(manager.rawApi("POST", "/api/v1/requests/" + second + "/decline", null, null, Map.of()).errorCode())
                .as("no body at all is no reason").isEqualTo("request_state_conflict");

        long third = ask(alice, "Third, withdrawn");
        Reply cancelled = alice.api("POST", "/api/v1/requests/" + third + "/cancel");
        assertThat(cancelled.json().get("state").asText()).isEqualTo("cancelled");
        Reply russian = alice.rawApi("POST", "/api/v1/requests/" + third + "/cancel", null, null, Map.of("Accept-Language", "ru"));
        assertThat(russian.status()).isEqualTo(409);
        assertThat(russian.json().at("/error/message").asText()).contains("отменён");
    }

    @Test
    void bulk_actions_answer_for_each_request_and_refuse_an_empty_list() {
        HttpSession alice = member("alice");
        HttpSession admin = admin();
        long one = ask(alice, "Bulk one");
        long two = ask(alice, "Bulk two");
        long declined = ask(member("bea"), "Bulk declined");
        assertThat(admin.api("POST", "/api/v1/requests/" + declined + "/decline", Map.of()).status()).isEqualTo(200);

        JsonNode results = admin.api("POST", "/api/v1/requests/approve", Map.of("ids", List.of(one, declined, 999_999))).json().get("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("ok").asBoolean()).isTrue();
        assertThat(results.get(0).at("/request/state").asText()).isEqualTo("approved");
        assertThat(results.get(1).at("/error/code").asText()).isEqualTo("request_state_conflict");
        assertThat(results.get(1).get("request").isNull()).isTrue();
        assertThat(results.get(2).at("/error/code").asText()).isEqualTo("not_found");

        JsonNode declinedNow = admin.api("POST", "/api/v1/requests/decline", Map.of("ids", List.of(two), "reason", "Not this year"))
                .json().get("results");
        assertThat(declinedNow.get(0).at("/request/state").asText()).isEqualTo("declined");

        Reply empty = admin.invalidApi("POST", "/api/v1/requests/approve", Map.of("ids", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().at("/error/details/ids").asText()).isEqualTo("Choose between 1 and 200 requests.");
        assertThat(admin.invalidApi("POST", "/api/v1/requests/decline", Map.of()).json().at("/error/details/ids").asText())
                .isEqualTo("This is required.");
        assertThat(admin.invalidApi("POST", "/api/v1/requests/decline", Map.of("ids", List.of("one"))).json().at("/error/details/ids").asText())
                .isEqualTo("This must be a list of whole numbers.");
    }

    @Test
    void every_mistake_in_a_request_names_its_field() {
        HttpSession alice = member("alice");
        Map<String, Object> good = movie(TITLES.incrementAndGet(), "Good");

        assertThat(details(alice.rawApi("POST", "/api/v1/requests", "application/json", "{\"type\":\"movie\",\"ids\":{\"tmdb\":5,\"tvdb\":7,\"isbn\":1},"
                + "\"title\":\"T\",\"colour\":\"red\",\"options\":{\"folder\":\"/x\"}}", Map.of())))
                .containsOnlyKeys("ids.isbn", "colour", "options.folder");
        assertThat(details(alice.invalidApi("POST", "/api/v1/requests", with(good, "ids", Map.of("tmdb", 0)))))
                .containsEntry("ids.tmdb", "An id is a whole number from 1 to 2147483647.")
                .containsEntry("ids", "A movie request needs the TMDb id (ids.tmdb).");
        assertThat(details(alice.invalidApi("POST", "/api/v1/requests", with(good, "ids", Map.of("tmdb", "5"))))).containsKey("ids.tmdb");
        assertThat(details(alice.api("POST", "/api/v1/requests", with(good, "ids", Map.of("tvdb", 5)))))
                .containsEntry("ids", "A movie request needs the TMDb id (ids.tmdb).");
        assertThat(details(alice.api("POST", "/api/v1/requests", with(good, "ids", Map.of("tmdb", 5, "imdb", "nm123"))))).containsKey("ids.imdb");
        assertThat(details(alice.api("POST", "/api/v1/requests", with(good, "seasons", Map.of("mode", "chosen", "numbers", List.of(1))))))
                .containsEntry("seasons", "Only a series has seasons to choose; leave seasons out for movies and books.");
        assertThat(details(alice.api("POST", "/api/v1/requests", Map.of("type", "book", "ids", Map.of("goodreads", 4671), "title", "Gatsby",
                "fourK", true)))).containsEntry("fourK", "Books have no 4K edition; leave fourK out or false.");
        assertThat(details(alice.invalidApi("POST", "/api/v1/requests", Map.of("type", "film", "ids", Map.of("tmdb", 5), "title", " "))))
                .containsEntry("type", "Use movie, series or book.").containsKey("title");
        assertThat(details(alice.invalidApi("POST", "/api/v1/requests", Map.of("title", "No type")))).containsKeys("type", "ids");
        assertThat(details(alice.api("POST", "/api/v1/requests", Map.of("type", "series", "ids", Map.of("tvdb", 280619), "title", "The Expanse",
                "seasons", Map.of("mode", "chosen"))))).containsEntry("seasons.numbers", "Name at least one season when the mode is chosen.");
        assertThat(details(alice.invalidApi("POST", "/api/v1/requests", Map.of("type", "series", "ids", Map.of("tvdb", 280619), "title", "The Expanse",
                "seasons", Map.of("mode", "some", "numbers", List.of(999)))))).containsKeys("seasons.mode", "seasons.numbers");
        assertThat(details(alice.invalidApi("POST", "/api/v1/requests", with(good, "year", 99)))).containsKey("year");
        assertThat(details(alice.api("POST", "/api/v1/requests", with(good, "posterUrl", "javascript:alert(1)")))).containsKey("posterUrl");
        assertThat(details(alice.invalidApi("POST", "/api/v1/requests", with(good, "options", Map.of("qualityProfileId", -1, "tags", List.of(0))))))
                .containsKeys("options.qualityProfileId", "options.tags");

        assertThat(alice.rawApi("POST", "/api/v1/requests", "application/json", "{\"type\":", Map.of()).errorCode()).isEqualTo("malformed_json");
        assertThat(alice.rawApi("POST", "/api/v1/requests", "text/plain", "type=movie", Map.of()).status()).isEqualTo(415);
        assertThat(details(alice.rawApi("GET", "/api/v1/requests?state=pending,lost&type=film&sort=best&limit=500&scope=theirs", null, null, Map.of())))
                .containsOnlyKeys("state", "type", "sort", "limit", "scope");
        assertThat(alice.api("GET", "/api/v1/requests").json().get("total").asInt()).as("nothing was made by the refused attempts").isZero();
        assertThat(details(alice.api("POST", "/api/v1/requests", with(good, "options", Map.of("serviceId", 1)))))
                .as("options need the request_advanced permission").containsKey("options");
    }

    @Test
    void series_seasons_and_a_4k_request_without_a_4k_instance() {
        HttpSession viewer = user(app, CONTRACT, "viewer" + NAMES.incrementAndGet(), EnumSet.of(Permission.REQUEST, Permission.REQUEST_4K));
        Reply series = viewer.api("POST", "/api/v1/requests", Map.of("type", "series", "ids", Map.of("tvdb", 280619, "tmdb", 63639),
                "title", "The Expanse", "seasons", Map.of("mode", "chosen", "numbers", List.of(3, 1)), "seasonCount", 6));
        assertThat(series.status()).as(series.body()).isEqualTo(201);
        assertThat(series.json().at("/request/seasons/numbers").toString()).isEqualTo("[1,3]");
        assertThat(series.json().at("/request/seasons/mode").asText()).isEqualTo("chosen");

        Reply fourK = viewer.api("POST", "/api/v1/requests", with(movie(TITLES.incrementAndGet(), "In 4K"), "fourK", true));
        assertThat(fourK.status()).isEqualTo(409);
        assertThat(fourK.errorCode()).isEqualTo("no_suitable_service");
        assertThat(fourK.json().at("/error/message").asText()).contains("Radarr 4K", "Settings › Services");
        assertThat(member("plain").api("POST", "/api/v1/requests", with(movie(TITLES.incrementAndGet(), "In 4K"), "fourK", true)).json()
                .at("/error/details/fourK").asText()).contains("4K");
    }

    @Test
    void the_quota_refuses_past_it_with_the_retry_time_and_an_admin_override_lifts_it() {
        HttpSession dora = member("dora");
        HttpSession admin = admin();
        long doraId = dora.api("GET", "/api/v1/me").json().get("id").asLong();
        ask(dora, "Quota one");
        ask(dora, "Quota two");

        Reply refused = dora.api("POST", "/api/v1/requests", movie(TITLES.incrementAndGet(), "Quota three"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("quota_exceeded");
        Instant retryAt = Instant.parse(refused.json().at("/error/details/retryAt").asText());
        assertThat(retryAt).isBetween(CLOCK.instant().plus(Duration.ofDays(7)).minusSeconds(5), CLOCK.instant().plus(Duration.ofDays(7)));
        assertThat(refused.json().at("/error/message").asText()).contains("2 movies in 7 days")
                .contains(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC).format(retryAt));

        JsonNode movies = standing(dora.api("GET", "/api/v1/me/quota").json(), "movie");
        assertThat(movies.get("used").asInt()).isEqualTo(2);
        assertThat(movies.get("remaining").asInt()).isZero();
        assertThat(Instant.parse(movies.get("nextFreeAt").asText())).isEqualTo(retryAt);
        assertThat(standing(dora.api("GET", "/api/v1/me/quota").json(), "book").get("unlimited").asBoolean()).isTrue();

        assertThat(dora.api("GET", "/api/v1/users/" + doraId + "/quota").status()).isEqualTo(403);
        Reply lifted = admin.api("PUT", "/api/v1/users/" + doraId + "/quota", Map.of("movies", 5));
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
        assertThat(lifted.json().at("/override/movies").asInt()).isEqualTo(5);
        assertThat(lifted.json().at("/override/days").isNull()).isTrue();
        assertThat(lifted.json().at("/effective/days").asInt()).isEqualTo(7);
        assertThat(lifted.json().at("/defaults/movies").asInt()).isEqualTo(2);
        assertThat(dora.api("POST", "/api/v1/requests", movie(TITLES.incrementAndGet(), "Quota three")).status()).isEqualTo(201);
        assertThat(admin.api("GET", "/api/v1/users/" + doraId + "/quota").json().at("/standing/0/used").asInt()).isEqualTo(3);

        assertThat(details(admin.invalidApi("PUT", "/api/v1/users/" + doraId + "/quota", Map.of("days", 0, "books", 10_001))))
                .containsEntry("days", "Enter a number of days from 1 to 365, or leave it empty for the default.").containsKey("books");
        assertThat(details(admin.rawApi("PUT", "/api/v1/users/" + doraId + "/quota", "application/json", "{\"films\":3}", Map.of())))
                .containsOnlyKeys("films");
        assertThat(admin.api("PUT", "/api/v1/users/999999/quota", Map.of("movies", 1)).errorCode()).isEqualTo("not_found");
        assertThat(admin.api("GET", "/api/v1/users/999999/quota").errorCode()).isEqualTo("not_found");
        Reply cleared = admin.api("PUT", "/api/v1/users/" + doraId + "/quota", Map.of());
        assertThat(cleared.json().at("/override/movies").isNull()).isTrue();
    }

    @Test
    void an_approved_request_goes_to_radarr_and_one_radarr_does_not_know_waits_with_the_reason() throws Exception {
        HttpSession erin = member("erin");
        HttpSession admin = admin();
        Reply known = erin.api("POST", "/api/v1/requests", movie(693134, "Dune: Part Two"));
        long duneId = known.json().at("/request/id").asLong();
        long unknown = ask(erin, "A film TMDb never heard of");

        admin.api("POST", "/api/v1/requests/approve", Map.of("ids", List.of(duneId, unknown)));
        app.app().requestDispatcher().sendDue();

        JsonNode dune = Await.until(() -> erin.api("GET", "/api/v1/requests/" + duneId).json(), node -> node.get("state").asText().equals("processing"));
        assertThat(dune.get("libraryId").isNull()).isFalse();
        assertThat(dune.get("timeline")).extracting(step -> step.get("to").asText()).containsSubsequence("pending", "approved", "processing");
        JsonNode waiting = Await.until(() -> erin.api("GET", "/api/v1/requests/" + unknown).json(), node -> !node.get("lastError").isNull());
        assertThat(waiting.get("state").asText()).isEqualTo("approved");
        assertThat(waiting.get("attempts").asInt()).isPositive();
        assertThat(waiting.get("nextAttemptAt").isNull()).isFalse();
        assertThat(waiting.at("/lastError/message").asText()).isNotBlank().doesNotStartWith("[");
    }

    private static JsonNode standing(JsonNode quota, String type) {
        for (JsonNode item : quota.get("items")) {
            if (item.get("type").asText().equals(type)) {
                return item;
            }
        }
        throw new AssertionError("no standing for " + type + " in " + quota);
    }

    private static Map<String, String> details(Reply reply) {
        assertThat(reply.errorCode()).as(reply.body()).isIn("validation_failed", "forbidden");
        assertThat(reply.status()).as(reply.body()).isEqualTo(reply.errorCode().equals("validation_failed") ? 400 : 403);
        Map<String, String> details = new LinkedHashMap<>();
        reply.json().at("/error/details").properties().forEach(entry -> details.put(entry.getKey(), entry.getValue().asText()));
        return details;
    }
}
