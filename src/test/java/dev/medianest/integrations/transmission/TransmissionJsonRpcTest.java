package dev.medianest.integrations.transmission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.downloads.DownloadClient;
import dev.medianest.features.downloads.Torrent;
import dev.medianest.features.downloads.TorrentState;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.platform.http.RemoteHttp;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transmission 4.1+ speaks JSON-RPC 2.0 with snake_case names (transmission-rpc-spec.md); Debian has
 * no such daemon yet, so a throw-away server answers exactly as that spec's examples do.
 */
class TransmissionJsonRpcTest {

    private static final String HASH = "e37a6377e5cf63486de3e00f58ee673317b03f3a";

    @Test
    void a_4_1_daemon_is_spoken_to_in_json_rpc_with_snake_case_names() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> requests = new CopyOnWriteArrayList<>();
        Javalin fake = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.post("/transmission/rpc", ctx -> {
                if (!"sid-41".equals(ctx.header("X-Transmission-Session-Id"))) {
                    // 2.2.1 and the 6.0.0 note: the 409 names the session id and the RPC version.
                    ctx.header("X-Transmission-Session-Id", "sid-41").header("X-Transmission-Rpc-Version", "6.0.0").status(409);
                    return;
                }
                JsonNode request = json.readTree(ctx.body());
                requests.add(request);
                Object result = switch (request.path("method").asText()) {
                    case "session_get" -> Map.of("version", "4.1.0 (abc)", "rpc_version", 18, "rpc_version_semver", "6.0.0");
                    case "torrent_get" -> Map.of("torrents", List.of(Map.ofEntries(Map.entry("hash_string", HASH),
                            Map.entry("name", "sample"), Map.entry("status", 4), Map.entry("error", 0),
                            Map.entry("percent_done", 0.5), Map.entry("metadata_percent_complete", 1),
                            Map.entry("total_size", 1000), Map.entry("downloaded_ever", 500), Map.entry("rate_download", 100),
                            Map.entry("rate_upload", 7), Map.entry("eta", 5), Map.entry("upload_ratio", -1),
                            Map.entry("peers_connected", 3), Map.entry("peers_sending_to_us", 1), Map.entry("labels", List.of("movies")),
                            Map.entry("download_dir", "/downloads"), Map.entry("added_date", 1_700_000_000), Map.entry("done_date", 0))));
                    default -> Map.of();
                };
                ctx.json(Map.of("jsonrpc", "2.0", "result", result, "id", request.path("id").asLong()));
            });
        }).start();
        try {
            Instant now = Instant.now();
            ServiceInstance instance = new ServiceInstance(9, ServiceKind.TRANSMISSION, "Transmission",
                    URI.create("http://127.0.0.1:" + fake.port()), Map.of(), Map.of(), true, false, false, Duration.ofSeconds(5), true, now, now);
            DownloadClient client = new TransmissionConnector(new RemoteHttp(json)).client(instance);

            Torrent torrent = client.torrents().getFirst();

            assertThat(torrent.hash()).isEqualTo(HASH);
            assertThat(torrent.state()).isEqualTo(TorrentState.DOWNLOADING);
            assertThat(torrent.progress()).isEqualTo(0.5);
            assertThat(torrent.category()).contains("movies");
            assertThat(torrent.eta()).contains(Duration.ofSeconds(5));
            assertThat(torrent.ratio()).isZero();
            assertThat(torrent.seeds()).isEqualTo(1);
            assertThat(torrent.peers()).isEqualTo(2);
            assertThat(torrent.savePath()).isEqualTo("/downloads");
            assertThat(requests).allSatisfy(request -> assertThat(request.path("jsonrpc").asText()).isEqualTo("2.0"));
            JsonNode list = requests.getLast();
            assertThat(list.path("method").asText()).isEqualTo("torrent_get");
            assertThat(list.path("params").path("fields").toString()).contains("\"hash_string\"", "\"percent_done\"").doesNotContain("hashString");
        } finally {
            fake.stop();
        }
    }
}
