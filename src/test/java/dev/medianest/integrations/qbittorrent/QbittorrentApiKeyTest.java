package dev.medianest.integrations.qbittorrent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.downloads.AddTorrent;
import dev.medianest.features.downloads.DownloadClient;
import dev.medianest.features.downloads.Torrent;
import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.QbittorrentWebUiDoc;
import dev.medianest.testing.SpecFake;
import io.javalin.http.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * API-key sign-in against a fake qBittorrent 5.2 held to its published documents
 * (qbittorrent-webui-api-5.0.md, qbittorrent-webui-api-key-auth.md). Debian's qBittorrent is 4.5.2,
 * which has no API keys; QbittorrentClientTest shows what it does with one.
 */
class QbittorrentApiKeyTest {

    private static final QbittorrentWebUiDoc DOCUMENTS = QbittorrentWebUiDoc.version5WithApiKeys();
    private static final String KEY = "qbt_" + "Zx81AbCdEfGhIjKlMnOpQrStUvWx";
    private static final String OTHER_KEY = "qbt_" + "0000000000000000000000000000";
    private static final String HASH = "8c212779b4abde7c6bc608063a0d008b7e40ce32";
    /** A 403 to every method without a session is no method's documented answer; the server code and the real daemon show it. */
    private static final List<SpecFake.KnownGap> UNAUTHENTICATED = List.of("app/version", "app/webapiVersion", "torrents/info").stream()
            .map(method -> new SpecFake.KnownGap("GET", "/api/v2/" + method, "status 403",
                    "qBittorrent src/webui/webapplication.cpp, doProcessRequest: ForbiddenHTTPError without a session; "
                            + "qbittorrent-nox 4.5.2 answers so in QbittorrentClientTest"))
            .toList();

    private SpecFake qbittorrent;
    private final QbittorrentConnector connector = new QbittorrentConnector(new RemoteHttp(new ObjectMapper()));

    @BeforeEach
    void startFake() {
        qbittorrent = SpecFake.start(DOCUMENTS, routes -> {
            routes.get("/api/v2/app/version", ctx -> answer(ctx, "v5.2.0"));
            routes.get("/api/v2/app/webapiVersion", ctx -> answer(ctx, "2.14.1"));
            routes.get("/api/v2/torrents/info", ctx -> {
                if (signedIn(ctx)) {
                    ctx.json(List.of(Map.ofEntries(Map.entry("hash", HASH), Map.entry("name", "debian.iso"), Map.entry("state", "stoppedDL"),
                            Map.entry("progress", 0.25), Map.entry("size", 1000), Map.entry("downloaded", 250), Map.entry("upspeed", 0),
                            Map.entry("dlspeed", 0), Map.entry("eta", 8_640_000), Map.entry("ratio", 0), Map.entry("num_seeds", 0),
                            Map.entry("num_leechs", 0), Map.entry("category", "linux"), Map.entry("save_path", "/downloads"),
                            Map.entry("added_on", 1_700_000_000), Map.entry("completion_on", 0))));
                }
            });
            routes.post("/api/v2/torrents/add", ctx -> answer(ctx, "Ok."));
            routes.post("/api/v2/torrents/stop", ctx -> answer(ctx, ""));
            routes.post("/api/v2/torrents/start", ctx -> answer(ctx, ""));
            routes.post("/api/v2/auth/login", ctx -> ctx.result("Fails."));
        }).tolerating(UNAUTHENTICATED.toArray(SpecFake.KnownGap[]::new));
    }

    @AfterEach
    void stopFake() {
        qbittorrent.close();
    }

    /** Every method but auth/login answers 403 "Forbidden" to a call without a session (see UNAUTHENTICATED). */
    private static boolean signedIn(Context ctx) {
        if (("Bearer " + KEY).equals(ctx.header("Authorization"))) {
            return true;
        }
        ctx.status(403).contentType("text/plain; charset=UTF-8").result("Forbidden");
        return false;
    }

    private static void answer(Context ctx, String text) {
        if (signedIn(ctx)) {
            ctx.contentType("text/plain; charset=UTF-8").result(text);
        }
    }

    @Test
    void the_key_goes_as_a_bearer_header_on_every_call_and_nothing_signs_in() {
        assertThat(DOCUMENTS.isApiKey(KEY)).isTrue();
        Probe probe = connector.probe(instance(KEY));
        assertThat(probe.state()).isEqualTo(Probe.State.UP);
        assertThat(probe.version()).contains("5.2.0");
        assertThat(connector.test(instance(KEY))).isEmpty();

        DownloadClient client = connector.client(instance(KEY));
        Torrent listed = client.torrents().getFirst();
        assertThat(listed.hash()).isEqualTo(HASH);
        assertThat(listed.category()).contains("linux");
        client.add(new AddTorrent(new AddTorrent.Magnet("magnet:?xt=urn:btih:" + HASH), Optional.of("linux"), Optional.empty(), true));
        client.pause(HASH);
        client.resume(HASH);

        assertThat(qbittorrent.received()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.headers()).containsEntry("Authorization", "Bearer " + KEY).doesNotContainKey("Cookie");
            assertThat(request.path()).doesNotStartWith("/api/v2/auth/");
        });
        assertThat(qbittorrent.received()).extracting(SpecFake.Recorded::path)
                .as("qBittorrent 5 calls pause and resume stop and start").contains("/api/v2/torrents/stop", "/api/v2/torrents/start")
                .doesNotContain("/api/v2/torrents/pause", "/api/v2/torrents/resume");
        qbittorrent.assertAllInSpec();
    }

    @Test
    void a_wrong_key_is_a_clear_credential_problem_like_a_wrong_password() {
        ServiceInstance wrong = instance(OTHER_KEY);
        assertThat(connector.test(wrong)).containsExactly(
                ServiceProblem.of("download.qbittorrent.api_key_refused", "qBittorrent", wrong.baseUrl().toString()));
        assertThatThrownBy(() -> connector.client(wrong).torrents())
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILED));
        assertThat(qbittorrent.received()).extracting(SpecFake.Recorded::path).as("no fall-back to a password sign-in")
                .doesNotContain("/api/v2/auth/login");
        qbittorrent.assertAllInSpec();
    }

    @Test
    void a_key_that_is_not_in_the_documented_format_is_named_before_anything_is_sent() {
        for (String malformed : List.of("0123456789abcdef", "qbt_short", "QBT_Zx81AbCdEfGhIjKlMnOpQrStUvWx", "qbt_Zx81AbCdEfGhIjKlMnOpQrStUv-x")) {
            assertThat(DOCUMENTS.isApiKey(malformed)).as(malformed).isFalse();
            assertThat(connector.test(instance(malformed))).as(malformed)
                    .containsExactly(ServiceProblem.of("download.qbittorrent.api_key_format", "qBittorrent"));
        }
        assertThat(qbittorrent.received()).isEmpty();
    }

    private ServiceInstance instance(String apiKey) {
        Instant now = Instant.now();
        // A user name and password besides the key: the key wins, and the password is never sent.
        return new ServiceInstance(7, ServiceKind.QBITTORRENT, "qBittorrent", URI.create(qbittorrent.baseUrl()),
                Map.of("username", "admin"), Map.of("password", "adminadmin", "apiKey", apiKey), true, false, false,
                Duration.ofSeconds(5), true, now, now);
    }
}
