package dev.medianest.integrations.deluge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.downloads.AddTorrent;
import dev.medianest.features.downloads.DownloadClient;
import dev.medianest.features.downloads.Torrent;
import dev.medianest.features.downloads.TorrentState;
import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.Await;
import dev.medianest.testing.DelugeDaemon;
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.TorrentFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drives Debian's real Deluge 2.0.3 ({@code deluged} behind {@code deluge-web}) through MediaNest's
 * connector and DownloadClient. Both run on loopback with a throw-away config directory whose
 * core.conf turns DHT, UPnP, NAT-PMP, LSD and µTP peer exchange off before the session starts,
 * and only private, tracker-less torrents are used, so nothing leaves the machine
 * (../shared/notes/torrent-daemons.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DelugeClientTest {

    private static final String PASSWORD = DelugeDaemon.PASSWORD;
    private static final String NO_SUCH_HASH = "0123456789abcdef0123456789abcdef01234567";

    private final DelugeConnector connector = new DelugeConnector(new RemoteHttp(new ObjectMapper()));
    private DelugeDaemon deluge;
    private Path data;
    private int webPort;
    private DownloadClient client;

    @BeforeAll
    void startDeluge() throws Exception {
        deluge = DelugeDaemon.start();
        data = deluge.data();
        webPort = deluge.port();
        client = connector.client(instance(PASSWORD));
    }

    @AfterAll
    void stopDeluge() throws Exception {
        if (deluge != null) {
            deluge.close();
        }
    }

    @Test
    @Order(1)
    void the_connector_connects_the_web_ui_to_its_daemon_and_reports_the_version() {
        assertThat(connector.test(instance(PASSWORD))).isEmpty();
        Probe probe = connector.probe(instance(PASSWORD));
        assertThat(probe.state()).isEqualTo(Probe.State.UP);
        assertThat(probe.application()).contains("Deluge");
        assertThat(probe.version()).hasValueSatisfying(version -> assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*"));
    }

    @Test
    void a_wrong_password_is_a_clear_problem() {
        ServiceInstance wrong = instance("not the password");
        assertThat(connector.test(wrong)).containsExactly(
                ServiceProblem.of("download.deluge.login_failed", "Deluge", wrong.baseUrl().toString()));
        assertThatThrownBy(() -> connector.client(wrong).torrents())
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILED));
    }

    @Test
    void a_web_ui_without_a_daemon_is_a_clear_problem() throws Exception {
        try (DelugeDaemon lonely = DelugeDaemon.startWebUiWithoutDaemon()) {
            ServiceInstance instance = instance(PASSWORD, lonely.port());
            assertThat(connector.test(instance)).containsExactly(
                    ServiceProblem.of("download.deluge.no_daemon", "Deluge", instance.baseUrl().toString()));
            assertThatThrownBy(() -> connector.client(instance).torrents())
                    .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILED));
        }
    }

    @Test
    void a_web_ui_that_is_not_running_is_unreachable() throws IOException {
        ServiceInstance nowhere = instance(PASSWORD, LoopbackPorts.free());
        assertThat(connector.test(nowhere)).extracting(ServiceProblem::messageKey).containsExactly("remote.unreachable");
    }

    @Test
    void an_expired_session_signs_in_again_once() {
        DelugeSession session = new DelugeSession(instance(PASSWORD));
        session.cookie("_session_id=expired-long-ago");
        assertThat(new DelugeDownloads(new DelugeClient(new RemoteHttp(new ObjectMapper())), session).torrents()).isNotNull();
        assertThat(session.cookie()).hasValueSatisfying(cookie ->
                assertThat(cookie).startsWith("_session_id=").isNotEqualTo("_session_id=expired-long-ago"));
    }

    @Test
    void a_torrent_goes_through_its_whole_life() throws Exception {
        byte[] content = TorrentFiles.randomBytes(40_000);
        Files.write(data.resolve("medianest-sample.bin"), content);
        AddTorrent.File file = TorrentFiles.upload("sample.torrent", TorrentFiles.singleFile("medianest-sample.bin", content));

        boolean labels = client.capabilities().categories();
        String hash = client.add(new AddTorrent(file, labels ? Optional.of("movies") : Optional.empty(), Optional.of(data.toString()), true));
        assertThat(hash).isEqualTo(file.infoHash()).hasSize(40);

        Torrent added = Await.until(() -> find(hash), Optional::isPresent).orElseThrow();
        assertThat(added.name()).isEqualTo("medianest-sample.bin");
        assertThat(added.size()).isEqualTo(content.length);
        assertThat(Path.of(added.savePath())).isEqualTo(data);
        assertThat(added.state()).isIn(TorrentState.PAUSED, TorrentState.CHECKING, TorrentState.COMPLETED);
        assertThat(added.addedAt()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        if (labels) {
            assertThat(added.category()).contains("movies");
        }

        client.recheck(hash);
        Torrent checked = Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.progress() == 1.0 && torrent.state() != TorrentState.CHECKING);
        assertThat(checked.state()).isIn(TorrentState.COMPLETED, TorrentState.SEEDING);
        assertThat(checked.downloaded()).isEqualTo(content.length);

        client.resume(hash);
        Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.SEEDING);
        client.pause(hash);
        Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.COMPLETED);

        if (labels) {
            client.setCategory(hash, "tv");
            assertThat(find(hash).orElseThrow().category()).contains("tv");
            client.setCategory(hash, "");
            assertThat(find(hash).orElseThrow().category()).isEmpty();
        } else {
            assertThatThrownBy(() -> client.setCategory(hash, "tv")).isInstanceOfSatisfying(AppException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                assertThat(e.details()).containsEntry("category", "validation.download.unsupported");
            });
        }

        client.remove(hash, true);
        Await.until(() -> find(hash), Optional::isEmpty);
        Await.until(() -> Files.exists(data.resolve("medianest-sample.bin")), exists -> !exists);
    }

    @Test
    void the_label_plugin_is_switched_on_and_declared() {
        // Debian's deluged ships the Label plugin; the client enables it on first use.
        assertThat(client.capabilities().categories()).isTrue();
        assertThat(client.capabilities().savePath()).isTrue();
    }

    @Test
    void pause_all_and_resume_all_reach_every_torrent() throws Exception {
        byte[] content = TorrentFiles.randomBytes(20_000);
        Files.write(data.resolve("medianest-all.bin"), content);
        AddTorrent.File file = TorrentFiles.upload("all.torrent", TorrentFiles.singleFile("medianest-all.bin", content));
        String hash = client.add(new AddTorrent(file, Optional.empty(), Optional.of(data.toString()), false));
        Await.until(() -> find(hash), torrent -> torrent.isPresent() && torrent.get().state() == TorrentState.SEEDING);

        client.pauseAll();
        Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.COMPLETED);
        client.resumeAll();
        Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.SEEDING);

        client.remove(hash, false);
        Await.until(() -> find(hash), Optional::isEmpty);
        assertThat(data.resolve("medianest-all.bin")).exists();
    }

    @Test
    void an_unknown_hash_is_not_found() {
        for (Runnable action : List.<Runnable>of(() -> client.pause(NO_SUCH_HASH), () -> client.resume(NO_SUCH_HASH),
                () -> client.recheck(NO_SUCH_HASH), () -> client.remove(NO_SUCH_HASH, true),
                () -> client.setCategory(NO_SUCH_HASH, "movies"))) {
            assertThatThrownBy(action::run)
                    .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void invalid_input_is_refused_and_changes_nothing_on_the_daemon() throws Exception {
        List<String> before = client.torrents().stream().map(Torrent::hash).toList();
        byte[] content = TorrentFiles.randomBytes(1000);
        AddTorrent.File file = TorrentFiles.upload("ok.torrent", TorrentFiles.singleFile("medianest-never.bin", content));

        assertInvalid(() -> TorrentFiles.upload("notes.torrent", "hello, not bencode".getBytes(StandardCharsets.UTF_8)),
                "torrent", "validation.download.torrent_file");
        assertInvalid(() -> new AddTorrent(file, Optional.empty(), Optional.of("relative/path"), true), "savePath", "validation.download.save_path");
        // Valid for MediaNest, but not a Label plugin id: refused before the torrent is added, not renamed silently.
        assertInvalid(() -> client.add(new AddTorrent(file, Optional.of("Kids Movies"), Optional.empty(), true)),
                "category", "validation.download.deluge_label");
        assertInvalid(() -> client.setCategory(NO_SUCH_HASH, "a/b"), "category", "validation.download.deluge_label");
        assertInvalid(() -> client.pause("not-a-hash"), "hash", "validation.download.hash");

        assertThat(client.torrents().stream().map(Torrent::hash).toList()).isEqualTo(before);
    }

    private static void assertInvalid(Runnable action, String field, String messageKey) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(AppException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.details()).containsEntry(field, messageKey);
        });
    }

    private Optional<Torrent> find(String hash) {
        return client.torrents().stream().filter(torrent -> torrent.hash().equals(hash)).findFirst();
    }

    private ServiceInstance instance(String password) {
        return instance(password, webPort);
    }

    private static ServiceInstance instance(String password, int port) {
        Instant now = Instant.now();
        return new ServiceInstance(8, ServiceKind.DELUGE, "Deluge", URI.create("http://127.0.0.1:" + port),
                Map.of(), Map.of("password", password), true, false, false, Duration.ofSeconds(5), true, now, now);
    }
}
