package dev.medianest.integrations;

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
import dev.medianest.testing.DaemonProcess;
import dev.medianest.testing.DebianPackages;
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.QbittorrentDaemon;
import dev.medianest.testing.TorrentFiles;
import dev.medianest.testing.TransmissionDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;

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

    private static final DebianPackages.Need MKTORRENT = new DebianPackages.Need("mktorrent", Path.of("/usr/bin/mktorrent"));
    private static final DebianPackages.Need OPENTRACKER = new DebianPackages.Need("opentracker", Path.of("/usr/bin/opentracker"));

    private static final String FILE_NAME = "medianest-transfer.bin";
    private static final int FILE_BYTES = 12 * 1024 * 1024;
    /** Transmission's upload cap in kB/s: 12 MiB take about four seconds, long enough to see progress. */
    private static final int SEED_LIMIT_KBPS = 3000;
    private static final Duration TRANSFER_DEADLINE = Duration.ofSeconds(90);

    private final RemoteHttp http = new RemoteHttp(new ObjectMapper());
    private Path work;
    private Path trackerRoot;
    private int trackerPort;
    private Process tracker;
    private TransmissionDaemon transmission;
    private QbittorrentDaemon qbittorrent;
    private DownloadClient seeder;
    private DownloadClient leecher;

    @BeforeAll
    void startEverything() throws Exception {
        DebianPackages.ensure(MKTORRENT, OPENTRACKER);
        work = Files.createTempDirectory("real-transfer");
        trackerRoot = Files.createDirectories(work.resolve("tracker"));
        trackerPort = LoopbackPorts.free();
        transmission = TransmissionDaemon.start(Map.of("speed-limit-up-enabled", true, "speed-limit-up", SEED_LIMIT_KBPS,
                "message-level", 2));
        seeder = new TransmissionConnector(http).client(instance(ServiceKind.TRANSMISSION, "Transmission", transmission.port(),
                TransmissionDaemon.USER, TransmissionDaemon.PASSWORD));
        // Its peer traffic on 127.0.0.2, so Transmission sees a peer of its own (torrent-daemons.md).
        qbittorrent = QbittorrentDaemon.start(Map.of("Session\\InterfaceAddress", "127.0.0.2", "Session\\AnnounceToAllTrackers", "true"));
        leecher = new QbittorrentConnector(http).client(instance(ServiceKind.QBITTORRENT, "qBittorrent", qbittorrent.port(),
                QbittorrentDaemon.USER, QbittorrentDaemon.PASSWORD));
    }

    @AfterAll
    void stopEverything() throws Exception {
        DaemonProcess.kill(tracker);
        for (AutoCloseable daemon : new AutoCloseable[] {transmission, qbittorrent}) {
            if (daemon != null) {
                daemon.close();
            }
        }
        DaemonProcess.delete(work);
    }

    @Test
    void a_file_seeded_by_transmission_reaches_qbittorrent_through_medianest() throws Exception {
        byte[] content = new byte[FILE_BYTES];
        new SecureRandom().nextBytes(content);
        Path seedData = transmission.data();
        Path leechData = qbittorrent.data();
        Path original = seedData.resolve(FILE_NAME);
        Files.write(original, content);

        Path torrentFile = work.resolve("transfer.torrent");
        run(work, "/usr/bin/mktorrent", "-p", "-l", "18", "-a", "http://127.0.0.1:" + trackerPort + "/announce",
                "-o", torrentFile.toString(), original.toString());
        AddTorrent.File torrent = TorrentFiles.upload("transfer.torrent", Files.readAllBytes(torrentFile));
        String hash = torrent.infoHash();

        startTracker(hash);

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
        tracker = DaemonProcess.start(work, work.resolve("tracker.log"), "/usr/bin/opentracker", "-i", "127.0.0.1",
                "-p", Integer.toString(trackerPort), "-P", Integer.toString(LoopbackPorts.free()), "-d", trackerRoot.toString(),
                "-w", "/whitelist");
        DaemonProcess.awaitPort(tracker, trackerPort, work.resolve("tracker.log"));
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

    private static void run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(command[0] + " said: " + output).isZero();
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
        return "--- tracker.log\n" + DaemonProcess.tail(work.resolve("tracker.log")) + "\n--- transmission\n" + transmission.log()
                + "\n--- qbittorrent\n" + qbittorrent.log();
    }

    private static ServiceInstance instance(ServiceKind kind, String name, int port, String user, String password) {
        Instant now = Instant.now();
        return new ServiceInstance(9, kind, name, URI.create("http://127.0.0.1:" + port),
                Map.of("username", user), Map.of("password", password), true, false, false, Duration.ofSeconds(5), true, now, now);
    }
}
