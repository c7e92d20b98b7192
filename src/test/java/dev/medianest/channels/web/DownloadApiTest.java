package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.testing.Await;
import dev.medianest.testing.FakeArrLibrary;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.OpenApiContract;
import dev.medianest.testing.QbittorrentDaemon;
import dev.medianest.testing.ServerSentEvents;
import dev.medianest.testing.TestApp;
import dev.medianest.testing.TorrentFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Downloads page and {@code /api/v1/downloads} against a real qbittorrent-nox configured as a
 * service, with a second client that is not running: the .torrent size limit, what members see, the
 * live updates. DownloadApiAcrossClientsTest does the torrent operations against every kind of client.
 */
class DownloadApiTest {

    private static final String PATHS = "/api/v1/downloads";
    private static final int LIMIT_MB = 2;
    private static final int LIMIT_BYTES = LIMIT_MB * 1024 * 1024;

    private static final OpenApiContract CONTRACT = new OpenApiContract();

    @TempDir
    static Path dataDir;

    private static TestApp app;
    private static QbittorrentDaemon daemon;
    private static long qbId;
    private static long deadId;

    @BeforeAll
    static void start() throws Exception {
        daemon = QbittorrentDaemon.start();
        // The default 1 MiB body limit, and .torrent files up to 2 MB: both uploads take files beyond the body limit.
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "100000",
                "MEDIANEST_DOWNLOADS_MAX_TORRENT_FILE_MEGABYTES", String.valueOf(LIMIT_MB)), MutableClock.startingNow());
        long actor = admin().api("GET", "/api/v1/me").json().get("id").asLong();
        qbId = app.app().services().create(actor, ServiceDraft.of(ServiceKind.QBITTORRENT, "Seedbox", daemon.baseUrl(),
                Map.of("username", QbittorrentDaemon.USER), Map.of("password", QbittorrentDaemon.PASSWORD), true, false, false, 5)).id();
        deadId = app.app().services().create(actor, ServiceDraft.of(ServiceKind.QBITTORRENT, "Stopped box",
                "http://127.0.0.1:" + LoopbackPorts.free(), Map.of("username", QbittorrentDaemon.USER),
                Map.of("password", QbittorrentDaemon.PASSWORD), false, false, false, 2)).id();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private static HttpSession admin() {
        HttpSession admin = new HttpSession(app.baseUrl(), CONTRACT);
        assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
        return admin;
    }

    @Test
    void a_torrent_file_larger_than_the_general_body_limit_goes_through_the_form() throws Exception {
        HttpSession admin = admin();
        // 16 KiB pieces of 20 bytes each: 1.6 MB of piece hashes for 1.3 GB of content, built without the content
        byte[] torrent = bigTorrent("big-metainfo.bin", 80_000);
        assertThat(torrent.length).isGreaterThan(1_048_576);
        Reply added = admin.multipart("/downloads/add", Map.of("client", String.valueOf(qbId), "paused", "on",
                "savePath", daemon.data().toString()), "torrent", "big.torrent", torrent);
        assertThat(added.status()).as(added.body()).isEqualTo(303);
        String hash = hashOf(torrent);
        Await.until(() -> torrentJson(admin, hash), node -> node != null);
        assertThat(admin.api("DELETE", PATHS + "/" + qbId + "/torrents/" + hash + "?deleteData=true").status()).isEqualTo(204);
    }

    private static byte[] bigTorrent(String name, int pieceCount) {
        return bigTorrent(name, pieceCount, "");
    }

    /** 16 KiB pieces of 20 bytes of hash each: megabytes of metainfo for gigabytes of content that is never built. */
    private static byte[] bigTorrent(String name, int pieceCount, String comment) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long length = 16_384L * pieceCount;
        byte[] pieces = TorrentFiles.randomBytes(20 * pieceCount);
        out.writeBytes(("d" + (comment.isEmpty() ? "" : "7:comment" + comment.length() + ":" + comment) + "4:infod6:lengthi" + length
                + "e4:name" + name.length() + ":" + name + "12:piece lengthi16384e6:pieces" + pieces.length + ":")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(pieces);
        out.writeBytes("7:privatei1eee".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A valid torrent of exactly {@code size} bytes: pieces for the bulk, a comment for the last few bytes. */
    private static byte[] torrentOfSize(String name, int size) {
        for (int pieces = (size - bigTorrent(name, 0).length) / 20; pieces > 0; pieces--) {
            int bare = bigTorrent(name, pieces).length;
            for (int comment = 0; comment < 40; comment++) {
                int padded = bare + "7:comment".length() + String.valueOf(comment + 1).length() + 1 + comment + 1;
                if (padded == size) {
                    return bigTorrent(name, pieces, "x".repeat(comment + 1));
                }
            }
        }
        throw new AssertionError("no torrent of " + size + " bytes");
    }

    @Test
    void a_torrent_file_just_over_the_configured_limit_is_refused_naming_the_setting_and_one_just_under_is_added() throws Exception {
        HttpSession admin = admin();
        int before = torrentCount(admin);
        String setting = "downloads.maxTorrentFileMegabytes";
        String variable = dev.medianest.platform.config.ConfigKeys.find(setting).orElseThrow().environmentVariable();

        Reply justOver = admin.multipart("/downloads/add", Map.of("client", String.valueOf(qbId)), "torrent", "over.torrent",
                torrentOfSize("over.bin", LIMIT_BYTES + 1));
        assertThat(justOver.status()).isEqualTo(413);
        assertThat(justOver.body()).contains("larger than 2 MB", setting, variable, "aria-invalid=\"true\"");
        Reply farOver = admin.multipart("/downloads/add", Map.of("client", String.valueOf(qbId)), "torrent", "far-over.torrent",
                new byte[3 * LIMIT_BYTES]);
        assertThat(farOver.status()).as("refused by its length before the body is read").isEqualTo(413);
        assertThat(farOver.body()).contains("larger than 2 MB", setting);

        Reply apiOver = admin.api("POST", PATHS + "/" + qbId + "/torrents", Map.of("torrent",
                Base64.getEncoder().encodeToString(torrentOfSize("api-over.bin", LIMIT_BYTES + 1)), "paused", true));
        assertThat(apiOver.status()).isEqualTo(413);
        assertThat(apiOver.errorCode()).isEqualTo("torrent_too_large");
        assertThat(apiOver.json().at("/error/message").asText()).contains("2 MB", setting, variable);
        assertThat(apiOver.json().at("/error/details/torrent").asText()).contains("2 MB", setting);
        Reply apiFarOver = admin.api("POST", PATHS + "/" + qbId + "/torrents", Map.of("torrent",
                Base64.getEncoder().encodeToString(new byte[3 * LIMIT_BYTES])));
        assertThat(apiFarOver.errorCode()).isEqualTo("torrent_too_large");
        assertThat(torrentCount(admin)).as("nothing reached the client").isEqualTo(before);

        // Just under the limit, and in base64 far over the 1 MiB body limit of every other request.
        byte[] justUnder = torrentOfSize("under.bin", LIMIT_BYTES);
        Reply added = admin.api("POST", PATHS + "/" + qbId + "/torrents", Map.of("torrent", Base64.getEncoder().encodeToString(justUnder),
                "paused", true, "savePath", daemon.data().toString()));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String hash = hashOf(justUnder);
        Await.until(() -> torrentJson(admin, hash), node -> node != null);
        assertThat(admin.api("DELETE", PATHS + "/" + qbId + "/torrents/" + hash + "?deleteData=true").status()).isEqualTo(204);
    }

    @Test
    void a_member_sees_only_the_downloads_of_their_own_requests_and_no_actions() throws Exception {
        HttpSession admin = admin();
        Reply created = admin.api("POST", "/api/v1/users", Map.of("username", "viewer", "password", "viewer password 123",
                "role", "USER", "permissions", java.util.List.of("request"), "mustChangePassword", false));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        HttpSession member = new HttpSession(app.baseUrl(), CONTRACT);
        assertThat(member.signIn("viewer", "viewer password 123").status()).isEqualTo(200);
        assertThat(member.get("/downloads").body()).contains("href=\"/downloads\"", "id=\"board-member-empty\"", "data-live=\"/live/downloads")
                .doesNotContain("id=\"board-add\"");

        try (FakeArrLibrary radarr = FakeArrLibrary.radarr()) {
            long actor = admin.api("GET", "/api/v1/me").json().get("id").asLong();
            ServiceInstance movies = app.app().services().create(actor, radarr.service("Radarr", false));
            Reply asked = member.api("POST", "/api/v1/requests", Map.of("type", "movie", "ids", Map.of("tmdb", 693134), "title", "Dune: Part Two"));
            assertThat(asked.status()).as(asked.body()).isEqualTo(201);
            long requestId = asked.json().at("/request/id").asLong();
            assertThat(admin.api("POST", "/api/v1/requests/" + requestId + "/approve", Map.of()).status()).isEqualTo(200);
            app.app().requestDispatcher().sendDue();

            String theirs = "0123456789abcdef0123456789abcdef01234567";
            String others = "fedcba9876543210fedcba9876543210fedcba98";
            for (String hash : java.util.List.of(theirs, others)) {
                Reply added = admin.api("POST", PATHS + "/" + qbId + "/torrents", Map.of("magnet", "magnet:?xt=urn:btih:" + hash
                        + "&dn=" + (hash.equals(theirs) ? "Dune.Part.Two.2024.2160p" : "Someone.Elses.Film"), "paused", true));
                assertThat(added.status()).as(added.body()).isEqualTo(201);
                Await.until(() -> torrentJson(admin, hash), node -> node != null);
            }
            // Radarr reports the hash in upper case, as it does for qBittorrent (Radarr's QBittorrent.cs upper-cases the hash).
            String secret = app.app().webhooks().issueSecret(actor, movies.id()).secret();
            app.app().webhooks().receive(ServiceKind.RADARR, movies.id(), Optional.of(secret), "{\"eventType\":\"Grab\",\"movie\":{\"id\":"
                    + radarr.libraryId(693134).orElseThrow() + ",\"tmdbId\":693134,\"title\":\"Dune: Part Two\"},\"downloadId\":\""
                    + theirs.toUpperCase(java.util.Locale.ROOT) + "\"}", "127.0.0.1");

            String page = member.get("/downloads").body();
            assertThat(page).contains("Dune.Part.Two.2024.2160p", "id=\"board-member-note\"").doesNotContain("Someone.Elses.Film")
                    .doesNotContain("/pause\"", "/remove\"", "pause-all", "/category\"", "id=\"board-add\"");
            JsonNode listed = member.api("GET", PATHS).json();
            java.util.List<String> hashes = new java.util.ArrayList<>();
            listed.get("groups").forEach(group -> group.path("torrents").forEach(torrent -> hashes.add(torrent.get("hash").asText())));
            assertThat(hashes).containsExactly(theirs);
            assertThat(admin.api("GET", PATHS).body()).contains(theirs, others);

            Reply refused = member.form("/downloads/" + qbId + "/" + theirs + "/pause", Map.of());
            assertThat(refused.status()).as("read only: the form sends a member home with a notice").isEqualTo(303);
            assertThat(refused.header("location")).isEqualTo("/?notice=forbidden");
            assertThat(member.api("POST", PATHS + "/" + qbId + "/torrents/" + theirs + "/pause").status()).isEqualTo(403);
            for (String hash : java.util.List.of(theirs, others)) {
                assertThat(admin.api("DELETE", PATHS + "/" + qbId + "/torrents/" + hash + "?deleteData=true").status()).isEqualTo(204);
            }
            radarr.assertAllInSpec();
        }
    }

    @Test
    void the_api_adds_and_removes_and_a_stopped_client_is_one_failed_group() throws Exception {
        HttpSession admin = admin();
        byte[] torrent = TorrentFiles.singleFile("api-added.bin", TorrentFiles.randomBytes(20_000));
        Reply added = admin.api("POST", PATHS + "/" + qbId + "/torrents", Map.of("torrent", Base64.getEncoder().encodeToString(torrent),
                "fileName", "api.torrent", "paused", true, "savePath", daemon.data().toString()));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String hash = hashOf(torrent);
        Await.until(() -> torrentJson(admin, hash), node -> node != null);

        JsonNode groups = admin.api("GET", PATHS).json().get("groups");
        assertThat(groups).anySatisfy(group -> {
            assertThat(group.get("serviceId").asLong()).isEqualTo(deadId);
            assertThat(group.get("ok").asBoolean()).isFalse();
            assertThat(group.get("problem").get("message").asText()).contains("Stopped box");
        });
        assertThat(admin.api("DELETE", PATHS + "/" + qbId + "/torrents/" + hash + "?deleteData=true").status()).isEqualTo(204);
        Await.until(() -> torrentJson(admin, hash), node -> node == null);
        assertThat(admin.api("POST", PATHS + "/" + deadId + "/torrents/" + hash + "/pause").errorCode()).isEqualTo("remote_failed");
        assertThat(admin.api("POST", PATHS + "/999999/torrents/" + hash + "/pause").errorCode()).isEqualTo("not_found");
    }

    @Test
    void an_open_page_gets_changed_groups_over_sse_and_polling_stops_when_it_closes() throws Exception {
        HttpSession admin = admin();
        assertThat(admin.rawApi("GET", "/live/downloads", null, null, Map.of()).status()).as("not an EventSource").isEqualTo(406);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(DownloadLive.class);
        logger.addAppender(log);
        HttpClient client = HttpClient.newHttpClient();
        try {
            ServerSentEvents events = ServerSentEvents.open(client, app.baseUrl(), "/live/downloads?sort=name&dir=asc",
                    admin.cookie("mn_session").orElseThrow());
            String first = events.next();
            assertThat(first).startsWith("event: swap").contains("id=\"download-groups\"", "dl-group-" + qbId, "data-failed=\"" + deadId + "\"");

            byte[] torrent = TorrentFiles.singleFile("live-added.bin", TorrentFiles.randomBytes(5000));
            assertThat(admin.api("POST", PATHS + "/" + qbId + "/torrents", Map.of("torrent", Base64.getEncoder().encodeToString(torrent),
                    "paused", true, "savePath", daemon.data().toString())).status()).isEqualTo(201);
            String changed;
            do {
                changed = events.next();
            } while (!changed.contains("live-added.bin"));
            assertThat(changed).contains("id=\"dl-group-" + qbId + "\"").doesNotContain("id=\"download-groups\"");
            admin.api("DELETE", PATHS + "/" + qbId + "/torrents/" + hashOf(torrent) + "?deleteData=true");
        } finally {
            client.shutdownNow();
        }
        Await.until(() -> log.list.stream().map(ILoggingEvent::getFormattedMessage).toList(),
                messages -> messages.contains("downloads polling stopped: no page watches"));
        logger.detachAppender(log);
    }

    private static int torrentCount(HttpSession admin) {
        return group(admin, qbId).get("torrents").size();
    }

    private static JsonNode group(HttpSession admin, long id) {
        for (JsonNode group : admin.api("GET", PATHS).json().get("groups")) {
            if (group.get("serviceId").asLong() == id) {
                return group;
            }
        }
        throw new AssertionError("no group " + id);
    }

    private static JsonNode torrentJson(HttpSession admin, String hash) {
        for (JsonNode torrent : group(admin, qbId).get("torrents")) {
            if (torrent.get("hash").asText().equals(hash)) {
                return torrent;
            }
        }
        return null;
    }

    private static String hashOf(byte[] torrent) {
        return TorrentFiles.infoHash(torrent);
    }
}
