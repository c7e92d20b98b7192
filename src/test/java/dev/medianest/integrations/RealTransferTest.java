package dev.medianest.integrations;

import dev.medianest.features.downloads.TorrentFileLimit;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.downloads.AddTorrent;
import dev.medianest.features.downloads.DownloadClient;
import dev.medianest.features.downloads.Torrent;
import dev.medianest.features.downloads.TorrentState;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.integrations.qbittorrent.QbittorrentConnector;
import dev.medianest.integrations.transmission.TransmissionConnector;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.DebianPackages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real transfer between two real daemons, driven through MediaNest: a file made here, a .torrent made
 * by Debian's mktorrent announcing to a local opentracker, seeded by transmission-daemon and added
 * through MediaNest's DownloadClient to qbittorrent-nox, which downloads it.
 *
 * <p>Why this pair (../shared/notes/torrent-daemons.md): Transmission 3.00 never dials 127.x peers, so
 * it can only be the seeder, and qBittorrent (libtorrent) dials the peers the tracker gives it. Each
 * daemon's peer traffic has its own loopback address (Transmission 127.0.0.1, qBittorrent 127.0.0.2);
 * web UI and RPC stay on 127.0.0.1; DHT, PEX, LSD, UPnP are off everywhere and the torrent is private,
 * so nothing leaves loopback. Transmission's upload is capped so the download takes a few seconds and
 * MediaNest can be seen reporting progress on the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealTransferTest {

    private static final TorrentFileLimit TORRENT_LIMIT = new TorrentFileLimit(10);

    private static final DebianPackages.Need MKTORRENT = new DebianPackages.Need("mktorrent", Path.of("/usr/bin/mktorrent"));
    private static final DebianPackages.Need OPENTRACKER = new DebianPackages.Need("opentracker", Path.of("/usr/bin/opentracker"));
    private static final DebianPackages.Need TRANSMISSION_DAEMON =
            new DebianPackages.Need("transmission-daemon", Path.of("/usr/bin/transmission-daemon"));
    private static final DebianPackages.Need QBITTORRENT_NOX =
            new DebianPackages.Need("qbittorrent-nox", Path.of("/usr/bin/qbittorrent-nox"));

    private static final String USER = "medianest";
    private static final String PASSWORD = "correct horse battery";
    private static final String FILE_NAME = "medianest-transfer.bin";
    private static final int FILE_BYTES = 12 * 1024 * 1024;
    /** Transmission's upload cap in kB/s: 12 MiB take about four seconds, long enough to see progress. */
    private static final int SEED_LIMIT_KBPS = 3000;
    private static final Duration TRANSFER_DEADLINE = Duration.ofSeconds(90);

    private final RemoteHttp http = new RemoteHttp(new ObjectMapper());
    private final List<Process> processes = new ArrayList<>();
    private Path work;
    private Path trackerRoot;
    private Path seedData;
    private Path leechData;
    private int trackerPort;
    private int transmissionRpcPort;
    private int qbittorrentWebPort;
    private DownloadClient seeder;
    private DownloadClient leecher;

    @BeforeAll
    void startEverything() throws Exception {
        DebianPackages.ensure(MKTORRENT, OPENTRACKER, TRANSMISSION_DAEMON, QBITTORRENT_NOX);
        work = Files.createTempDirectory("real-transfer");
        seedData = Files.createDirectories(work.resolve("seed"));
        leechData = Files.createDirectories(work.resolve("leech"));
        trackerRoot = Files.createDirectories(work.resolve("tracker"));
        trackerPort = freePort();
        transmissionRpcPort = freePort();
        qbittorrentWebPort = freePort();
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void a_file_seeded_by_transmission_reaches_qbittorrent_through_medianest() throws Exception {
        byte[] content = new byte[FILE_BYTES];
        new SecureRandom().nextBytes(content);
        Path original = seedData.resolve(FILE_NAME);
        Files.write(original, content);

        Path torrentFile = work.resolve("transfer.torrent");
        run(work, "/usr/bin/mktorrent", "-p", "-l", "18", "-a", "http://127.0.0.1:" + trackerPort + "/announce",
                "-o", torrentFile.toString(), original.toString());
        AddTorrent.File torrent = AddTorrent.File.of("transfer.torrent", Files.readAllBytes(torrentFile), TORRENT_LIMIT);
        String hash = torrent.infoHash();

        startTracker(hash);
        startTransmission();
        startQbittorrent();

        // The seeder gets the torrent through MediaNest too, checks the file it already has and announces.
        assertThat(seeder.add(new AddTorrent(torrent, Optional.empty(), Optional.of(seedData.toString()), false))).isEqualTo(hash);
        Torrent seeding = await(seeder, hash, Duration.ofSeconds(30),
                t -> t.progress() == 1.0 && t.state() == TorrentState.SEEDING, "Transmission seeding");
        assertThat(seeding.size()).isEqualTo(FILE_BYTES);
        // Transmission never dials 127.x peers: qBittorrent must get Transmission from its first announce,
        // so wait until the tracker lists the seed (the next announce would be half an hour later).
        awaitTrackerSeed(hash);

        long started = System.nanoTime();
        assertThat(leecher.add(new AddTorrent(torrent, Optional.of("transfer"), Optional.of(leechData.toString()), false)))
                .isEqualTo(hash);

        List<Double> readings = new ArrayList<>();
        long deadline = started + TRANSFER_DEADLINE.toNanos();
        Torrent last = null;
        while (true) {
            Optional<Torrent> now = find(leecher, hash);
            if (now.isPresent()) {
                last = now.get();
                readings.add(last.progress());
                if (last.progress() == 1.0 && (last.state() == TorrentState.SEEDING || last.state() == TorrentState.COMPLETED)) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("qBittorrent did not finish within " + TRANSFER_DEADLINE.toSeconds() + " s: " + last
                        + "\nlast readings " + readings.subList(Math.max(0, readings.size() - 10), readings.size()) + "\nseeder " + find(seeder, hash) + "\n" + logs());
            }
            Thread.sleep(200);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("RealTransferTest: " + FILE_BYTES + " bytes in " + took.toMillis() + " ms, "
                + readings.size() + " readings");

        assertThat(readings).as("progress MediaNest reported on the way").anySatisfy(p -> assertThat(p).isStrictlyBetween(0.0, 1.0));
        assertThat(readings).as("progress never goes back").isSorted();
        assertThat(last.progress()).isEqualTo(1.0);
        assertThat(last.state()).isIn(TorrentState.SEEDING, TorrentState.COMPLETED);
        assertThat(last.size()).isEqualTo(FILE_BYTES);
        assertThat(last.category()).contains("transfer");
        assertThat(Path.of(last.savePath())).isEqualTo(leechData);
        assertThat(Files.readAllBytes(leechData.resolve(FILE_NAME))).isEqualTo(content);
    }

    private void startTracker(String hash) throws Exception {
        // opentracker chroots into -d and drops to "nobody": the whitelist lives inside and must be readable.
        Files.writeString(trackerRoot.resolve("whitelist"), hash + "\n");
        Files.setPosixFilePermissions(trackerRoot, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(trackerRoot.resolve("whitelist"), PosixFilePermissions.fromString("rw-r--r--"));
        start(work.resolve("tracker.log"), null, "/usr/bin/opentracker", "-i", "127.0.0.1", "-p", Integer.toString(trackerPort),
                "-P", Integer.toString(freePort()), "-d", trackerRoot.toString(), "-w", "/whitelist");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket ignored = new Socket(InetAddress.getByName("127.0.0.1"), trackerPort)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("opentracker did not listen within 10 s\n" + logs());
                }
                Thread.sleep(100);
            }
        }
    }

    private void awaitTrackerSeed(String hash) throws Exception {
        StringBuilder infoHash = new StringBuilder();
        for (int i = 0; i < hash.length(); i += 2) {
            infoHash.append('%').append(hash, i, i + 2);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + trackerPort + "/scrape?info_hash=" + infoHash))
                .timeout(Duration.ofSeconds(2)).build();
        Pattern seeds = Pattern.compile("8:completei([0-9]+)e");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String answer = "";
        while (System.nanoTime() < deadline) {
            answer = client.send(scrape, HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1)).body();
            Matcher matcher = seeds.matcher(answer);
            if (matcher.find() && Integer.parseInt(matcher.group(1)) > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Transmission did not announce to the tracker within 30 s; last scrape " + answer + "\n" + logs());
    }

    private void startTransmission() throws Exception {
        Path home = Files.createDirectories(work.resolve("transmission"));
        Path config = Files.createDirectories(home.resolve("config"));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("dht-enabled", false);
        settings.put("lpd-enabled", false);
        settings.put("pex-enabled", false);
        settings.put("utp-enabled", false);
        settings.put("port-forwarding-enabled", false);
        settings.put("blocklist-enabled", false);
        settings.put("peer-port", freePort());
        settings.put("peer-port-random-on-start", false);
        settings.put("bind-address-ipv4", "127.0.0.1");
        settings.put("bind-address-ipv6", "::1");
        settings.put("download-dir", seedData.toString());
        settings.put("incomplete-dir-enabled", false);
        settings.put("download-queue-enabled", false);
        settings.put("seed-queue-enabled", false);
        settings.put("speed-limit-up-enabled", true);
        settings.put("speed-limit-up", SEED_LIMIT_KBPS);
        settings.put("rpc-whitelist-enabled", true);
        settings.put("rpc-whitelist", "127.0.0.1");
        settings.put("rpc-host-whitelist-enabled", false);
        settings.put("message-level", 2);
        Files.writeString(config.resolve("settings.json"), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(settings));
        Process daemon = start(work.resolve("transmission.log"), home, "/usr/bin/transmission-daemon", "--foreground",
                "--config-dir", config.toString(), "--port", Integer.toString(transmissionRpcPort), "--rpc-bind-address", "127.0.0.1",
                "--auth", "--username", USER, "--password", PASSWORD);
        awaitHttp(daemon, "transmission-daemon", "http://127.0.0.1:" + transmissionRpcPort + "/transmission/rpc");
        seeder = new TransmissionConnector(http).client(instance(ServiceKind.TRANSMISSION, "Transmission", transmissionRpcPort));
    }

    private void startQbittorrent() throws Exception {
        Path profile = Files.createDirectories(work.resolve("qbittorrent"));
        Path config = Files.createDirectories(profile.resolve("qBittorrent/config")).resolve("qBittorrent.conf");
        Files.writeString(config, qbittorrentConfiguration());
        Process daemon = start(work.resolve("qbittorrent.log"), profile, "/usr/bin/qbittorrent-nox", "--profile=" + profile,
                "--webui-port=" + qbittorrentWebPort);
        awaitHttp(daemon, "qbittorrent-nox", "http://127.0.0.1:" + qbittorrentWebPort + "/api/v2/app/version");
        leecher = new QbittorrentConnector(http).client(instance(ServiceKind.QBITTORRENT, "qBittorrent", qbittorrentWebPort));
    }

    /** qBittorrent.conf per torrent-daemons.md, its peer traffic on 127.0.0.2 so Transmission sees a peer of its own. */
    private String qbittorrentConfiguration() throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        PBEKeySpec spec = new PBEKeySpec(PASSWORD.toCharArray(), salt, 100_000, 64 * 8);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        Base64.Encoder base64 = Base64.getEncoder();
        return String.join("\n",
                "[LegalNotice]",
                "Accepted=true",
                "",
                "[BitTorrent]",
                "Session\\DHTEnabled=false",
                "Session\\PeXEnabled=false",
                "Session\\LSDEnabled=false",
                "Session\\Port=" + freePort(),
                // Interface and address both: with the address alone libtorrent listens on 127.0.0.2 but never dials.
                "Session\\Interface=lo",
                "Session\\InterfaceName=lo",
                "Session\\InterfaceAddress=127.0.0.2",
                "Session\\MultiConnectionsPerIp=true",
                "Session\\DefaultSavePath=" + leechData,
                "Session\\QueueingSystemEnabled=false",
                "Session\\AnnounceToAllTrackers=true",
                "",
                "[Network]",
                "PortForwardingEnabled=false",
                "",
                "[Preferences]",
                "Connection\\UPnP=false",
                "Connection\\ResolvePeerCountries=false",
                "General\\Locale=en",
                "WebUI\\Address=127.0.0.1",
                "WebUI\\Port=" + qbittorrentWebPort,
                "WebUI\\Username=" + USER,
                "WebUI\\Password_PBKDF2=\"@ByteArray(" + base64.encodeToString(salt) + ":" + base64.encodeToString(key) + ")\"",
                "WebUI\\LocalHostAuth=true",
                "WebUI\\MaxAuthenticationFailCount=0",
                "WebUI\\UseUPnP=false",
                "",
                "[Application]",
                "FileLogger\\Enabled=false",
                "");
    }

    private Process start(Path log, Path home, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (home != null) {
            builder.environment().put("HOME", home.toString());
            builder.environment().put("XDG_CONFIG_HOME", home.resolve("xdg").toString());
        }
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static void run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(command[0] + " said: " + output).isZero();
    }

    private void awaitHttp(Process daemon, String name, String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new AssertionError(name + " exited\n" + logs());
            }
            try {
                client.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError(name + " did not answer within 20 s\n" + logs());
    }

    private Torrent await(DownloadClient client, String hash, Duration timeout, Predicate<Torrent> done, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Supplier<Optional<Torrent>> read = () -> find(client, hash);
        Optional<Torrent> value = read.get();
        while (value.isEmpty() || !done.test(value.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": still not there after " + timeout.toSeconds() + " s: " + value + "\n" + logs());
            }
            Thread.sleep(200);
            value = read.get();
        }
        return value.get();
    }

    private static Optional<Torrent> find(DownloadClient client, String hash) {
        return client.torrents().stream().filter(torrent -> torrent.hash().equals(hash)).findFirst();
    }

    private String logs() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("tracker.log", "transmission.log", "qbittorrent.log")) {
            Path log = work.resolve(name);
            try {
                if (Files.exists(log)) {
                    String text = Files.readString(log);
                    out.append("--- ").append(name).append('\n').append(text, Math.max(0, text.length() - 4000), text.length()).append('\n');
                }
            } catch (IOException e) {
                out.append("--- ").append(name).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    private static ServiceInstance instance(ServiceKind kind, String name, int port) {
        Instant now = Instant.now();
        return new ServiceInstance(9, kind, name, URI.create("http://127.0.0.1:" + port),
                Map.of("username", USER), Map.of("password", PASSWORD), true, false, false, Duration.ofSeconds(5), true, now, now);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
