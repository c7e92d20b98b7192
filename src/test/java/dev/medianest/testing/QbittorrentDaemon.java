package dev.medianest.testing;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
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
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real qbittorrent-nox on loopback for system tests, configured as torrent-daemons.md says: legal
 * notice accepted, PBKDF2 password, no DHT/PEX/LSD/UPnP, WebUI and peers on 127.0.0.1 only.
 * (Same set-up as QbittorrentClientTest, shared for tests that need a daemon as a service.)
 */
public final class QbittorrentDaemon implements AutoCloseable {

    public static final String USER = "medianest";
    public static final String PASSWORD = "correct horse battery";
    private static final DebianPackages.Need QBITTORRENT_NOX =
            new DebianPackages.Need("qbittorrent-nox", Path.of("/usr/bin/qbittorrent-nox"));

    private final Path profile;
    private final Path data;
    private final int webPort;
    private volatile Process daemon;

    private QbittorrentDaemon(Path profile, Path data, int webPort) {
        this.profile = profile;
        this.data = data;
        this.webPort = webPort;
    }

    public static QbittorrentDaemon start() throws Exception {
        DebianPackages.ensure(QBITTORRENT_NOX);
        Path profile = Files.createTempDirectory("qbittorrent-profile");
        Path data = Files.createDirectories(profile.resolve("data"));
        int webPort = freePort();
        Path config = Files.createDirectories(profile.resolve("qBittorrent/config")).resolve("qBittorrent.conf");
        Files.writeString(config, configuration(data, webPort, freePort()));
        QbittorrentDaemon daemon = new QbittorrentDaemon(profile, data, webPort);
        daemon.launch();
        return daemon;
    }

    private void launch() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/qbittorrent-nox", "--profile=" + profile, "--webui-port=" + webPort)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(profile.resolve("daemon.log").toFile()));
        builder.environment().put("HOME", profile.toString());
        builder.environment().put("XDG_CONFIG_HOME", profile.resolve("xdg").toString());
        daemon = builder.start();
        awaitWebUi();
    }

    /** Kills the daemon at once (SIGKILL), as a crash or an OOM kill would: no goodbye to open connections. */
    public void kill() throws InterruptedException {
        daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the daemon in its tracks (SIGSTOP): connections are accepted by the kernel and never answered. */
    public void freeze() throws Exception {
        signal("STOP");
    }

    /** Starts the daemon again on the same port with the same profile, after {@link #kill()}. */
    public void restart() throws Exception {
        if (daemon.isAlive()) {
            throw new IllegalStateException("qbittorrent-nox is still running");
        }
        launch();
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(daemon.pid())).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " failed");
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + webPort;
    }

    public Path data() {
        return data;
    }

    /** Changes preferences through the WebUI ({@code app/setPreferences}, signed in as {@link #USER}). */
    public void setPreferences(String json) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String origin = baseUrl();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/v2/auth/login"))
                .header("Referer", origin + "/").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + USER + "&password=" + java.net.URLEncoder.encode(PASSWORD,
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no sign-in: " + login.body()))
                .split(";", 2)[0];
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/v2/app/setPreferences"))
                .header("Referer", origin + "/").header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("json=" + java.net.URLEncoder.encode(json, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (set.statusCode() != 200) {
            throw new AssertionError("setPreferences answered " + set.statusCode() + ": " + set.body());
        }
    }

    @Override
    public void close() throws Exception {
        // Killed, not stopped: its profile goes next, so there is nothing to save, and a clean stop takes seconds.
        kill();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void awaitWebUi() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v2/app/version")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new AssertionError("qbittorrent-nox exited: " + Files.readString(profile.resolve("daemon.log")));
            }
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("qbittorrent-nox's WebUI did not answer within 20 s: " + Files.readString(profile.resolve("daemon.log")));
    }

    private static String configuration(Path data, int port, int peerPort) throws Exception {
        byte[] salt = randomBytes(16);
        PBEKeySpec spec = new PBEKeySpec(PASSWORD.toCharArray(), salt, 100_000, 64 * 8);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        Base64.Encoder base64 = Base64.getEncoder();
        return String.join("\n", "[LegalNotice]", "Accepted=true", "", "[BitTorrent]", "Session\\DHTEnabled=false",
                "Session\\PeXEnabled=false", "Session\\LSDEnabled=false", "Session\\Port=" + peerPort, "Session\\Interface=lo",
                "Session\\InterfaceName=lo", "Session\\InterfaceAddress=127.0.0.1", "Session\\MultiConnectionsPerIp=true",
                "Session\\DefaultSavePath=" + data, "Session\\QueueingSystemEnabled=false", "", "[Network]",
                "PortForwardingEnabled=false", "", "[Preferences]", "Connection\\UPnP=false", "Connection\\ResolvePeerCountries=false",
                "General\\Locale=en", "WebUI\\Address=127.0.0.1", "WebUI\\Port=" + port, "WebUI\\Username=" + USER,
                "WebUI\\Password_PBKDF2=\"@ByteArray(" + base64.encodeToString(salt) + ":" + base64.encodeToString(key) + ")\"",
                "WebUI\\LocalHostAuth=true", "WebUI\\MaxAuthenticationFailCount=0", "WebUI\\UseUPnP=false", "",
                "[Application]", "FileLogger\\Enabled=false", "");
    }

    /** A private, tracker-less single-file torrent (BEP 3; "private" per BEP 27 keeps it off DHT and PEX). */
    public static byte[] singleFileTorrent(String name, byte[] content) throws Exception {
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

    public static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
