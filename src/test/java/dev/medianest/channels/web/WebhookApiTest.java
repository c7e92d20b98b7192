package dev.medianest.channels.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.App;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.events.DomainEvent;
import dev.medianest.features.events.RequestChanged;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestDraft;
import dev.medianest.features.requests.RequestOptions;
import dev.medianest.features.requests.RequestState;
import dev.medianest.features.requests.RequestedTitle;
import dev.medianest.features.requests.SeasonChoice;
import dev.medianest.features.requests.Webhooks;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.testing.FakeArrLibrary;
import dev.medianest.testing.FakeSeerr;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.Requesters;
import dev.medianest.testing.OpenApiContract;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.medianest.testing.Requesters.approvedAndSent;
import static dev.medianest.testing.Requesters.movie;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Radarr, Sonarr and Seerr calling their webhooks on a real MediaNest (SQLite), with the *arr apps and
 * Seerr played by fakes held to their specs, and every call held to MediaNest's openapi.json.
 */
class WebhookApiTest {

    static final String PATHS = "/api/v1/webhooks";
    private static final OpenApiContract CONTRACT = new OpenApiContract();
    private static final int DUNE_PART_TWO = 693134;
    private static final int DUNE_1984 = 841;
    private static final int EXPANSE_TVDB = 280619;
    private static final String HASH = "8C4ADBF9EBE66F1D804FB6A4FB9B74966C3AB609";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeArrLibrary radarr;
    private FakeArrLibrary sonarr;
    private TestApp server;
    private App app;
    private Principal admin;
    private Principal alice;
    private HttpSession adminSession;

