package dev.medianest.integrations.deluge;

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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
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
 * Drives Debian's real Deluge 2.0.3 ({@code deluged} behind {@code deluge-web}) through MediaNest's
 * connector and DownloadClient. Both run on loopback with a throw-away config directory whose
 * core.conf turns DHT, UPnP, NAT-PMP, LSD and µTP peer exchange off before the session starts,
 * and only private, tracker-less torrents are used, so nothing leaves the machine
 * (../shared/notes/torrent-daemons.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DelugeClientTest {

    private static final TorrentFileLimit TORRENT_LIMIT = new TorrentFileLimit(10);

    private static final DebianPackages.Need DELUGED = new DebianPackages.Need("deluged", Path.of("/usr/bin/deluged"));
    private static final DebianPackages.Need DELUGE_WEB = new DebianPackages.Need("deluge-web", Path.of("/usr/bin/deluge-web"));
    private static final String PASSWORD = "correct horse battery";
    private static final String NO_SUCH_HASH = "0123456789abcdef0123456789abcdef01234567";

    private final DelugeConnector connector = new DelugeConnector(new RemoteHttp(new ObjectMapper()));
    private Path config;
    private Path data;
    private int webPort;
    private Process daemon;
    private Process web;
    private DownloadClient client;

    @BeforeAll
    void startDeluge() throws Exception {
        DebianPackages.ensure(DELUGED, DELUGE_WEB);
        config = Files.createTempDirectory("deluge-config");
        data = Files.createDirectories(config.resolve("data"));
        int daemonPort = freePort();
        webPort = freePort();
        int peerPort = freePort();
        String localPassword = HexFormat.of().formatHex(randomBytes(16));
        // Deluge's config files are two JSON objects in a row: the version header, then the values.
        Files.writeString(config.resolve("core.conf"), "{\"file\": 1, \"format\": 1}" + json(Map.ofEntries(
                Map.entry("listen_ports", List.of(peerPort, peerPort)), Map.entry("random_port", false),
                Map.entry("listen_interface", "127.0.0.1"), Map.entry("dht", false), Map.entry("upnp", false),
                Map.entry("natpmp", false), Map.entry("lsd", false), Map.entry("utpex", false),
                Map.entry("new_release_check", false), Map.entry("send_info", false), Map.entry("allow_remote", false),
                Map.entry("daemon_port", daemonPort), Map.entry("download_location", data.toString()),
                Map.entry("enabled_plugins", List.of()))));
        Files.writeString(config.resolve("auth"), "localclient:" + localPassword + ":10\n");
        Files.writeString(config.resolve("hostlist.conf"), "{\"file\": 3, \"format\": 1}" + json(Map.of(
                "hosts", List.of(List.of("medianesthost", "127.0.0.1", daemonPort, "localclient", localPassword)))));
        // web.conf keeps sha1(salt + password) (deluge/ui/web/auth.py, check_password).
        String salt = HexFormat.of().formatHex(randomBytes(20));
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest((salt + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        Files.writeString(config.resolve("web.conf"), "{\"file\": 2, \"format\": 1}" + json(Map.of(
                "pwd_salt", salt, "pwd_sha1", sha1, "port", webPort, "interface", "127.0.0.1",
                "first_login", false, "default_daemon", "")));

        // "-L none": Deluge 2.0.3's logging raises on Python 3.11 (torrent-daemons.md); errors still reach the exit code.
        daemon = start("daemon.log", "/usr/bin/deluged", "-c", config.toString(), "-p", Integer.toString(daemonPort),
                "-u", "127.0.0.1", "-i", "127.0.0.1", "-d", "-L", "none");
        web = start("web.log", "/usr/bin/deluge-web", "-c", config.toString(), "-p", Integer.toString(webPort),
                "-i", "127.0.0.1", "-d", "-L", "none");
        awaitPort(daemon, daemonPort, "daemon.log");
        awaitPort(web, webPort, "web.log");
        client = connector.client(instance(PASSWORD));
    }

    @AfterAll
    void stopDeluge() throws Exception {
        for (Process process : new Process[] {web, daemon}) {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
        if (config != null) {
            try (Stream<Path> files = Files.walk(config)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
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
        // A second Web UI whose only known daemon does not run: it signs in, but cannot connect.
        Path lonely = Files.createDirectories(config.resolve("lonely"));
        int port = freePort();
        Files.writeString(lonely.resolve("hostlist.conf"), "{\"file\": 3, \"format\": 1}" + json(Map.of(
                "hosts", List.of(List.of("nodaemon", "127.0.0.1", freePort(), "localclient", "unused")))));
        Files.copy(config.resolve("web.conf"), lonely.resolve("web.conf"));
        Process lonelyWeb = start("lonely/web.log", "/usr/bin/deluge-web", "-c", lonely.toString(), "-p", Integer.toString(port),
                "-i", "127.0.0.1", "-d", "-L", "none");
        try {
            awaitPort(lonelyWeb, port, "lonely/web.log");
            ServiceInstance instance = instance(PASSWORD, port);
            assertThat(connector.test(instance)).containsExactly(
                    ServiceProblem.of("download.deluge.no_daemon", "Deluge", instance.baseUrl().toString()));
            assertThatThrownBy(() -> connector.client(instance).torrents())
                    .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILED));
        } finally {
            lonelyWeb.destroy();
            if (!lonelyWeb.waitFor(10, TimeUnit.SECONDS)) {
                lonelyWeb.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void a_web_ui_that_is_not_running_is_unreachable() throws IOException {
        ServiceInstance nowhere = instance(PASSWORD, freePort());
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
        byte[] content = randomBytes(40_000);
        Files.write(data.resolve("medianest-sample.bin"), content);
        AddTorrent.File file = AddTorrent.File.of("sample.torrent", singleFileTorrent("medianest-sample.bin", content), TORRENT_LIMIT);

        boolean labels = client.capabilities().categories();
        String hash = client.add(new AddTorrent(file, labels ? Optional.of("movies") : Optional.empty(), Optional.of(data.toString()), true));
        assertThat(hash).isEqualTo(file.infoHash()).hasSize(40);

        Torrent added = await(() -> find(hash), Optional::isPresent).orElseThrow();
        assertThat(added.name()).isEqualTo("medianest-sample.bin");
        assertThat(added.size()).isEqualTo(content.length);
        assertThat(Path.of(added.savePath())).isEqualTo(data);
        assertThat(added.state()).isIn(TorrentState.PAUSED, TorrentState.CHECKING, TorrentState.COMPLETED);
        assertThat(added.addedAt()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        if (labels) {
            assertThat(added.category()).contains("movies");
        }

        client.recheck(hash);
        Torrent checked = await(() -> find(hash).orElseThrow(), torrent -> torrent.progress() == 1.0 && torrent.state() != TorrentState.CHECKING);
        assertThat(checked.state()).isIn(TorrentState.COMPLETED, TorrentState.SEEDING);
        assertThat(checked.downloaded()).isEqualTo(content.length);

        client.resume(hash);
        await(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.SEEDING);
        client.pause(hash);
        await(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.COMPLETED);

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
        await(() -> find(hash), Optional::isEmpty);
        await(() -> Files.exists(data.resolve("medianest-sample.bin")), exists -> !exists);
    }

    @Test
    void the_label_plugin_is_switched_on_and_declared() {
        // Debian's deluged ships the Label plugin; the client enables it on first use.
        assertThat(client.capabilities().categories()).isTrue();
        assertThat(client.capabilities().savePath()).isTrue();
    }

    @Test
    void pause_all_and_resume_all_reach_every_torrent() throws Exception {
        byte[] content = randomBytes(20_000);
        Files.write(data.resolve("medianest-all.bin"), content);
        AddTorrent.File file = AddTorrent.File.of("all.torrent", singleFileTorrent("medianest-all.bin", content), TORRENT_LIMIT);
        String hash = client.add(new AddTorrent(file, Optional.empty(), Optional.of(data.toString()), false));
        await(() -> find(hash), torrent -> torrent.isPresent() && torrent.get().state() == TorrentState.SEEDING);

        client.pauseAll();
        await(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.COMPLETED);
        client.resumeAll();
        await(() -> find(hash).orElseThrow(), torrent -> torrent.state() == TorrentState.SEEDING);

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
        byte[] content = randomBytes(1000);
        AddTorrent.File file = AddTorrent.File.of("ok.torrent", singleFileTorrent("medianest-never.bin", content), TORRENT_LIMIT);

        assertInvalid(() -> AddTorrent.File.of("notes.torrent", "hello, not bencode".getBytes(StandardCharsets.UTF_8), TORRENT_LIMIT),
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

    private ServiceInstance instance(String password) {
        return instance(password, webPort);
    }

    private static ServiceInstance instance(String password, int port) {
        Instant now = Instant.now();
        return new ServiceInstance(8, ServiceKind.DELUGE, "Deluge", URI.create("http://127.0.0.1:" + port),
                Map.of(), Map.of("password", password), true, false, false, Duration.ofSeconds(5), true, now, now);
    }

    private Process start(String log, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(config.toFile())
                .redirectErrorStream(true).redirectOutput(config.resolve(log).toFile());
        builder.environment().put("HOME", config.toString());
        builder.environment().put("XDG_CONFIG_HOME", config.resolve("xdg").toString());
        return builder.start();
    }

    private void awaitPort(Process process, int port, String log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(log + ": the process exited: " + Files.readString(config.resolve(log)));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError(log + ": nothing listens on " + port + " after 20 s: " + Files.readString(config.resolve(log)));
    }

    private static String json(Object value) throws IOException {
        return new ObjectMapper().writeValueAsString(value);
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
