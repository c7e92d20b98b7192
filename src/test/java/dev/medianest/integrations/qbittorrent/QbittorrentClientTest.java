package dev.medianest.integrations.qbittorrent;

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
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.QbittorrentDaemon;
import dev.medianest.testing.TorrentFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Drives Debian's real qbittorrent-nox 4.5.2 through MediaNest's connector and DownloadClient.
 * The daemon runs on loopback with a throw-away profile, DHT/PEX/LSD/UPnP and the GeoIP lookup
 * off, and only private, tracker-less torrents, so nothing leaves the machine
 * (../shared/notes/torrent-daemons.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QbittorrentClientTest {

    private static final String USER = QbittorrentDaemon.USER;
    private static final String PASSWORD = QbittorrentDaemon.PASSWORD;
    private static final String API_KEY = "qbt_" + "0123456789abcdefghijABCDEFGH";
    private static final String NO_SUCH_HASH = "0123456789abcdef0123456789abcdef01234567";

    private final QbittorrentConnector connector = new QbittorrentConnector(new RemoteHttp(new ObjectMapper()));
    private QbittorrentDaemon qbittorrent;
    private Path data;
    private int webPort;
    private DownloadClient client;

    @BeforeAll
    void startDaemon() throws Exception {
        qbittorrent = QbittorrentDaemon.start();
        data = qbittorrent.data();
        webPort = URI.create(qbittorrent.baseUrl()).getPort();
        client = connector.client(instance(PASSWORD));
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (qbittorrent != null) {
            qbittorrent.close();
        }
    }

    @Test
    void the_connector_signs_in_and_reports_the_version() {
        assertThat(connector.test(instance(PASSWORD))).isEmpty();
        Probe probe = connector.probe(instance(PASSWORD));
        assertThat(probe.state()).isEqualTo(Probe.State.UP);
        assertThat(probe.application()).contains("qBittorrent");
        assertThat(probe.version()).hasValueSatisfying(version -> assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*"));
    }

    @Test
    void a_wrong_password_is_a_clear_problem() {
        ServiceInstance wrong = instance("not the password");
        assertThat(connector.test(wrong)).containsExactly(
                ServiceProblem.of("download.qbittorrent.login_failed", "qBittorrent", wrong.baseUrl().toString()));
        assertThatThrownBy(() -> connector.client(wrong).torrents())
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILED));
    }

    @Test
    void an_api_key_to_qbittorrent_4_5_2_is_refused_with_a_problem_that_says_keys_came_in_5_2() {
        // 4.5.2 ignores the Authorization header, and without a session answers every call but auth/login with 403,
        // app/version included, so neither a wrong key nor an old version can be told apart (checked here for real).
        ServiceInstance keyed = withApiKey(instance(PASSWORD), API_KEY);
        assertThat(connector.test(keyed)).containsExactly(
                ServiceProblem.of("download.qbittorrent.api_key_refused", "qBittorrent", keyed.baseUrl().toString()));
        assertThatThrownBy(() -> connector.client(keyed).torrents())
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILED));
    }

    @Test
    void an_api_key_to_a_4_5_2_that_lets_localhost_in_unsigned_is_named_useless() throws Exception {
        ServiceInstance keyed = withApiKey(instance(PASSWORD), API_KEY);
        qbittorrent.setPreferences("{\"bypass_local_auth\":true}");
        try {
            // Now the version can be read without the key, and it says the key was never looked at.
            Probe probe = connector.probe(keyed);
            assertThat(probe.state()).isEqualTo(Probe.State.DEGRADED);
            assertThat(probe.version()).contains("4.5.2");
            assertThat(probe.problems()).containsExactly(ServiceProblem.of("download.qbittorrent.api_key_unsupported", "qBittorrent", "4.5.2"));
        } finally {
            qbittorrent.setPreferences("{\"bypass_local_auth\":false}");
        }
        assertThat(connector.test(keyed)).extracting(ServiceProblem::messageKey).containsExactly("download.qbittorrent.api_key_refused");
    }

    @Test
    void an_expired_session_signs_in_again_once() {
        RemoteHttp http = new RemoteHttp(new ObjectMapper());
        QbittorrentSession session = new QbittorrentSession(instance(PASSWORD));
        session.cookie("SID=expired-long-ago");
        assertThat(new QbittorrentDownloads(new QbittorrentClient(http), session).torrents()).isNotNull();
        assertThat(session.cookie()).hasValueSatisfying(cookie -> assertThat(cookie).startsWith("SID=").isNotEqualTo("SID=expired-long-ago"));
    }

    @Test
    void the_daemon_keeps_to_loopback() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String origin = "http://127.0.0.1:" + webPort;
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/v2/auth/login"))
                .header("Referer", origin + "/").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + USER + "&password=" + PASSWORD.replace(" ", "+"))).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        HttpResponse<String> preferences = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/v2/app/preferences"))
                .header("Referer", origin + "/").header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        var json = new ObjectMapper().readTree(preferences.body());
        for (String off : List.of("dht", "pex", "lsd", "upnp", "resolve_peer_countries")) {
            assertThat(json.path(off).asBoolean(true)).as(off).isFalse();
        }
        assertThat(json.path("web_ui_address").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void a_daemon_that_is_not_running_is_unreachable() throws IOException {
        ServiceInstance nowhere = instance(PASSWORD, LoopbackPorts.free());
        assertThat(connector.test(nowhere)).extracting(ServiceProblem::messageKey).containsExactly("remote.unreachable");
    }

    @Test
    void a_torrent_goes_through_its_whole_life() throws Exception {
        byte[] content = TorrentFiles.randomBytes(40_000);
        Files.write(data.resolve("medianest-sample.bin"), content);
        AddTorrent.File file = TorrentFiles.upload("sample.torrent", TorrentFiles.singleFile("medianest-sample.bin", content));

        String hash = client.add(new AddTorrent(file, Optional.of("movies"), Optional.of(data.toString()), true));
        assertThat(hash).isEqualTo(file.infoHash()).hasSize(40);

        Torrent added = Await.until(() -> find(hash), torrent -> torrent.isPresent()).orElseThrow();
        assertThat(added.name()).isEqualTo("medianest-sample.bin");
        assertThat(added.category()).contains("movies");
        assertThat(added.size()).isEqualTo(content.length);
        assertThat(Path.of(added.savePath())).isEqualTo(data);
        assertThat(added.state()).isIn(TorrentState.PAUSED, TorrentState.CHECKING, TorrentState.COMPLETED);
        assertThat(added.addedAt()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));

        client.recheck(hash);
        Torrent checked = Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.progress() == 1.0 && torrent.state() != TorrentState.CHECKING);
        assertThat(checked.state()).isEqualTo(TorrentState.COMPLETED);

        client.resume(hash);
        Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.SEEDING);
        client.pause(hash);
        Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.COMPLETED);

        client.setCategory(hash, "tv");
        assertThat(find(hash).orElseThrow().category()).contains("tv");

        client.remove(hash, true);
        Await.until(() -> find(hash), Optional::isEmpty);
        Await.until(() -> Files.exists(data.resolve("medianest-sample.bin")), exists -> !exists);
    }

    @Test
    void pause_all_and_resume_all_reach_every_torrent() throws Exception {
        byte[] content = TorrentFiles.randomBytes(20_000);
        Files.write(data.resolve("medianest-all.bin"), content);
        AddTorrent.File file = TorrentFiles.upload("all.torrent", TorrentFiles.singleFile("medianest-all.bin", content));
        String hash = client.add(new AddTorrent(file, Optional.empty(), Optional.of(data.toString()), false));
        Await.until(() -> find(hash), torrent -> torrent.isPresent() && torrent.get().state() != TorrentState.PAUSED);

        client.pauseAll();
        Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.PAUSED || torrent.state() == TorrentState.COMPLETED);
        client.resumeAll();
        Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.state() != TorrentState.PAUSED && torrent.state() != TorrentState.COMPLETED);

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

        assertInvalid(() -> new AddTorrent.Magnet("magnet:?xt=urn:btih:not-a-hash"), "magnet", "validation.download.magnet");
        assertInvalid(() -> new AddTorrent.Magnet("http://example.org/x.torrent"), "magnet", "validation.download.magnet");
        assertInvalid(() -> TorrentFiles.upload("notes.torrent", "hello, not bencode".getBytes(StandardCharsets.UTF_8)),
                "torrent", "validation.download.torrent_file");
        assertInvalid(() -> TorrentFiles.upload("list.torrent", "li1ei2ee".getBytes(StandardCharsets.US_ASCII)),
                "torrent", "validation.download.torrent_file");
        assertInvalid(() -> TorrentFiles.upload("no-info.torrent", "d4:name1:xe".getBytes(StandardCharsets.US_ASCII)),
                "torrent", "validation.download.torrent_file");
        assertThatThrownBy(() -> TorrentFiles.upload("huge.torrent", new byte[(int) TorrentFiles.LIMIT.bytes() + 1]))
                .isInstanceOfSatisfying(AppException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TORRENT_TOO_LARGE);
                    assertThat(e.details()).containsEntry("torrent", "validation.download.torrent_too_large");
                    assertThat(e.args()).containsExactly(10);
                });

        byte[] content = TorrentFiles.randomBytes(1000);
        AddTorrent.File file = TorrentFiles.upload("ok.torrent", TorrentFiles.singleFile("medianest-never.bin", content));
        assertInvalid(() -> new AddTorrent(file, Optional.of("movies/4k"), Optional.empty(), true), "category", "validation.download.category");
        assertInvalid(() -> new AddTorrent(file, Optional.of("bad\u0007bell"), Optional.empty(), true), "category", "validation.download.category");
        assertInvalid(() -> new AddTorrent(file, Optional.of("x".repeat(65)), Optional.empty(), true), "category", "validation.download.category");
        assertInvalid(() -> new AddTorrent(file, Optional.empty(), Optional.of("relative/path"), true), "savePath", "validation.download.save_path");
        assertInvalid(() -> client.setCategory(NO_SUCH_HASH, "a/b"), "category", "validation.download.category");
        assertInvalid(() -> client.pause("not-a-hash"), "hash", "validation.download.hash");

        assertThat(client.torrents().stream().map(Torrent::hash).toList()).isEqualTo(before);
        assertThat(new AddTorrent.Magnet("magnet:?xt=urn:btih:" + NO_SUCH_HASH.toUpperCase() + "&dn=x").knownHash()).contains(NO_SUCH_HASH);
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

    private static ServiceInstance withApiKey(ServiceInstance instance, String apiKey) {
        Map<String, String> secrets = new java.util.HashMap<>(instance.secrets());
        secrets.put("apiKey", apiKey);
        return new ServiceInstance(instance.id(), instance.kind(), instance.name(), instance.baseUrl(), instance.options(), secrets,
                instance.isDefault(), instance.is4k(), instance.allowSelfSigned(), instance.timeout(), instance.secretsReadable(),
                instance.createdAt(), instance.updatedAt());
    }

    private ServiceInstance instance(String password) {
        return instance(password, webPort);
    }

    private static ServiceInstance instance(String password, int port) {
        Instant now = Instant.now();
        return new ServiceInstance(7, ServiceKind.QBITTORRENT, "qBittorrent", URI.create("http://127.0.0.1:" + port),
                Map.of("username", USER), Map.of("password", password), true, false, false, Duration.ofSeconds(5), true, now, now);
    }
}
