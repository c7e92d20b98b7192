package dev.medianest.integrations.transmission;

import dev.medianest.features.downloads.TorrentFileLimit;
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
import dev.medianest.testing.DebianPackages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

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

    private static final TorrentFileLimit TORRENT_LIMIT = new TorrentFileLimit(10);

    private static final DebianPackages.Need TRANSMISSION_DAEMON =
            new DebianPackages.Need("transmission-daemon", Path.of("/usr/bin/transmission-daemon"));
    private static final String USER = "medianest";
    private static final String PASSWORD = "correct horse battery";
    private static final String NO_SUCH_HASH = "0123456789abcdef0123456789abcdef01234567";

    private final TransmissionConnector connector = new TransmissionConnector(new RemoteHttp(new ObjectMapper()));
    private Path home;
    private Path data;
    private int rpcPort;
    private Process daemon;
    private DownloadClient client;

    @BeforeAll
    void startDaemon() throws Exception {
        DebianPackages.ensure(TRANSMISSION_DAEMON);
        home = Files.createTempDirectory("transmission-home");
        Path config = Files.createDirectories(home.resolve("config"));
        data = Files.createDirectories(home.resolve("data"));
        rpcPort = freePort();
        Files.writeString(config.resolve("settings.json"), settings(freePort()));
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/transmission-daemon", "--foreground", "--config-dir", config.toString(),
                "--port", Integer.toString(rpcPort), "--rpc-bind-address", "127.0.0.1",
                "--auth", "--username", USER, "--password", PASSWORD)
                .redirectErrorStream(true).redirectOutput(home.resolve("daemon.log").toFile());
        builder.environment().put("HOME", home.toString());
        daemon = builder.start();
        awaitRpc();
        client = connector.client(instance(PASSWORD));
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
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
        ServiceInstance nowhere = instance(PASSWORD, freePort());
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
        byte[] content = randomBytes(40_000);
        Files.write(data.resolve("medianest-sample.bin"), content);
        AddTorrent.File file = AddTorrent.File.of("sample.torrent", singleFileTorrent("medianest-sample.bin", content), TORRENT_LIMIT);

        String hash = client.add(new AddTorrent(file, Optional.of("movies"), Optional.of(data.toString()), true));
        assertThat(hash).isEqualTo(file.infoHash()).hasSize(40);

        Torrent added = await(() -> find(hash), Optional::isPresent).orElseThrow();
        assertThat(added.name()).isEqualTo("medianest-sample.bin");
        assertThat(added.category()).contains("movies");
        assertThat(added.size()).isEqualTo(content.length);
        assertThat(Path.of(added.savePath())).isEqualTo(data);
        assertThat(added.state()).isIn(TorrentState.PAUSED, TorrentState.CHECKING, TorrentState.COMPLETED);
        assertThat(added.addedAt()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        assertThat(added.eta()).isEmpty();

        client.recheck(hash);
        Torrent checked = await(() -> find(hash).orElseThrow(), torrent -> torrent.progress() == 1.0 && torrent.state() != TorrentState.CHECKING);
        assertThat(checked.state()).isEqualTo(TorrentState.COMPLETED);
        assertThat(checked.downloaded()).isZero();

        client.resume(hash);
        await(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.SEEDING);
        client.pause(hash);
        await(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.COMPLETED);

        client.setCategory(hash, "tv");
        assertThat(find(hash).orElseThrow().category()).contains("tv");
        client.setCategory(hash, "");
        assertThat(find(hash).orElseThrow().category()).isEmpty();

        client.remove(hash, true);
        await(() -> find(hash), Optional::isEmpty);
        await(() -> Files.exists(data.resolve("medianest-sample.bin")), exists -> !exists);
    }

    @Test
    void pause_all_and_resume_all_reach_every_torrent() throws Exception {
        byte[] content = randomBytes(20_000);
        Files.write(data.resolve("medianest-all.bin"), content);
        AddTorrent.File file = AddTorrent.File.of("all.torrent", singleFileTorrent("medianest-all.bin", content), TORRENT_LIMIT);
        String hash = client.add(new AddTorrent(file, Optional.empty(), Optional.of(data.toString()), false));
        // Wait for the check of the existing data to finish: Transmission 3.00 ignores a stop while it verifies, then starts.
        await(() -> find(hash), torrent -> torrent.isPresent() && torrent.get().state() == TorrentState.SEEDING);

        client.pauseAll();
        await(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.PAUSED || torrent.state() == TorrentState.COMPLETED);
        client.resumeAll();
        await(() -> find(hash).orElseThrow(), torrent -> torrent.state() != TorrentState.PAUSED && torrent.state() != TorrentState.COMPLETED);

        client.remove(hash, false);
        await(() -> find(hash), Optional::isEmpty);
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
        assertInvalid(() -> AddTorrent.File.of("notes.torrent", "hello, not bencode".getBytes(StandardCharsets.UTF_8), TORRENT_LIMIT),
                "torrent", "validation.download.torrent_file");
        byte[] content = randomBytes(1000);
        AddTorrent.File file = AddTorrent.File.of("ok.torrent", singleFileTorrent("medianest-never.bin", content), TORRENT_LIMIT);
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
        AddTorrent.File broken = AddTorrent.File.of("broken.torrent", "d4:infod4:name1:xee".getBytes(StandardCharsets.US_ASCII), TORRENT_LIMIT);
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

    /** Polls the real daemon until the condition holds; its state changes arrive asynchronously. */
    private static <T> T await(Supplier<T> read, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not there after 10 s: " + value);
            }
            Thread.sleep(100);
            value = read.get();
        }
        return value;
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

    private void awaitRpc() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl())).timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new AssertionError("transmission-daemon exited: " + Files.readString(home.resolve("daemon.log")));
            }
            try {
                // Any answer (401 without credentials) shows the RPC server is listening.
                http.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("transmission-daemon's RPC did not answer within 20 s: " + Files.readString(home.resolve("daemon.log")));
    }

    /** settings.json per torrent-daemons.md: nothing leaves loopback, no queues to wait in. */
    private String settings(int peerPort) throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("dht-enabled", false);
        settings.put("lpd-enabled", false);
        settings.put("pex-enabled", false);
        settings.put("utp-enabled", false);
        settings.put("port-forwarding-enabled", false);
        settings.put("blocklist-enabled", false);
        settings.put("peer-port", peerPort);
        settings.put("peer-port-random-on-start", false);
        settings.put("bind-address-ipv4", "127.0.0.1");
        settings.put("bind-address-ipv6", "::1");
        settings.put("download-dir", data.toString());
        settings.put("incomplete-dir", data.resolve("incomplete").toString());
        settings.put("incomplete-dir-enabled", false);
        settings.put("download-queue-enabled", false);
        settings.put("seed-queue-enabled", false);
        settings.put("rpc-whitelist-enabled", true);
        settings.put("rpc-whitelist", "127.0.0.1");
        settings.put("rpc-host-whitelist-enabled", false);
        settings.put("message-level", 1);
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(settings);
    }

    /** A private, tracker-less single-file torrent (BEP 3 metainfo; "private" per BEP 27 keeps it off DHT and PEX). */
    private static byte[] singleFileTorrent(String name, byte[] content) throws Exception {
        int pieceLength = 16_384;
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        for (int offset = 0; offset < content.length; offset += pieceLength) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(content, offset, Math.min(pieceLength, content.length - offset));
            pieces.writeBytes(sha1.digest());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ascii(out, "d10:created by9:MediaNest4:infod");
        ascii(out, "6:lengthi" + content.length + "e");
        ascii(out, "4:name" + name.length() + ":" + name);
        ascii(out, "12:piece lengthi" + pieceLength + "e");
        ascii(out, "6:pieces" + pieces.size() + ":");
        out.writeBytes(pieces.toByteArray());
        ascii(out, "7:privatei1eee");
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
