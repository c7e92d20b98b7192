package dev.medianest.integrations.transmission;

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
import dev.medianest.testing.TorrentFiles;
import dev.medianest.testing.TransmissionDaemon;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drives Debian's real transmission-daemon 3.00 (legacy RPC, rpc-version 16) through MediaNest's
 * connector and DownloadClient. The daemon runs on loopback with a throw-away config directory,
 * DHT, LPD, PEX, µTP and port forwarding off, and only private, tracker-less torrents, so nothing
 * leaves the machine (../shared/notes/torrent-daemons.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransmissionClientTest {

    private static final String USER = TransmissionDaemon.USER;
    private static final String PASSWORD = TransmissionDaemon.PASSWORD;
    private static final String NO_SUCH_HASH = "0123456789abcdef0123456789abcdef01234567";

    private final TransmissionConnector connector = new TransmissionConnector(new RemoteHttp(new ObjectMapper()));
    private TransmissionDaemon transmission;
    private Path data;
    private int rpcPort;
    private DownloadClient client;

    @BeforeAll
    void startDaemon() throws Exception {
        transmission = TransmissionDaemon.start();
        data = transmission.data();
        rpcPort = transmission.port();
        client = connector.client(instance(PASSWORD));
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (transmission != null) {
            transmission.close();
        }
    }

    @Test
    void the_connector_reports_the_version() {
        assertThat(connector.test(instance(PASSWORD))).isEmpty();
        Probe probe = connector.probe(instance(PASSWORD));
        assertThat(probe.state()).isEqualTo(Probe.State.UP);
        assertThat(probe.application()).contains("Transmission");
        assertThat(probe.version()).hasValueSatisfying(version -> assertThat(version).matches("\\d+\\.\\d+.*"));
    }

    @Test
    void a_wrong_password_is_a_clear_problem() {
        ServiceInstance wrong = instance("not the password");
        assertThat(connector.test(wrong)).containsExactly(
                ServiceProblem.of("download.transmission.login_failed", "Transmission", wrong.baseUrl().toString()));
        assertThatThrownBy(() -> connector.client(wrong).torrents())
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILED));
    }

    @Test
    void a_daemon_that_is_not_running_is_unreachable() throws IOException {
        ServiceInstance nowhere = instance(PASSWORD, LoopbackPorts.free());
        assertThat(connector.test(nowhere)).extracting(ServiceProblem::messageKey).containsExactly("remote.unreachable");
    }

    @Test
    void the_session_id_handshake_answers_409_and_is_repeated_with_the_header() throws Exception {
        // The daemon really refuses a call without the header, naming the id it wants.
        HttpResponse<String> bare = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(rpcUrl()))
                .header("Authorization", basic(PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"session-get\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).isEqualTo(409);
        String wanted = bare.headers().firstValue("X-Transmission-Session-Id").orElseThrow();

        TransmissionSession session = new TransmissionSession(instance(PASSWORD));
        assertThat(session.sessionId()).isEmpty();
        TransmissionDownloads downloads = new TransmissionDownloads(new TransmissionClient(new RemoteHttp(new ObjectMapper())), session);
        assertThat(downloads.torrents()).isNotNull();
        assertThat(session.sessionId()).contains(wanted);
        assertThat(session.version()).hasValueSatisfying(version -> {
            assertThat(version.dialect()).isEqualTo(TransmissionClient.Dialect.LEGACY);
            assertThat(version.rpcVersion()).isGreaterThanOrEqualTo(16);
        });

        // A stale id (the daemon restarted) gets another 409 and the call goes through with the new one.
        session.sessionId("stale-id");
        assertThat(downloads.torrents()).isNotNull();
        assertThat(session.sessionId()).contains(wanted);
    }

    @Test
    void a_torrent_goes_through_its_whole_life() throws Exception {
        assertThat(client.capabilities().categories()).isTrue();
        byte[] content = TorrentFiles.randomBytes(40_000);
        Files.write(data.resolve("medianest-sample.bin"), content);
        AddTorrent.File file = TorrentFiles.upload("sample.torrent", TorrentFiles.singleFile("medianest-sample.bin", content));

        String hash = client.add(new AddTorrent(file, Optional.of("movies"), Optional.of(data.toString()), true));
        assertThat(hash).isEqualTo(file.infoHash()).hasSize(40);

        Torrent added = Await.until(() -> find(hash), Optional::isPresent).orElseThrow();
        assertThat(added.name()).isEqualTo("medianest-sample.bin");
        assertThat(added.category()).contains("movies");
        assertThat(added.size()).isEqualTo(content.length);
        assertThat(Path.of(added.savePath())).isEqualTo(data);
        assertThat(added.state()).isIn(TorrentState.PAUSED, TorrentState.CHECKING, TorrentState.COMPLETED);
        assertThat(added.addedAt()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        assertThat(added.eta()).isEmpty();

        client.recheck(hash);
        Torrent checked = Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.progress() == 1.0 && torrent.state() != TorrentState.CHECKING);
        assertThat(checked.state()).isEqualTo(TorrentState.COMPLETED);
        assertThat(checked.downloaded()).isZero();

        client.resume(hash);
        Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.SEEDING);
        client.pause(hash);
        Await.until(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.COMPLETED);

        client.setCategory(hash, "tv");
        assertThat(find(hash).orElseThrow().category()).contains("tv");
        client.setCategory(hash, "");
        assertThat(find(hash).orElseThrow().category()).isEmpty();

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
        // Wait for the check of the existing data to finish: Transmission 3.00 ignores a stop while it verifies, then starts.
        Await.until(() -> find(hash), torrent -> torrent.isPresent() && torrent.get().state() == TorrentState.SEEDING);

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
        assertInvalid(() -> TorrentFiles.upload("notes.torrent", "hello, not bencode".getBytes(StandardCharsets.UTF_8)),
                "torrent", "validation.download.torrent_file");
        byte[] content = TorrentFiles.randomBytes(1000);
        AddTorrent.File file = TorrentFiles.upload("ok.torrent", TorrentFiles.singleFile("medianest-never.bin", content));
        assertInvalid(() -> new AddTorrent(file, Optional.of("movies/4k"), Optional.empty(), true), "category", "validation.download.category");
        assertInvalid(() -> new AddTorrent(file, Optional.empty(), Optional.of("relative/path"), true), "savePath", "validation.download.save_path");
        // Valid for MediaNest, but Transmission keeps labels comma-separated: refused before the daemon is called.
        assertInvalid(() -> client.add(new AddTorrent(file, Optional.of("films,tv"), Optional.empty(), true)),
                "category", "validation.transmission.label");
        assertInvalid(() -> client.setCategory(NO_SUCH_HASH, "a,b"), "category", "validation.transmission.label");
        assertInvalid(() -> client.setCategory(NO_SUCH_HASH, "a/b"), "category", "validation.download.category");
        assertInvalid(() -> client.pause("not-a-hash"), "hash", "validation.download.hash");

        assertThat(client.torrents().stream().map(Torrent::hash).toList()).isEqualTo(before);
    }

    @Test
    void a_torrent_the_daemon_cannot_read_is_a_remote_failure() throws Exception {
        // Bencoded with an info dictionary, so MediaNest passes it on, but without pieces Transmission refuses it.
        AddTorrent.File broken = TorrentFiles.upload("broken.torrent", "d4:infod4:name1:xee".getBytes(StandardCharsets.US_ASCII));
        List<String> before = client.torrents().stream().map(Torrent::hash).toList();
        assertThatThrownBy(() -> client.add(new AddTorrent(broken, Optional.empty(), Optional.empty(), true)))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILED));
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

    private String rpcUrl() {
        return "http://127.0.0.1:" + rpcPort + TransmissionClient.PATH;
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private ServiceInstance instance(String password) {
        return instance(password, rpcPort);
    }

    private static ServiceInstance instance(String password, int port) {
        Instant now = Instant.now();
        return new ServiceInstance(8, ServiceKind.TRANSMISSION, "Transmission", URI.create("http://127.0.0.1:" + port),
                Map.of("username", USER), Map.of("password", password), true, false, false, Duration.ofSeconds(5), true, now, now);
    }
}
