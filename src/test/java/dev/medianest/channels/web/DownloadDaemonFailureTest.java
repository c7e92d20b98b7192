package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.OpenApiContract;
import dev.medianest.testing.QbittorrentDaemon;
import dev.medianest.testing.TestApp;
import dev.medianest.testing.TorrentFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real qbittorrent-nox killed while the Downloads board lists it, beside a second one that keeps
 * running: the board and the API show the dead one as one failed group with a reason a person can act
 * on, the other one still lists, and after a restart the group is back.
 */
class DownloadDaemonFailureTest {

    private static final String PATHS = "/api/v1/downloads";
    private static final int TIMEOUT_SECONDS = 2;

    @TempDir
    static Path dataDir;

    private static TestApp app;
    private static QbittorrentDaemon doomed;
    private static QbittorrentDaemon steady;
    private static long doomedId;
    private static long steadyId;

    @BeforeAll
    static void start() throws Exception {
        doomed = QbittorrentDaemon.start();
        steady = QbittorrentDaemon.start();
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "100000"), MutableClock.startingNow());
        long actor = admin().api("GET", "/api/v1/me").json().get("id").asLong();
        doomedId = create(actor, "Seedbox", doomed);
        steadyId = create(actor, "Backup box", steady);
    }

    private static long create(long actor, String name, QbittorrentDaemon daemon) {
        return app.app().services().create(actor, ServiceDraft.of(ServiceKind.QBITTORRENT, name, daemon.baseUrl(),
                Map.of("username", QbittorrentDaemon.USER), Map.of("password", QbittorrentDaemon.PASSWORD), false, false, false,
                TIMEOUT_SECONDS)).id();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        for (QbittorrentDaemon daemon : new QbittorrentDaemon[] {doomed, steady}) {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    private static HttpSession admin() {
        HttpSession admin = new HttpSession(app.baseUrl(), new OpenApiContract());
        assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
        return admin;
    }

    @Test
    void a_daemon_frozen_or_killed_while_the_board_lists_is_one_failed_group_with_a_reason_and_comes_back_after_a_restart() throws Exception {
        HttpSession admin = admin();
        byte[] torrent = TorrentFiles.singleFile("survivor.bin", TorrentFiles.randomBytes(30_000));
        String hash = TorrentFiles.infoHash(torrent);
        for (long id : List.of(doomedId, steadyId)) {
            assertThat(admin.api("POST", PATHS + "/" + id + "/torrents", Map.of("torrent", Base64.getEncoder().encodeToString(torrent),
                    "paused", true)).status()).isEqualTo(201);
        }
        await(() -> group(admin, doomedId), group -> hashes(group).contains(hash));

        // Frozen: the kernel takes the connection, nothing answers; the list gives up on it after its timeout.
        doomed.freeze();
        long started = System.nanoTime();
        Reply frozen = admin.api("GET", PATHS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS * 2L + 1));
        assertFailedBeside(frozen);
        assertThat(problem(frozen, doomedId)).contains("Seedbox", "did not answer in time");

        // Killed while a list is waiting for its answer.
        CompletableFuture<Reply> listing = CompletableFuture.supplyAsync(() -> admin.api("GET", PATHS));
        Thread.sleep(500);
        assertThat(listing).as("the list waits for the frozen daemon").isNotDone();
        long killed = System.nanoTime();
        doomed.kill();
        Reply during = listing.get(TIMEOUT_SECONDS * 3L, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("the list ends when the daemon dies, within its timeout")
                .isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS + 1));
        assertFailedBeside(during);

        // Killed between lists: nothing listens on its port any more.
        Reply after = admin.api("GET", PATHS);
        assertFailedBeside(after);
        assertThat(problem(after, doomedId)).contains("Seedbox", doomed.baseUrl(), "refused the connection");

        Reply pause = admin.api("POST", PATHS + "/" + doomedId + "/torrents/" + hash + "/pause");
        assertThat(pause.status()).isEqualTo(502);
        assertThat(pause.errorCode()).isEqualTo("remote_failed");
        assertThat(pause.json().at("/error/message").asText()).contains("Seedbox");
        assertThat(pause.json().at("/error/details/client").asText()).contains("refused the connection");
        assertThat(admin.api("POST", PATHS + "/" + steadyId + "/torrents/" + hash + "/resume").status()).isEqualTo(204);
        String page = admin.get("/downloads").body();
        assertThat(page).contains("data-failed=\"" + doomedId + "\"", "id=\"dl-group-" + steadyId + "\"", "refused the connection");

        doomed.restart();
        JsonNode back = await(() -> group(admin, doomedId), group -> group.get("ok").asBoolean());
        assertThat(back.get("problem").isNull()).isTrue();
        assertThat(hashes(back)).as("the torrent it had before it was killed").contains(hash);
        assertThat(admin.api("DELETE", PATHS + "/" + steadyId + "/torrents/" + hash + "?deleteData=true").status()).isEqualTo(204);
    }

    private static void assertFailedBeside(Reply list) {
        assertThat(list.status()).isEqualTo(200);
        JsonNode failed = group(list, doomedId);
        assertThat(failed.get("ok").asBoolean()).isFalse();
        assertThat(failed.get("torrents")).isEmpty();
        assertThat(failed.at("/problem/message").asText()).contains("Seedbox");
        JsonNode listed = group(list, steadyId);
        assertThat(listed.get("ok").asBoolean()).as("the other client still lists").isTrue();
        assertThat(listed.get("torrents")).isNotEmpty();
    }

    private static String problem(Reply list, long id) {
        return group(list, id).at("/problem/message").asText();
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

    private static List<String> hashes(JsonNode group) {
        List<String> hashes = new ArrayList<>();
        group.get("torrents").forEach(torrent -> hashes.add(torrent.get("hash").asText()));
        return hashes;
    }

    private static <T> T await(Supplier<T> read, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            T value = read.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not there after 20 s: " + value);
            }
            Thread.sleep(200);
        }
    }
}
