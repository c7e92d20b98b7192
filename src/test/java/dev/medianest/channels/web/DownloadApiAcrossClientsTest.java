package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.testing.Await;
import dev.medianest.testing.DelugeDaemon;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.OpenApiContract;
import dev.medianest.testing.QbittorrentDaemon;
import dev.medianest.testing.SpecFake;
import dev.medianest.testing.TestApp;
import dev.medianest.testing.TorrentFiles;
import dev.medianest.testing.TransmissionDaemon;
import dev.medianest.testing.TransmissionRpcDoc;
import io.javalin.http.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Downloads page and {@code /api/v1/downloads} doing the same things against each real client —
 * qbittorrent-nox 4.5.2, transmission-daemon 3.00 and deluged 2.0.3 behind deluge-web — plus a
 * Transmission 2.94 (no labels yet) faked to its spec, and a qbittorrent-nox frozen and killed while
 * the board lists it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DownloadApiAcrossClientsTest {

    static final String PATHS = "/api/v1/downloads";
    private static final OpenApiContract CONTRACT = new OpenApiContract();
    private static final String NO_SUCH_HASH = "0123456789abcdef0123456789abcdef01234567";
    private static final int TIMEOUT_SECONDS = 2;

    /** One configured client: its service id, its kind, and the folder its daemon saves into. */
    private record Client(String name, long id, Path data) {
    }

    @TempDir
    static Path dataDir;

    private static TestApp app;
    private static QbittorrentDaemon qbittorrent;
    private static TransmissionDaemon transmission;
    private static DelugeDaemon deluge;
    private static SpecFake oldTransmission;
    private static final List<String> oldTransmissionAdds = new CopyOnWriteArrayList<>();
    private static final Map<String, Client> CLIENTS = new LinkedHashMap<>();
    private static long oldTransmissionId;

    @BeforeAll
    static void start() throws Exception {
        CompletableFuture<QbittorrentDaemon> qb = CompletableFuture.supplyAsync(() -> started(QbittorrentDaemon::start));
        CompletableFuture<TransmissionDaemon> tr = CompletableFuture.supplyAsync(() -> started(TransmissionDaemon::start));
        CompletableFuture<DelugeDaemon> de = CompletableFuture.supplyAsync(() -> started(DelugeDaemon::start));
        oldTransmission = SpecFake.start(TransmissionRpcDoc.rpcVersion(15), routes -> routes.post("/transmission/rpc",
                DownloadApiAcrossClientsTest::transmission294));
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "100000"), MutableClock.startingNow());
        qbittorrent = qb.get(30, TimeUnit.SECONDS);
        transmission = tr.get(30, TimeUnit.SECONDS);
        deluge = de.get(30, TimeUnit.SECONDS);
        long actor = admin().api("GET", "/api/v1/me").json().get("id").asLong();
        add(actor, "qBittorrent", ServiceKind.QBITTORRENT, qbittorrent.baseUrl(), Map.of("username", QbittorrentDaemon.USER),
                Map.of("password", QbittorrentDaemon.PASSWORD), qbittorrent.data());
        add(actor, "Transmission", ServiceKind.TRANSMISSION, transmission.baseUrl(), Map.of("username", TransmissionDaemon.USER),
                Map.of("password", TransmissionDaemon.PASSWORD), transmission.data());
        add(actor, "Deluge", ServiceKind.DELUGE, deluge.baseUrl(), Map.of(), Map.of("password", DelugeDaemon.PASSWORD), deluge.data());
        oldTransmissionId = app.app().services().create(actor, ServiceDraft.of(ServiceKind.TRANSMISSION, "Old box", oldTransmission.baseUrl(),
                Map.of(), Map.of(), false, false, false, TIMEOUT_SECONDS)).id();
    }

    private interface Start<T> {
        T start() throws Exception;
    }

    private static <T> T started(Start<T> daemon) {
        try {
            return daemon.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(long actor, String name, ServiceKind kind, String url, Map<String, String> options, Map<String, String> secrets,
                            Path data) {
        long id = app.app().services().create(actor, ServiceDraft.of(kind, name, url, options, secrets, false, false, false,
                TIMEOUT_SECONDS)).id();
        CLIENTS.put(name, new Client(name, id, data));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {app, qbittorrent, transmission, deluge, oldTransmission}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        // Checked last: a run of a few tests fails it, and must still stop every daemon first.
        assertThat(CONTRACT.unexercisedUnder(PATHS)).as("downloads operations of openapi.json no test called").isEmpty();
    }

    private static HttpSession admin() {
        HttpSession admin = new HttpSession(app.baseUrl(), CONTRACT);
        assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
        return admin;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"qBittorrent", "Transmission", "Deluge"})
    @Order(1)
    void a_torrent_added_through_the_page_is_listed_paused_resumed_categorised_and_removed(String name) throws Exception {
        Client client = CLIENTS.get(name);
        HttpSession admin = admin();
        String file = "page-" + name.toLowerCase() + ".bin";
        byte[] torrent = TorrentFiles.singleFile(file, TorrentFiles.randomBytes(40_000));
        Reply added = admin.multipart("/downloads/add", Map.of("client", String.valueOf(client.id()), "category", "movies",
                "savePath", client.data().toString(), "paused", "on"), "torrent", "page.torrent", torrent);
        assertThat(added.status()).as(added.body()).isEqualTo(303);
        String hash = TorrentFiles.infoHash(torrent);

        String page = Await.until(() -> admin.get("/downloads").body(), body -> body.contains(file));
        assertThat(page).contains("id=\"dl-group-" + client.id() + "\"", "id=\"torrent-" + hash + "\"", "movies");
        assertThat(group(admin, client).at("/capabilities/categories").asBoolean()).isTrue();
        awaitState(admin, client, hash, "PAUSED"::equals);

        assertThat(admin.form("/downloads/" + client.id() + "/" + hash + "/resume", Map.of()).status()).isEqualTo(303);
        // Not while it checks its files either: Transmission 3.00 ignores a stop then (TransmissionClientTest).
        awaitState(admin, client, hash, state -> !state.equals("PAUSED") && !state.equals("CHECKING"));
        assertThat(admin.form("/downloads/" + client.id() + "/" + hash + "/pause", Map.of()).status()).isEqualTo(303);
        awaitState(admin, client, hash, "PAUSED"::equals);
        assertThat(admin.form("/downloads/" + client.id() + "/" + hash + "/category", Map.of("category", "tv")).status()).isEqualTo(303);
        Await.until(() -> torrent(admin, client, hash).path("category").asText(), "tv"::equals);
        assertThat(admin.form("/downloads/" + client.id() + "/" + hash + "/recheck", Map.of()).status()).isEqualTo(303);
        assertThat(admin.form("/downloads/" + client.id() + "/pause-all", Map.of()).status()).isEqualTo(303);
        assertThat(admin.form("/downloads/" + client.id() + "/resume-all", Map.of()).status()).isEqualTo(303);
        assertThat(admin.api("POST", PATHS + "/" + client.id() + "/pause-all").status()).isEqualTo(204);
        assertThat(admin.api("POST", PATHS + "/" + client.id() + "/resume-all").status()).isEqualTo(204);

        assertThat(admin.form("/downloads/" + client.id() + "/" + hash + "/remove", Map.of("deleteData", "on")).status()).isEqualTo(303);
        Await.until(() -> admin.get("/downloads").body(), body -> !body.contains(file));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"qBittorrent", "Transmission", "Deluge"})
    @Order(2)
    void a_magnet_added_through_the_api_is_listed_paused_resumed_categorised_and_removed(String name) throws Exception {
        Client client = CLIENTS.get(name);
        HttpSession admin = admin();
        String hash = HexFormat.of().formatHex(TorrentFiles.randomBytes(20));
        // No tracker, and DHT off: the client never finds the metadata, which is all this needs.
        String magnet = "magnet:?xt=urn:btih:" + hash + "&dn=magnet-" + name.toLowerCase();
        Reply added = admin.api("POST", PATHS + "/" + client.id() + "/torrents", Map.of("magnet", magnet));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("hash").asText()).isEqualTo(hash);
        Await.until(() -> torrent(admin, client, hash), node -> node != null);

        assertThat(admin.api("POST", PATHS + "/" + client.id() + "/torrents/" + hash + "/pause").status()).isEqualTo(204);
        awaitState(admin, client, hash, "PAUSED"::equals);
        assertThat(admin.api("POST", PATHS + "/" + client.id() + "/torrents/" + hash + "/resume").status()).isEqualTo(204);
        awaitState(admin, client, hash, state -> !state.equals("PAUSED") && !state.equals("CHECKING"));
        assertThat(admin.api("PUT", PATHS + "/" + client.id() + "/torrents/" + hash + "/category", Map.of("category", "movies"))
                .status()).isEqualTo(204);
        Await.until(() -> torrent(admin, client, hash).path("category").asText(), "movies"::equals);
        assertThat(admin.api("PUT", PATHS + "/" + client.id() + "/torrents/" + hash + "/category", Map.of("category", ""))
                .status()).isEqualTo(204);
        Await.until(() -> torrent(admin, client, hash).path("category"), category -> category.isNull() || category.isMissingNode());

        assertThat(admin.api("DELETE", PATHS + "/" + client.id() + "/torrents/" + hash).status()).isEqualTo(204);
        Await.until(() -> torrent(admin, client, hash), node -> node == null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"qBittorrent", "Transmission", "Deluge"})
    @Order(3)
    void removing_keeps_the_downloaded_files_unless_asked_to_delete_them(String name) throws Exception {
        Client client = CLIENTS.get(name);
        HttpSession admin = admin();
        String file = "kept-" + name.toLowerCase() + ".bin";
        byte[] content = TorrentFiles.randomBytes(50_000);
        Files.write(client.data().resolve(file), content);
        byte[] torrent = TorrentFiles.singleFile(file, content);
        String hash = TorrentFiles.infoHash(torrent);
        Map<String, Object> upload = Map.of("torrent", Base64.getEncoder().encodeToString(torrent), "paused", true,
                "savePath", client.data().toString());

        assertThat(admin.api("POST", PATHS + "/" + client.id() + "/torrents", upload).status()).isEqualTo(201);
        Await.until(() -> torrent(admin, client, hash), node -> node != null);
        assertThat(admin.api("POST", PATHS + "/" + client.id() + "/torrents/" + hash + "/recheck").status()).isEqualTo(204);
        Await.until(() -> torrent(admin, client, hash).get("progress").asDouble(), progress -> progress == 1.0);
        assertThat(admin.api("DELETE", PATHS + "/" + client.id() + "/torrents/" + hash).status()).isEqualTo(204);
        Await.until(() -> torrent(admin, client, hash), node -> node == null);
        assertThat(client.data().resolve(file)).as("removed without its data").hasBinaryContent(content);

        assertThat(admin.api("POST", PATHS + "/" + client.id() + "/torrents", upload).status()).isEqualTo(201);
        Await.until(() -> torrent(admin, client, hash), node -> node != null);
        assertThat(admin.api("POST", PATHS + "/" + client.id() + "/torrents/" + hash + "/recheck").status()).isEqualTo(204);
        Await.until(() -> torrent(admin, client, hash).get("progress").asDouble(), progress -> progress == 1.0);
        assertThat(admin.api("DELETE", PATHS + "/" + client.id() + "/torrents/" + hash + "?deleteData=true").status()).isEqualTo(204);
        Await.until(() -> torrent(admin, client, hash), node -> node == null);
        Await.until(() -> Files.exists(client.data().resolve(file)), exists -> !exists);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"qBittorrent", "Transmission", "Deluge"})
    @Order(4)
    void bad_input_gets_a_clear_error_and_leaves_the_client_unchanged(String name) throws Exception {
        Client client = CLIENTS.get(name);
        HttpSession admin = admin();
        String kept = "magnet:?xt=urn:btih:" + HexFormat.of().formatHex(TorrentFiles.randomBytes(20)) + "&dn=kept";
        assertThat(admin.api("POST", PATHS + "/" + client.id() + "/torrents", Map.of("magnet", kept, "paused", true)).status())
                .isEqualTo(201);
        Await.until(() -> group(admin, client).get("torrents").size(), size -> size > 0);
        String before = torrents(admin, client);
        String id = String.valueOf(client.id());
        byte[] valid = TorrentFiles.singleFile("never-added.bin", TorrentFiles.randomBytes(1000));

        List<Runnable> unchanged = new ArrayList<>();
        unchanged.add(() -> {
            Reply magnet = admin.multipart("/downloads/add", Map.of("client", id, "magnet", "magnet:?xt=urn:btih:nope"), "torrent", "", null);
            assertThat(magnet.status()).isEqualTo(400);
            assertThat(magnet.body()).contains("Use a magnet link with an info hash");
        });
        unchanged.add(() -> assertThat(admin.api("POST", PATHS + "/" + id + "/torrents", Map.of("magnet", "magnet:?xt=urn:btih:nope"))
                .errorCode()).isEqualTo("validation_failed"));
        unchanged.add(() -> {
            Reply garbage = admin.multipart("/downloads/add", Map.of("client", id), "torrent", "x.torrent", "not bencode".getBytes());
            assertThat(garbage.status()).isEqualTo(400);
            assertThat(garbage.body()).contains("This is not a .torrent file");
        });
        unchanged.add(() -> assertThat(admin.api("POST", PATHS + "/" + id + "/torrents",
                Map.of("torrent", Base64.getEncoder().encodeToString("junk".getBytes()))).errorCode()).isEqualTo("validation_failed"));
        unchanged.add(() -> {
            Reply category = admin.multipart("/downloads/add", Map.of("client", id, "category", "movies/4k"), "torrent", "ok.torrent", valid);
            assertThat(category.status()).isEqualTo(400);
            assertThat(category.body()).contains("without / or");
        });
        unchanged.add(() -> assertThat(admin.api("POST", PATHS + "/" + id + "/torrents", Map.of("torrent",
                Base64.getEncoder().encodeToString(valid), "category", "movies\\4k")).errorCode()).isEqualTo("validation_failed"));
        for (String hash : List.of(NO_SUCH_HASH, TorrentFiles.infoHash(valid))) {
            unchanged.add(() -> assertThat(admin.api("PUT", PATHS + "/" + id + "/torrents/" + hash + "/category", Map.of("category", "a/b"))
                    .json().at("/error/details/category").asText()).contains("without / or"));
            for (String action : List.of("pause", "resume", "recheck")) {
                unchanged.add(() -> assertThat(admin.api("POST", PATHS + "/" + id + "/torrents/" + hash + "/" + action).errorCode())
                        .as(action + " of an unknown torrent").isEqualTo("not_found"));
            }
            unchanged.add(() -> assertThat(admin.api("PUT", PATHS + "/" + id + "/torrents/" + hash + "/category", Map.of("category", "tv"))
                    .errorCode()).isEqualTo("not_found"));
            unchanged.add(() -> assertThat(admin.api("DELETE", PATHS + "/" + id + "/torrents/" + hash + "?deleteData=true").errorCode())
                    .isEqualTo("not_found"));
        }
        unchanged.add(() -> assertThat(admin.api("POST", PATHS + "/" + id + "/torrents/not-a-hash/pause").errorCode()).isEqualTo("not_found"));
        for (Runnable badInput : unchanged) {
            badInput.run();
            assertThat(torrents(admin, client)).as("the torrent list after a refused request").isEqualTo(before);
        }
    }

    @Test
    @Order(5)
    void transmission_before_3_00_declares_no_categories_and_a_category_is_refused_naming_it() {
        HttpSession admin = admin();
        JsonNode group = group(admin, oldTransmissionId);
        assertThat(group.get("ok").asBoolean()).as(group.toString()).isTrue();
        assertThat(group.at("/capabilities/categories").asBoolean()).isFalse();
        String hash = group.at("/torrents/0/hash").asText();

        Reply set = admin.api("PUT", PATHS + "/" + oldTransmissionId + "/torrents/" + hash + "/category", Map.of("category", "movies"));
        assertThat(set.errorCode()).isEqualTo("validation_failed");
        assertThat(set.json().at("/error/details/category").asText()).contains("not supported by Transmission", "Old box", "3.00");
        Reply add = admin.api("POST", PATHS + "/" + oldTransmissionId + "/torrents", Map.of("magnet",
                "magnet:?xt=urn:btih:" + NO_SUCH_HASH, "category", "movies"));
        assertThat(add.json().at("/error/details/category").asText()).contains("not supported by Transmission");
        Reply page = admin.multipart("/downloads/add", Map.of("client", String.valueOf(oldTransmissionId), "category", "movies",
                "magnet", "magnet:?xt=urn:btih:" + NO_SUCH_HASH), "torrent", "", null);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("not supported by Transmission");
        assertThat(oldTransmissionAdds).as("nothing reached the daemon").isEmpty();
        assertThat(admin.get("/downloads").body()).contains("id=\"dl-group-" + oldTransmissionId + "\"");

        assertThat(admin.api("POST", PATHS + "/" + oldTransmissionId + "/torrents", Map.of("magnet", "magnet:?xt=urn:btih:" + NO_SUCH_HASH))
                .status()).isEqualTo(201);
        assertThat(oldTransmissionAdds).hasSize(1);
        oldTransmission.assertAllInSpec();
    }

    @Test
    @Order(6)
    void a_daemon_frozen_or_killed_while_the_board_lists_is_one_failed_group_with_a_reason_and_comes_back_after_a_restart()
            throws Exception {
        Client doomed = CLIENTS.get("qBittorrent");
        HttpSession admin = admin();
        byte[] torrent = TorrentFiles.singleFile("survivor.bin", TorrentFiles.randomBytes(30_000));
        String hash = TorrentFiles.infoHash(torrent);
        assertThat(admin.api("POST", PATHS + "/" + doomed.id() + "/torrents", Map.of("torrent", Base64.getEncoder().encodeToString(torrent),
                "paused", true)).status()).isEqualTo(201);
        Await.until(() -> torrent(admin, doomed, hash), node -> node != null);

        // Frozen: the kernel takes the connection, nothing answers; the list gives up on it after its timeout.
        qbittorrent.freeze();
        long started = System.nanoTime();
        Reply frozen = admin.api("GET", PATHS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS * 2L + 1));
        assertFailedBesideTheOthers(frozen, doomed);
        assertThat(problem(frozen, doomed)).contains("qBittorrent", "did not answer in time");

        // Killed while a list is waiting for its answer.
        CompletableFuture<Reply> listing = CompletableFuture.supplyAsync(() -> admin.api("GET", PATHS));
        Thread.sleep(500);
        assertThat(listing).as("the list waits for the frozen daemon").isNotDone();
        long killed = System.nanoTime();
        qbittorrent.kill();
        Reply during = listing.get(TIMEOUT_SECONDS * 3L, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("the list ends when the daemon dies, within its timeout")
                .isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS + 1));
        assertFailedBesideTheOthers(during, doomed);

        // Killed between lists: nothing listens on its port any more.
        Reply after = admin.api("GET", PATHS);
        assertFailedBesideTheOthers(after, doomed);
        assertThat(problem(after, doomed)).contains("qBittorrent", qbittorrent.baseUrl(), "refused the connection");
        Reply pause = admin.api("POST", PATHS + "/" + doomed.id() + "/torrents/" + hash + "/pause");
        assertThat(pause.status()).isEqualTo(502);
        assertThat(pause.errorCode()).isEqualTo("remote_failed");
        assertThat(pause.json().at("/error/message").asText()).contains("qBittorrent");
        assertThat(pause.json().at("/error/details/client").asText()).contains("refused the connection");
        assertThat(admin.get("/downloads").body()).contains("data-failed=\"" + doomed.id() + "\"", "refused the connection",
                "id=\"dl-group-" + CLIENTS.get("Deluge").id() + "\"");

        qbittorrent.restart();
        JsonNode back = Await.until(() -> group(admin, doomed), group -> group.get("ok").asBoolean());
        assertThat(back.get("problem").isNull()).isTrue();
        assertThat(hashes(back)).as("the torrent it had before it was killed").contains(hash);
    }

    /** Transmission 2.94 (rpc-version 15: no labels) as transmission-rpc-spec-4.0.6-legacy.md describes it, holding one torrent. */
    private static void transmission294(Context ctx) throws Exception {
        if (!"sid-294".equals(ctx.header("X-Transmission-Session-Id"))) {
            ctx.status(409).header("X-Transmission-Session-Id", "sid-294"); // 2.3.1
            return;
        }
        JsonNode request = new ObjectMapper().readTree(ctx.body());
        Map<String, Object> torrent = new LinkedHashMap<>(Map.ofEntries(Map.entry("hashString", NO_SUCH_HASH.replace('0', 'a')),
                Map.entry("name", "old.iso"), Map.entry("status", 0), Map.entry("error", 0), Map.entry("percentDone", 0.5),
                Map.entry("metadataPercentComplete", 1), Map.entry("totalSize", 1000), Map.entry("downloadedEver", 500),
                Map.entry("rateDownload", 0), Map.entry("rateUpload", 0), Map.entry("eta", -1), Map.entry("uploadRatio", 0),
                Map.entry("peersConnected", 0), Map.entry("peersSendingToUs", 0), Map.entry("downloadDir", "/downloads"),
                Map.entry("addedDate", 1_600_000_000), Map.entry("doneDate", 0)));
        Map<String, Object> arguments = switch (request.path("method").asText()) {
            case "session-get" -> Map.of("version", "2.94 (d8e60ee44f)", "rpc-version", 15, "rpc-version-minimum", 1);
            case "torrent-get" -> {
                Map<String, Object> asked = new LinkedHashMap<>();
                request.at("/arguments/fields").forEach(field -> asked.put(field.asText(), torrent.get(field.asText())));
                yield Map.of("torrents", List.of(asked));
            }
            case "torrent-add" -> {
                oldTransmissionAdds.add(request.toString());
                yield Map.of("torrent-added", Map.of("id", 2, "name", "new", "hashString", NO_SUCH_HASH));
            }
            default -> Map.of();
        };
        ctx.json(Map.of("result", "success", "arguments", arguments, "tag", request.path("tag").asLong()));
    }

    private static void assertFailedBesideTheOthers(Reply list, Client doomed) {
        assertThat(list.status()).isEqualTo(200);
        JsonNode failed = group(list, doomed.id());
        assertThat(failed.get("ok").asBoolean()).isFalse();
        assertThat(failed.get("torrents")).isEmpty();
        for (String other : List.of("Transmission", "Deluge")) {
            assertThat(group(list, CLIENTS.get(other).id()).get("ok").asBoolean()).as(other + " still lists").isTrue();
        }
    }

    private static String problem(Reply list, Client client) {
        return group(list, client.id()).at("/problem/message").asText();
    }

    /** The client's torrents with what a refused request must not change: hash, state, category, save path. */
    private static String torrents(HttpSession admin, Client client) {
        List<String> rows = new ArrayList<>();
        group(admin, client).get("torrents").forEach(torrent -> rows.add(torrent.get("hash").asText() + " " + torrent.get("state").asText()
                + " " + torrent.path("category").asText() + " " + torrent.get("savePath").asText()));
        return String.join("\n", rows.stream().sorted().toList());
    }

    private static void awaitState(HttpSession admin, Client client, String hash, Predicate<String> wanted) throws InterruptedException {
        Await.until(() -> {
            JsonNode torrent = torrent(admin, client, hash);
            return torrent == null ? "" : torrent.get("state").asText();
        }, wanted);
    }

    private static JsonNode torrent(HttpSession admin, Client client, String hash) {
        for (JsonNode torrent : group(admin, client).get("torrents")) {
            if (torrent.get("hash").asText().equals(hash)) {
                return torrent;
            }
        }
        return null;
    }

    private static List<String> hashes(JsonNode group) {
        List<String> hashes = new ArrayList<>();
        group.get("torrents").forEach(torrent -> hashes.add(torrent.get("hash").asText()));
        return hashes;
    }

    private static JsonNode group(HttpSession admin, Client client) {
        return group(admin, client.id());
    }

    private static JsonNode group(HttpSession admin, long id) {
        return group(admin.api("GET", PATHS), id);
    }

    private static JsonNode group(Reply list, long id) {
        for (JsonNode group : list.json().get("groups")) {
            if (group.get("serviceId").asLong() == id) {
                return group;
            }
        }
        throw new AssertionError("no group " + id + " in " + list.body());
    }
}
