package dev.medianest.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real transmission-daemon on loopback for tests, configured as torrent-daemons.md says: a
 * throw-away config directory, DHT, LPD, PEX, µTP and port forwarding off, RPC and peers on
 * 127.0.0.1 only, basic authentication on, no queues.
 */
public final class TransmissionDaemon implements AutoCloseable {

    public static final String USER = "medianest";
    public static final String PASSWORD = "correct horse battery";
    private static final DebianPackages.Need TRANSMISSION_DAEMON =
            new DebianPackages.Need("transmission-daemon", Path.of("/usr/bin/transmission-daemon"));

    private final Path home;
    private final Path data;
    private final int rpcPort;
    private final Process daemon;

    private TransmissionDaemon(Path home, Path data, int rpcPort, Process daemon) {
        this.home = home;
        this.data = data;
        this.rpcPort = rpcPort;
        this.daemon = daemon;
    }

    public static TransmissionDaemon start() throws Exception {
        return start(Map.of());
    }

    /** Starts with some settings.json entries replaced or added ({@code "speed-limit-up" -> 3000}). */
    public static TransmissionDaemon start(Map<String, Object> settings) throws Exception {
        DebianPackages.ensure(TRANSMISSION_DAEMON);
        Path home = Files.createTempDirectory("transmission-home");
        Path config = Files.createDirectories(home.resolve("config"));
        Path data = Files.createDirectories(home.resolve("data"));
        int rpcPort = LoopbackPorts.free();
        Map<String, Object> all = defaults(data);
        all.putAll(settings);
        Files.writeString(config.resolve("settings.json"), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(all));
        Process daemon = DaemonProcess.start(home, home.resolve("daemon.log"), "/usr/bin/transmission-daemon", "--foreground",
                "--config-dir", config.toString(), "--port", Integer.toString(rpcPort), "--rpc-bind-address", "127.0.0.1",
                "--auth", "--username", USER, "--password", PASSWORD);
        TransmissionDaemon transmission = new TransmissionDaemon(home, data, rpcPort, daemon);
        try {
            DaemonProcess.awaitPort(daemon, rpcPort, home.resolve("daemon.log"));
        } catch (AssertionError | InterruptedException failed) {
            transmission.close();
            throw failed;
        }
        return transmission;
    }

    /** The address a service instance is configured with. */
    public String baseUrl() {
        return "http://127.0.0.1:" + rpcPort;
    }

    public int port() {
        return rpcPort;
    }

    /** The download folder. */
    public Path data() {
        return data;
    }

    public String log() {
        return DaemonProcess.tail(home.resolve("daemon.log"));
    }

    @Override
    public void close() {
        DaemonProcess.kill(daemon);
        DaemonProcess.delete(home);
    }

    private static Map<String, Object> defaults(Path data) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("dht-enabled", false);
        settings.put("lpd-enabled", false);
        settings.put("pex-enabled", false);
        settings.put("utp-enabled", false);
        settings.put("port-forwarding-enabled", false);
        settings.put("blocklist-enabled", false);
        settings.put("peer-port", LoopbackPorts.free());
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
        return settings;
    }
}