    @BeforeEach
    void start() {
        radarr = FakeArrLibrary.radarr();
        sonarr = FakeArrLibrary.sonarr();
        server = TestApp.start(dataDir, Map.of(), clock);
        app = server.app();
        app.events().subscribe(events::add);
        admin = Requesters.admin(app);
        alice = Requesters.member(app, admin, "alice", EnumSet.of(Permission.REQUEST));
        adminSession = new HttpSession(server.baseUrl(), CONTRACT);
        assertThat(adminSession.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
        radarr.close();
        sonarr.close();
    }

    @AfterAll
    static void every_webhook_operation_was_called() {
        assertThat(CONTRACT.unexercisedUnder(PATHS)).as("webhook operations of openapi.json no test called").isEmpty();
    }

    @Test
    void a_secret_is_shown_once_sealed_at_rest_and_a_new_one_replaces_it() {
        ServiceInstance radarrInstance = addArr("Radarr", radarr);
        HttpSession.Reply issued = adminSession.api("POST", "/api/v1/webhooks/" + radarrInstance.id() + "/secret");
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.json().get("secret").asText();
        assertThat(secret).startsWith("mnw_").hasSizeGreaterThan(40);
        assertThat(issued.json().get("url").asText()).isEqualTo(server.baseUrl() + "/api/v1/webhooks/radarr/" + radarrInstance.id());
        assertThat(issued.json().get("username").asText()).isEqualTo("medianest");
        assertThat(issued.json().get("authorization").asText()).isEqualTo(basic(secret));

        JsonNode listed = adminSession.api("GET", "/api/v1/webhooks").json().get("webhooks");
        assertThat(listed).singleElement().satisfies(sender -> {
            assertThat(sender.get("secretSet").asBoolean()).isTrue();
            assertThat(sender.has("secret")).isFalse();
        });
        String stored = app.database().read(handle -> handle.createQuery("SELECT secret FROM webhook_secrets").mapTo(String.class).one());
        assertThat(stored).startsWith("v1:").doesNotContain(secret);
        assertThat(send("radarr", radarrInstance.id(), basic(secret), test("Test")).status()).isEqualTo(200);

        String rotated = adminSession.api("POST", "/api/v1/webhooks/" + radarrInstance.id() + "/secret").json().get("secret").asText();
        assertThat(rotated).isNotEqualTo(secret);
        assertThat(send("radarr", radarrInstance.id(), basic(secret), test("Test")).status()).as("the old secret").isEqualTo(401);
        assertThat(send("radarr", radarrInstance.id(), basic(rotated), test("Test")).json().get("matched").asInt()).isZero();
        assertThat(adminSession.api("POST", "/api/v1/webhooks/999/secret").errorCode()).isEqualTo("not_found");
    }

    @Test
    void forged_and_misdirected_calls_are_refused_logged_without_the_secret_and_change_nothing() {
        ServiceInstance radarrInstance = addArr("Radarr", radarr);
        String secret = app.webhooks().issueSecret(admin.user().id(), radarrInstance.id()).secret();
        MediaRequest request = approvedAndSent(app, admin, alice, movie(DUNE_PART_TWO, "Dune: Part Two"));
        int libraryId = radarr.libraryId(DUNE_PART_TWO).orElseThrow();
        String grab = radarrEvent("Grab", libraryId, DUNE_PART_TWO, HASH);
        List<MediaRequest.Transition> before = app.requests().timeline(admin, request.id());
        ListAppender<ILoggingEvent> log = capture(Webhooks.class);

        HttpResponseView noSecret = send("radarr", radarrInstance.id(), null, grab);
        assertThat(noSecret.status()).isEqualTo(401);
        assertThat(noSecret.json().at("/error/code").asText()).isEqualTo("webhook_unauthorized");
        assertThat(noSecret.json().at("/error/message").asText()).contains("Settings › Services");
        assertThat(send("radarr", radarrInstance.id(), basic("mnw_forged" + secret.substring(10)), grab).status()).isEqualTo(401);
        assertThat(send("radarr", radarrInstance.id(), "Bearer " + secret.toUpperCase(java.util.Locale.ROOT), grab).status()).isEqualTo(401);
        assertThat(send("sonarr", radarrInstance.id(), basic(secret), grab).json().at("/error/code").asText())
                .as("a Radarr's id on the Sonarr path").isEqualTo("not_found");
        assertThat(send("radarr", 999, basic(secret), grab).status()).isEqualTo(404);
        HttpResponseView malformed = sendRaw("radarr", radarrInstance.id(), basic(secret), "{\"eventType\": \"Grab\", \"movie\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/error/code").asText()).isEqualTo("malformed_json");

        assertThat(app.requests().get(admin, request.id())).isEqualTo(request);
        assertThat(app.requests().timeline(admin, request.id())).isEqualTo(before);
        assertThat(app.requests().downloadIds(request.id())).isEmpty();
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.contains("wrong secret")).anyMatch(line -> line.contains("no secret given"))
                .noneMatch(line -> line.contains(secret) || line.contains(secret.substring(4, 20)));
    }

    @Test
    void a_webhook_for_a_movie_nobody_requested_matches_nothing_and_changes_nothing() {
        ServiceInstance radarrInstance = addArr("Radarr", radarr);
        String secret = app.webhooks().issueSecret(admin.user().id(), radarrInstance.id()).secret();
        MediaRequest request = approvedAndSent(app, admin, alice, movie(DUNE_PART_TWO, "Dune: Part Two"));
        events.clear();

        HttpResponseView unknown = send("radarr", radarrInstance.id(), basic(secret), radarrEvent("Grab", 55, DUNE_1984, HASH));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("matched").asInt()).isZero();
        assertThat(unknown.json().get("event").asText()).isEqualTo("Grab");
        HttpResponseView health = send("radarr", radarrInstance.id(), basic(secret),
                "{\"eventType\":\"Health\",\"level\":\"warning\",\"message\":\"Indexers unavailable due to failures\",\"type\":\"IndexerStatusCheck\"}");
        assertThat(health.json().get("matched").asInt()).isZero();
        assertThat(send("radarr", radarrInstance.id(), basic(secret), "{\"eventType\":\"MovieAdded\",\"movie\":{\"id\":5}}").json()
                .get("matched").asInt()).as("an event type MediaNest does not act on").isZero();
        assertThat(app.requests().get(admin, request.id())).isEqualTo(request);
        assertThat(events).isEmpty();
    }

    @Test
    void grab_then_import_follow_the_request_to_available_and_the_download_is_the_requesters() {
        ServiceInstance radarrInstance = addArr("Radarr", radarr);
        String secret = app.webhooks().issueSecret(admin.user().id(), radarrInstance.id()).secret();
        MediaRequest request = approvedAndSent(app, admin, alice, movie(DUNE_PART_TWO, "Dune: Part Two"));
        int libraryId = radarr.libraryId(DUNE_PART_TWO).orElseThrow();

        HttpResponseView grabbed = send("radarr", radarrInstance.id(), basic(secret), radarrEvent("Grab", libraryId, DUNE_PART_TWO, HASH));
        assertThat(grabbed.json().get("matched").asInt()).isEqualTo(1);
        assertThat(app.requests().get(alice, request.id()).state()).isEqualTo(RequestState.PROCESSING);
        assertThat(app.requests().torrentHashesOf(alice.user().id())).containsExactly(HASH.toLowerCase(java.util.Locale.ROOT));
        assertThat(app.requests().torrentHashesOf(admin.user().id())).isEmpty();

        radarr.finish(DUNE_PART_TWO);
        events.clear();
        HttpResponseView imported = send("radarr", radarrInstance.id(), basic(secret), radarrEvent("Download", libraryId, DUNE_PART_TWO, HASH));
        assertThat(imported.json().get("matched").asInt()).isEqualTo(1);
        MediaRequest available = app.requests().get(alice, request.id());
        assertThat(available.state()).isEqualTo(RequestState.AVAILABLE);
        assertThat(events).contains(new RequestChanged(request.id()));
        assertThat(app.requests().timeline(alice, request.id()).getLast().actorName()).isEqualTo("Radarr");
        assertThat(app.requests().downloadIds(request.id())).as("the same download twice is one").hasSize(1);

        send("radarr", radarrInstance.id(), basic(secret), radarrEvent("Grab", libraryId, DUNE_PART_TWO, "AB" + HASH.substring(2)));
        assertThat(app.requests().get(alice, request.id()).state()).as("an upgrade grabbed: the files stay there meanwhile")
                .isEqualTo(RequestState.AVAILABLE);
        assertThat(app.requests().downloadIds(request.id())).hasSize(2);
        radarr.assertAllInSpec();
    }

    @Test
    void a_grab_for_an_approved_request_that_could_not_be_sent_moves_it_to_processing() {
        int dead = LoopbackPorts.free();
        ServiceInstance radarrInstance = app.services().create(admin.user().id(), ServiceDraft.of(ServiceKind.RADARR, "Radarr",
                "http://127.0.0.1:" + dead, Map.of("qualityProfileId", "4", "rootFolder", "/movies"), Map.of("apiKey", FakeArrLibrary.API_KEY),
                true, false, false, 1));
        String secret = app.webhooks().issueSecret(admin.user().id(), radarrInstance.id()).secret();
        MediaRequest request = app.requests().submit(alice, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), false)).request();
        app.requests().approve(admin, request.id(), Optional.empty());
        app.requestDispatcher().sendDue();
        assertThat(app.requests().get(alice, request.id()).lastError()).isPresent();

        send("radarr", radarrInstance.id(), basic(secret), radarrEvent("Grab", 27, DUNE_PART_TWO, HASH));
        MediaRequest processing = app.requests().get(alice, request.id());
        assertThat(processing.state()).isEqualTo(RequestState.PROCESSING);
        assertThat(processing.lastError()).as("Radarr has it now").isEmpty();
        assertThat(processing.libraryId()).contains(27L);
    }

    @Test
    void a_sonarr_webhook_concerns_a_series_request_only_for_its_seasons() {
        ServiceInstance sonarrInstance = addArr("Sonarr", sonarr);
        String secret = app.webhooks().issueSecret(admin.user().id(), sonarrInstance.id()).secret();
        RequestedTitle expanse = new RequestedTitle(TitleType.SERIES, List.of(ExternalId.tvdb(EXPANSE_TVDB), ExternalId.tmdb(63639)),
                "The Expanse", OptionalInt.of(2015), Optional.empty());
        MediaRequest request = app.requests().submit(alice, new RequestDraft(expanse, false, SeasonChoice.of(Set.of(1, 3)),
                RequestOptions.defaults(), 6)).request();
        app.requests().approve(admin, request.id(), Optional.empty());
        app.requestDispatcher().sendDue();
        int libraryId = sonarr.libraryId(EXPANSE_TVDB).orElseThrow();

        assertThat(send("sonarr", sonarrInstance.id(), basic(secret), sonarrEvent("Grab", libraryId, 2, "AAAA" + HASH.substring(4)))
                .json().get("matched").asInt()).as("season 2 was not asked for").isZero();
        assertThat(send("sonarr", sonarrInstance.id(), basic(secret), sonarrEvent("Grab", libraryId, 3, HASH)).json().get("matched").asInt())
                .isEqualTo(1);
        assertThat(app.requests().torrentHashesOf(alice.user().id())).containsExactly(HASH.toLowerCase(java.util.Locale.ROOT));

        sonarr.finish(EXPANSE_TVDB);
        assertThat(send("sonarr", sonarrInstance.id(), basic(secret), sonarrEvent("Download", libraryId, 1, HASH)).json().get("matched").asInt())
                .isEqualTo(1);
        assertThat(app.requests().get(alice, request.id()).state()).isEqualTo(RequestState.AVAILABLE);
        sonarr.assertAllInSpec();
    }

    @Test
    void seerr_news_moves_the_requests_filed_there() {
        try (FakeSeerr seerr = FakeSeerr.start("seerr.openapi.yml")) {
            ServiceInstance seerrInstance = app.services().create(admin.user().id(), ServiceDraft.of(ServiceKind.SEERR, "Requests",
                    seerr.baseUrl(), Map.of(), Map.of("apiKey", FakeSeerr.API_KEY), true, false, false, 5));
            String bearer = "Bearer " + adminSession.api("POST", "/api/v1/webhooks/" + seerrInstance.id() + "/secret").json().get("secret").asText();
            MediaRequest partTwo = approvedAndSent(app, admin, alice, movie(DUNE_PART_TWO, "Dune: Part Two"));
            MediaRequest dune1984 = approvedAndSent(app, admin, alice, movie(DUNE_1984, "Dune"));
            assertThat(partTwo.route()).isEqualTo(MediaRequest.Route.SEERR);
            int remoteId = partTwo.remoteRequestId().orElseThrow();

            assertThat(send("seerr", seerrInstance.id(), bearer, "{\"notification_type\":\"TEST_NOTIFICATION\",\"media\":null}")
                    .json().get("matched").asInt()).isZero();
            seerr.mediaStatus("movie", DUNE_PART_TWO, false, 5);
            HttpResponseView available = send("seerr", seerrInstance.id(), bearer,
                    seerrNews("MEDIA_AVAILABLE", DUNE_PART_TWO, "AVAILABLE", String.valueOf(remoteId)));
            assertThat(available.json().get("matched").asInt()).isEqualTo(1);
            assertThat(app.requests().get(alice, partTwo.id()).state()).isEqualTo(RequestState.AVAILABLE);

            seerr.setStatus(dune1984.remoteRequestId().orElseThrow(), 3);
            send("seerr", seerrInstance.id(), bearer, seerrNews("MEDIA_DECLINED", DUNE_1984, "UNKNOWN", ""));
            assertThat(app.requests().get(alice, dune1984.id()).state()).isEqualTo(RequestState.DECLINED);
            assertThat(app.requests().timeline(alice, dune1984.id()).getLast().reason()).contains("seerr_declined");
            seerr.assertAllInSpec();
        }
    }

    @Test
    void the_webhook_page_tells_what_to_enter_and_shows_a_new_secret_only_once() {
        ServiceInstance radarrInstance = addArr("Radarr", radarr);
        String page = adminSession.get("/settings/services/" + radarrInstance.id() + "/webhook").body();
        assertThat(page).contains("/api/v1/webhooks/radarr/" + radarrInstance.id()).contains("Settings › Connect › + › Webhook")
                .contains("medianest").contains("Make a secret");
        assertThat(adminSession.get("/settings/services/" + radarrInstance.id()).body()).contains("/settings/services/" + radarrInstance.id() + "/webhook");

        String made = adminSession.form("/settings/services/" + radarrInstance.id() + "/webhook", Map.of()).body();
        String secret = made.replaceAll("(?s).*<code id=\"webhook-secret\" class=\"secret\">(mnw_[^<]+)</code>.*", "$1");
        assertThat(secret).startsWith("mnw_");
        assertThat(send("radarr", radarrInstance.id(), basic(secret), test("Test")).status()).isEqualTo(200);
        String again = adminSession.get("/settings/services/" + radarrInstance.id() + "/webhook").body();
        assertThat(again).doesNotContain(secret).contains("Make a new secret");
    }

    // --- helpers ---------------------------------------------------------------------------

    /** A response as the test reads it. */
    record HttpResponseView(int status, String body) {
        JsonNode json() {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private HttpResponseView send(String kind, long serviceId, String authorization, String body) {
        return call(kind, serviceId, authorization, body, true);
    }

    /** A body that is not the payload's JSON: only the response is held to openapi.json. */
    private HttpResponseView sendRaw(String kind, long serviceId, String authorization, String body) {
        return call(kind, serviceId, authorization, body, false);
    }

    private HttpResponseView call(String kind, long serviceId, String authorization, String body, boolean conforming) {
        String path = "/api/v1/webhooks/" + kind + "/" + serviceId;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            CONTRACT.check("POST", path, "application/json", body, authorization, response.statusCode(),
                    response.headers().firstValue("content-type").orElse(null), response.body(), conforming && authorization != null);
            return new HttpResponseView(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String secret) {
        return "Basic " + Base64.getEncoder().encodeToString(("medianest:" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String test(String eventType) {
        return "{\"eventType\":\"" + eventType + "\",\"instanceName\":\"Radarr\",\"movie\":{\"id\":1,\"title\":\"Test Title\",\"year\":1970,"
                + "\"folderPath\":\"C:\\\\testpath\",\"releaseDate\":\"1970-01-01\",\"tags\":[\"test-tag\"]},"
                + "\"remoteMovie\":{\"tmdbId\":1234,\"imdbId\":\"5678\",\"title\":\"Test title\",\"year\":1970}}";
    }

    /** Radarr's Grab or Download payload, as WebhookBase.BuildOnGrabPayload / BuildOnDownloadPayload fill it. */
    private static String radarrEvent(String eventType, int libraryId, int tmdbId, String downloadId) {
        return """
                {"eventType":"%s","instanceName":"Radarr","applicationUrl":"",
                 "movie":{"id":%d,"title":"Dune: Part Two","year":2024,"releaseDate":"2024-05-14","folderPath":"/movies/Dune Part Two (2024)",
                          "tmdbId":%d,"imdbId":"tt15239678","overview":"Paul Atreides unites with Chani.","tags":["requester-alice"]},
                 "remoteMovie":{"tmdbId":%d,"imdbId":"tt15239678","title":"Dune: Part Two","year":2024},
                 "release":{"quality":"WEBDL-2160p","qualityVersion":1,"releaseTitle":"Dune.Part.Two.2024.2160p.WEB-DL","indexer":"Nyaa","size":25183246992},
                 "isUpgrade":false,"downloadClient":"qBittorrent","downloadClientType":"qBittorrent","downloadId":"%s",
                 "customFormatInfo":{"customFormats":[],"customFormatScore":0}}""".formatted(eventType, libraryId, tmdbId, tmdbId, downloadId);
    }

    /** Sonarr's Grab or Download payload for one episode of a season. */
    private static String sonarrEvent(String eventType, int libraryId, int season, String downloadId) {
        return """
                {"eventType":"%s","instanceName":"Sonarr","series":{"id":%d,"title":"The Expanse","titleSlug":"the-expanse","path":"/tv/The Expanse",
                 "tvdbId":%d,"tvMazeId":1825,"tmdbId":63639,"imdbId":"tt3230854","type":"standard","year":2015},
                 "episodes":[{"id":301,"episodeNumber":1,"seasonNumber":%d,"title":"Episode","airDate":"2018-04-11"}],
                 "downloadClient":"qBittorrent","downloadClientType":"qBittorrent","downloadId":"%s","isUpgrade":false}"""
                .formatted(eventType, libraryId, EXPANSE_TVDB, season, downloadId);
    }

    private static String seerrNews(String type, int tmdbId, String status, String requestId) {
        return """
                {"notification_type":"%s","event":"news","subject":"Dune","message":"","image":"",
                 "media":{"media_type":"movie","tmdbId":"%d","tvdbId":"","status":"%s","status4k":"UNKNOWN"},
                 "request":{"request_id":"%s","requestedBy_email":"admin@example.org","requestedBy_username":"admin","requestedBy_avatar":""},
                 "issue":null,"comment":null,"extra":[]}""".formatted(type, tmdbId, status, requestId);
    }

    private ServiceInstance addArr(String name, FakeArrLibrary fake) {
        return app.services().create(admin.user().id(), fake.service(name, false));
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }
}
