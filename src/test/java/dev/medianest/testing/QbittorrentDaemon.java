package dev.medianest.testing;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real qbittorrent-nox on loopback for tests, configured as torrent-daemons.md says: legal notice
 * accepted, PBKDF2 password, no DHT/PEX/LSD/UPnP, no peer country lookup, WebUI and peers on
 * 127.0.0.1 only, no sign-in ban, no queueing.
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
        return start(Map.of());
    }

    /**
     * Starts with some lines of the [BitTorrent] section of qBittorrent.conf replaced or added
     * ({@code "Session\\InterfaceAddress" -> "127.0.0.2"}).
     */
    public static QbittorrentDaemon start(Map<String, String> bitTorrentSettings) throws Exception {
        DebianPackages.ensure(QBITTORRENT_NOX);
        Path profile = Files.createTempDirectory("qbittorrent-profile");
        Path data = Files.createDirectories(profile.resolve("data"));
        int webPort = LoopbackPorts.free();
        Path config = Files.createDirectories(profile.resolve("qBittorrent/config")).resolve("qBittorrent.conf");
        Files.writeString(config, configuration(data, webPort, bitTorrentSettings));
        QbittorrentDaemon daemon = new QbittorrentDaemon(profile, data, webPort);
        try {
            daemon.launch();
        } catch (AssertionError | InterruptedException failed) {
            daemon.close();
            throw failed;
        }
        return daemon;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + webPort;
    }

    public int port() {
        return webPort;
    }

    /** The default save folder. */
    public Path data() {
        return data;
    }

    public String log() {
        return DaemonProcess.tail(log(profile));
    }

    /** Changes preferences through the WebUI ({@code app/setPreferences}, signed in as {@link #USER}). */
    public void setPreferences(String json) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String origin = baseUrl();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/v2/auth/login"))
                .header("Referer", origin + "/").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + USER + "&password=" + URLEncoder.encode(PASSWORD,
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no sign-in: " + login.body()))
                .split(";", 2)[0];
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/v2/app/setPreferences"))
                .header("Referer", origin + "/").header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("json=" + URLEncoder.encode(json, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (set.statusCode() != 200) {
            throw new AssertionError("setPreferences answered " + set.statusCode() + ": " + set.body());
        }
    }

    /** Kills the daemon at once (SIGKILL), as a crash or an OOM kill would: no goodbye to open connections. */
    public void kill() {
        DaemonProcess.kill(daemon);
    }

    /** Stops the daemon in its tracks (SIGSTOP): connections are accepted by the kernel and never answered. */
    public void freeze() throws Exception {
        Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(daemon.pid())).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -STOP failed");
        }
    }

    /** Starts the daemon again on the same port with the same profile, after {@link #kill()}. */
    public void restart() throws Exception {
        if (daemon.isAlive()) {
            throw new IllegalStateException("qbittorrent-nox is still running");
        }
        launch();
    }

    @Override
    public void close() {
        // Killed, not stopped: its profile goes next, so there is nothing to save, and a clean stop takes seconds
        // (a frozen daemon would not even act on SIGTERM).
        kill();
        DaemonProcess.delete(profile);
    }

    private void launch() throws Exception {
        daemon = DaemonProcess.start(profile, log(profile), "/usr/bin/qbittorrent-nox", "--profile=" + profile,
                "--webui-port=" + webPort);
        DaemonProcess.awaitPort(daemon, webPort, log(profile));
    }

    private static Path log(Path profile) {
        return profile.resolve("daemon.log");
    }

    private static String configuration(Path data, int port, Map<String, String> overrides) throws Exception {
        byte[] salt = TorrentFiles.randomBytes(16);
        PBEKeySpec spec = new PBEKeySpec(PASSWORD.toCharArray(), salt, 100_000, 64 * 8);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, String> bitTorrent = new LinkedHashMap<>();
        bitTorrent.put("Session\\DHTEnabled", "false");
        bitTorrent.put("Session\\PeXEnabled", "false");
        bitTorrent.put("Session\\LSDEnabled", "false");
        bitTorrent.put("Session\\Port", String.valueOf(LoopbackPorts.free()));
        // Interface and address both: with the address alone libtorrent listens on it but never dials.
        bitTorrent.put("Session\\Interface", "lo");
        bitTorrent.put("Session\\InterfaceName", "lo");
        bitTorrent.put("Session\\InterfaceAddress", "127.0.0.1");
        bitTorrent.put("Session\\MultiConnectionsPerIp", "true");
        bitTorrent.put("Session\\DefaultSavePath", data.toString());
        bitTorrent.put("Session\\QueueingSystemEnabled", "false");
        // Torrent states are refreshed every 1.5 s by default; tests wait for each change they make.
        bitTorrent.put("Session\\RefreshInterval", "100");
        bitTorrent.putAll(overrides);
        List<String> lines = new ArrayList<>(List.of("[LegalNotice]", "Accepted=true", "", "[BitTorrent]"));
        bitTorrent.forEach((name, value) -> lines.add(name + "=" + value));
        lines.addAll(List.of("", "[Network]", "PortForwardingEnabled=false", "", "[Preferences]", "Connection\\UPnP=false",
                "Connection\\ResolvePeerCountries=false", "General\\Locale=en", "WebUI\\Address=127.0.0.1", "WebUI\\Port=" + port,
                "WebUI\\Username=" + USER,
                "WebUI\\Password_PBKDF2=\"@ByteArray(" + base64.encodeToString(salt) + ":" + base64.encodeToString(key) + ")\"",
                "WebUI\\LocalHostAuth=true", "WebUI\\MaxAuthenticationFailCount=0", "WebUI\\UseUPnP=false", "",
                "[Application]", "FileLogger\\Enabled=false", ""));
        return String.join("\n", lines);
    }
}
