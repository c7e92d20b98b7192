package dev.medianest.channels.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.features.downloads.AddTorrent;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.testing.Await;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.QbittorrentDaemon;
import dev.medianest.testing.TestApp;
import dev.medianest.testing.TorrentFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code medianest status} against a real qbittorrent-nox holding one paused torrent, beside a
 * second qBittorrent that is not running, on the data directory and through the server's API.
 */
class StatusCommandTest {

    private static final String TORRENT = "medianest-status-check.bin";
    private static final String MEMBER = "molly";

    @TempDir
    static Path dataDir;

    private static TestApp app;
    private static QbittorrentDaemon daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = QbittorrentDaemon.start();
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "100000"), MutableClock.startingNow());
        long admin = app.app().accounts().findByUsername("admin").orElseThrow().id();
        long seedbox = app.app().services().create(admin, ServiceDraft.of(ServiceKind.QBITTORRENT, "Seedbox", daemon.baseUrl(),
                Map.of("username", QbittorrentDaemon.USER), Map.of("password", QbittorrentDaemon.PASSWORD), true, false, false, 5)).id();
        app.app().services().create(admin, ServiceDraft.of(ServiceKind.QBITTORRENT, "Stopped box", "http://127.0.0.1:" + LoopbackPorts.free(),
                Map.of("username", QbittorrentDaemon.USER), Map.of("password", QbittorrentDaemon.PASSWORD), false, false, false, 2));
        app.app().accounts().create(Accounts.CONSOLE, new NewUser(MEMBER, MEMBER, "a long enough password", Role.USER,
                EnumSet.of(Permission.REQUEST, Permission.ASSISTANT), false, Optional.empty()));
        byte[] torrent = TorrentFiles.singleFile(TORRENT, TorrentFiles.randomBytes(100_000));
        DownloadBoard board = new DownloadBoard(app.app().services());
        board.add(seedbox, new AddTorrent(TorrentFiles.upload("check.torrent", torrent), Optional.empty(), Optional.of(daemon.data().toString()), true));
        Await.until(() -> board.group(seedbox), group -> group instanceof DownloadBoard.Listed listed && !listed.torrents().isEmpty());
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private static Commands.Ran status(Map<String, String> env, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "status";
        System.arraycopy(args, 0, command, 1, args.length);
        return Commands.run(env, "", command);
    }

    @Test
    void admins_see_each_torrent_with_its_bar_and_a_client_that_is_down_with_its_reason() {
        Commands.Ran ran = status(Commands.environment(dataDir), "--user", "admin", "--all");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("Downloads").contains("Seedbox (qbittorrent)");
        String line = ran.out().lines().filter(text -> text.contains(TORRENT)).findFirst().orElseThrow();
        assertThat(line).contains("Paused").contains("░░░░░").contains("0 %");
        assertThat(ran.out()).containsPattern("Stopped box \\(qbittorrent\\) +down: .+");
        assertThat(ran.out()).contains("Everyone's requests: the latest 0 of 0");
    }

    @Test
    void json_gives_the_same_summary_in_bytes_and_seconds() throws Exception {
        Commands.Ran ran = status(Commands.environment(dataDir), "--user", "admin", "--json");

        assertThat(ran.status()).as(ran.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(ran.out());
        JsonNode seedbox = find(summary.get("downloads"), "Seedbox");
        assertThat(seedbox.get("ok").asBoolean()).isTrue();
        JsonNode torrent = seedbox.get("torrents").get(0);
        assertThat(torrent.get("name").asText()).isEqualTo(TORRENT);
        assertThat(torrent.get("state").asText()).isEqualTo("paused");
        assertThat(torrent.get("size").asLong()).isEqualTo(100_000);
        JsonNode stopped = find(summary.get("downloads"), "Stopped box");
        assertThat(stopped.get("ok").asBoolean()).isFalse();
        assertThat(stopped.get("problem").asText()).isNotBlank();
        assertThat(summary.get("everyone").asBoolean()).isFalse();
        assertThat(summary.get("requests").isArray()).isTrue();
    }

    @Test
    void a_locale_that_is_not_utf8_gets_ascii_bars() {
        Map<String, String> env = new HashMap<>(Commands.environment(dataDir));
        env.put("LANG", "C");

        Commands.Ran ran = status(env, "--user", "admin");

        String line = ran.out().lines().filter(text -> text.contains(TORRENT)).findFirst().orElseThrow();
        assertThat(line).contains("[---------------]").doesNotContain("░");
    }

    @Test
    void members_see_only_the_downloads_of_their_requests_and_may_not_ask_for_everyones() {
        Commands.Ran own = status(Commands.environment(dataDir), "--user", MEMBER);
        Commands.Ran everyone = status(Commands.environment(dataDir), "--user", MEMBER, "--all");

        assertThat(own.status()).as(own.err()).isZero();
        assertThat(own.out()).doesNotContain(TORRENT).contains("Your requests: the latest 0 of 0");
        assertThat(everyone.status()).isEqualTo(2);
        assertThat(everyone.err()).contains("--all shows everyone's requests, which molly may not see");
    }

    @Test
    void the_same_summary_comes_from_a_running_server_with_a_token() {
        HttpSession admin = new HttpSession(app.baseUrl(), null);
        assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
        Map<String, String> env = new HashMap<>(Commands.environment(dataDir));
        env.put("MEDIANEST_TOKEN", Commands.token(admin, true, List.of()));

        Commands.Ran ran = status(env, "--server", app.baseUrl(), "--all");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ran.out()).contains(TORRENT).containsPattern("Stopped box \\(qbittorrent\\) +down: .+")
                .contains("Everyone's requests");
    }

    @Test
    void a_limit_out_of_range_exits_2() {
        Commands.Ran ran = status(Commands.environment(dataDir), "--user", "admin", "--limit", "0");

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("--limit must be from 1 to 200, not 0");
    }

    private static JsonNode find(JsonNode clients, String name) {
        for (JsonNode client : clients) {
            if (client.get("name").asText().equals(name)) {
                return client;
            }
        }
        throw new AssertionError("no client " + name + " in " + clients);
    }
}
