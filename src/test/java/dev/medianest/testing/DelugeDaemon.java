package dev.medianest.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A real Deluge 2.0.3 on loopback for tests: {@code deluged} behind {@code deluge-web}, with a
 * throw-away config directory whose core.conf turns DHT, UPnP, NAT-PMP, LSD and µTP peer exchange off
 * before the session starts (torrent-daemons.md), the Web UI already knowing its daemon, and no plugin on.
 */
public final class DelugeDaemon implements AutoCloseable {

    /** The Web UI password; Deluge's Web UI has no user names. */
    public static final String PASSWORD = "correct horse battery";
    private static final DebianPackages.Need DELUGED = new DebianPackages.Need("deluged", Path.of("/usr/bin/deluged"));
    private static final DebianPackages.Need DELUGE_WEB = new DebianPackages.Need("deluge-web", Path.of("/usr/bin/deluge-web"));

    private final Path config;
    private final Path data;
    private final int webPort;
    private final Process daemon;
    private final Process web;

    private DelugeDaemon(Path config, Path data, int webPort, Process daemon, Process web) {
        this.config = config;
        this.data = data;
        this.webPort = webPort;
        this.daemon = daemon;
        this.web = web;
    }

    public static DelugeDaemon start() throws Exception {
        return start(true);
    }

    /** A Web UI whose only known daemon does not run: it signs in, but cannot connect. */
    public static DelugeDaemon startWebUiWithoutDaemon() throws Exception {
        return start(false);
    }

    private static DelugeDaemon start(boolean withDaemon) throws Exception {
        DebianPackages.ensure(DELUGED, DELUGE_WEB);
        Path config = Files.createTempDirectory("deluge-config");
        Path data = Files.createDirectories(config.resolve("data"));
        int daemonPort = LoopbackPorts.free();
        int webPort = LoopbackPorts.free();
        int peerPort = LoopbackPorts.free();
        String localPassword = HexFormat.of().formatHex(TorrentFiles.randomBytes(16));
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
        String salt = HexFormat.of().formatHex(TorrentFiles.randomBytes(20));
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest((salt + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        Files.writeString(config.resolve("web.conf"), "{\"file\": 2, \"format\": 1}" + json(Map.of(
                "pwd_salt", salt, "pwd_sha1", sha1, "port", webPort, "interface", "127.0.0.1",
                "first_login", false, "default_daemon", "")));

        // "-L none": Deluge 2.0.3's logging raises on Python 3.11 (torrent-daemons.md); errors still reach the exit code.
        Process daemon = !withDaemon ? null : DaemonProcess.start(config, config.resolve("daemon.log"), "/usr/bin/deluged", "-c",
                config.toString(), "-p", Integer.toString(daemonPort), "-u", "127.0.0.1", "-i", "127.0.0.1", "-d", "-L", "none");
        Process web = DaemonProcess.start(config, config.resolve("web.log"), "/usr/bin/deluge-web", "-c", config.toString(),
                "-p", Integer.toString(webPort), "-i", "127.0.0.1", "-d", "-L", "none");
        DelugeDaemon deluge = new DelugeDaemon(config, data, webPort, daemon, web);
        try {
            if (daemon != null) {
                DaemonProcess.awaitPort(daemon, daemonPort, config.resolve("daemon.log"));
            }
            DaemonProcess.awaitPort(web, webPort, config.resolve("web.log"));
        } catch (AssertionError | InterruptedException failed) {
            deluge.close();
            throw failed;
        }
        return deluge;
    }

    /** The Web UI's address, which a service instance is configured with. */
    public String baseUrl() {
        return "http://127.0.0.1:" + webPort;
    }

    public int port() {
        return webPort;
    }

    /** The download folder. */
    public Path data() {
        return data;
    }

    @Override
    public void close() {
        DaemonProcess.kill(web);
        DaemonProcess.kill(daemon);
        DaemonProcess.delete(config);
    }

    private static String json(Object value) throws IOException {
        return new ObjectMapper().writeValueAsString(value);
    }
}
