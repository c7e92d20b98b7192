package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.App;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.downloads.AddTorrent;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.features.downloads.Torrent;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.platform.i18n.Language;
import dev.medianest.testing.Await;
import dev.medianest.testing.FakeArrLibrary;
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.QbittorrentDaemon;
import dev.medianest.testing.Requesters;
import dev.medianest.testing.TestApp;
import dev.medianest.testing.TorrentFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.medianest.features.assistant.AssistantToolsTest.failed;
import static dev.medianest.features.assistant.AssistantToolsTest.json;
import static dev.medianest.features.assistant.AssistantToolsTest.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * list_downloads, pause_download, resume_download and cancel_download against a real qbittorrent-nox
 * configured as a service, beside a second client that is not running: what admins and members see,
 * acting by words of the names and by hash, and a client that is down reported while the other lists.
 */
class AssistantDownloadToolsTest {

    @TempDir
    static Path dataDir;

    private static TestApp server;
    private static App app;
    private static QbittorrentDaemon daemon;
    private static long seedbox;
    private static Principal admin;

    @BeforeAll
    static void start() throws Exception {
        daemon = QbittorrentDaemon.start();
        server = TestApp.start(dataDir, Map.of(), MutableClock.startingNow());
        app = server.app();
        admin = Requesters.admin(app);
        seedbox = app.services().create(admin.user().id(), ServiceDraft.of(ServiceKind.QBITTORRENT, "Seedbox", daemon.baseUrl(),
                Map.of("username", QbittorrentDaemon.USER), Map.of("password", QbittorrentDaemon.PASSWORD), true, false, false, 5)).id();
        // Nothing listens there: the client is down for the whole class.
        app.services().create(admin.user().id(), ServiceDraft.of(ServiceKind.QBITTORRENT, "Stopped box", "http://127.0.0.1:" + LoopbackPorts.free(),
                Map.of("username", QbittorrentDaemon.USER), Map.of("password", QbittorrentDaemon.PASSWORD), false, false, false, 2));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void list_downloads_shows_an_admin_every_torrent_and_a_stopped_client_as_a_problem() throws Exception {
        String heat = add("Heat.1995.Remastered.1080p.BluRay.mkv");
        try {
            ToolResult listed = succeeded(tools(admin, Language.EN).call("list_downloads", json("{}"), null));

            JsonNode torrent = torrent(listed.structured(), heat);
            assertThat(torrent.get("name").asText()).isEqualTo("Heat.1995.Remastered.1080p.BluRay.mkv");
            assertThat(torrent.get("state").asText()).isEqualTo("paused");
            assertThat(torrent.at("/client/name").asText()).isEqualTo("Seedbox");
            assertThat(torrent.get("size").asLong()).isEqualTo(20_000);
            assertThat(listed.structured().get("canControl").asBoolean()).isTrue();
            assertThat(listed.structured().get("problems")).singleElement().satisfies(problem -> {
                assertThat(problem.get("client").asText()).isEqualTo("Stopped box");
                assertThat(problem.get("message").asText()).contains("Stopped box");
            });
            assertThat(listed.summary()).contains("paused", "Could not ask Stopped box");
            assertThat(listed.cards()).anySatisfy(card -> {
                assertThat(card.kind()).isEqualTo("download");
                assertThat(card.heading()).isEqualTo("Heat.1995.Remastered.1080p.BluRay.mkv");
                assertThat(card.progress()).contains(0.0);
            });

            ToolResult heatOnly = succeeded(tools(admin, Language.EN).call("list_downloads", json("{\"query\": \"heat 1995\"}"), null));
            assertThat(heatOnly.structured().get("downloads")).extracting(item -> item.get("hash").asText()).containsExactly(heat);
            ToolResult none = succeeded(tools(admin, Language.RU).call("list_downloads", json("{\"query\": \"Oppenheimer\"}"), null));
            assertThat(none.structured().get("downloads")).isEmpty();
            assertThat(none.summary()).startsWith("Загрузок нет.").contains("Не удалось опросить Stopped box");
        } finally {
            remove(heat);
        }
    }

    @Test
    void pause_and_resume_act_on_every_name_with_the_words_or_on_one_hash() throws Exception {
        String uhd = add("Tenet.2020.2160p.UHD.BluRay.x265.mkv");
        String web = add("Tenet.2020.1080p.WEB-DL.DDP5.1.mkv");
        String other = add("Inception.2010.1080p.BluRay.mkv");
        try {
            ToolResult resumed = succeeded(tools(admin, Language.EN).call("resume_download", json("{\"query\": \"Tenet\"}"), null));
            assertThat(resumed.structured().get("acted")).extracting(item -> item.get("hash").asText()).containsExactlyInAnyOrder(uhd, web);
            assertThat(resumed.summary()).startsWith("Resumed 2 downloads: ").contains("Tenet.2020.2160p.UHD.BluRay.x265.mkv",
                    "Tenet.2020.1080p.WEB-DL.DDP5.1.mkv");
            Await.until(() -> state(uhd), state -> !state.equals("PAUSED"));
            Await.until(() -> state(web), state -> !state.equals("PAUSED"));
            assertThat(state(other)).as("a name without the words is left alone").isEqualTo("PAUSED");

            ToolResult paused = succeeded(tools(admin, Language.EN).call("pause_download", json("{\"hash\": \"" + uhd.toUpperCase(Locale.ROOT) + "\"}"), null));
            assertThat(paused.summary()).isEqualTo("Paused Tenet.2020.2160p.UHD.BluRay.x265.mkv.");
            Await.until(() -> state(uhd), state -> state.equals("PAUSED"));
            assertThat(state(web)).isNotEqualTo("PAUSED");

            ToolError nothing = failed(tools(admin, Language.EN).call("pause_download", json("{\"query\": \"Oppenheimer\"}"), null));
            assertThat(nothing.kind()).isEqualTo(ToolError.Kind.NOT_FOUND);
            assertThat(nothing.field()).contains("query");
            assertThat(nothing.message()).contains("\"Oppenheimer\"", "one client could not be asked");
        } finally {
            remove(uhd);
            remove(web);
            remove(other);
        }
    }

    @Test
    void pause_all_and_resume_all_reach_every_torrent_and_report_the_client_that_could_not_be_asked() throws Exception {
        String first = add("Arrival.2016.1080p.mkv");
        String second = add("Sicario.2015.1080p.mkv");
        try {
            ToolResult resumed = succeeded(tools(admin, Language.EN).call("resume_download", json("{\"all\": true}"), null));
            assertThat(resumed.structured().get("acted")).extracting(item -> item.get("hash").asText()).contains(first, second);
            assertThat(resumed.structured().get("problems")).extracting(problem -> problem.get("client").asText()).containsExactly("Stopped box");
            assertThat(resumed.summary()).startsWith("Resumed every download").contains("One client could not be asked.");
            Await.until(() -> state(first), state -> !state.equals("PAUSED"));

            ToolResult paused = succeeded(tools(admin, Language.RU).call("pause_download", json("{\"all\": true}"), null));
            assertThat(paused.summary()).startsWith("Все загрузки приостановлены");
            Await.until(() -> state(first), state -> state.equals("PAUSED"));
            Await.until(() -> state(second), state -> state.equals("PAUSED"));
        } finally {
            remove(first);
            remove(second);
        }
    }

    @Test
    void cancel_download_refuses_words_that_match_several_and_lists_them_then_removes_one_by_hash() throws Exception {
        String cut = add("Blade.Runner.1982.Final.Cut.1080p.mkv");
        String theatrical = add("Blade.Runner.1982.Theatrical.720p.mkv");
        try {
            ToolError several = failed(tools(admin, Language.EN).call("cancel_download", json("{\"query\": \"blade runner\"}"), null));
            assertThat(several.kind()).isEqualTo(ToolError.Kind.CONFLICT);
            assertThat(several.field()).contains("query");
            assertThat(several.message()).contains("2 downloads", "Blade.Runner.1982.Final.Cut.1080p.mkv", cut,
                    "Blade.Runner.1982.Theatrical.720p.mkv", theatrical);
            assertThat(java.util.Arrays.asList(state(cut), state(theatrical))).as("nothing removed").doesNotContainNull();

            ToolResult removed = succeeded(tools(admin, Language.EN).call("cancel_download",
                    json("{\"hash\": \"" + cut + "\", \"deleteFiles\": true}"), null));
            assertThat(removed.summary()).isEqualTo("Removed Blade.Runner.1982.Final.Cut.1080p.mkv from Seedbox and deleted its files.");
            assertThat(removed.structured().get("filesDeleted").asBoolean()).isTrue();
            Await.until(() -> Optional.ofNullable(state(cut)), Optional::isEmpty);

            ToolResult byWords = succeeded(tools(admin, Language.EN).call("cancel_download", json("{\"query\": \"Blade Runner\"}"), null));
            assertThat(byWords.structured().at("/removed/hash").asText()).isEqualTo(theatrical);
            assertThat(byWords.summary()).endsWith("its files are kept.");
            Await.until(() -> Optional.ofNullable(state(theatrical)), Optional::isEmpty);
        } finally {
            remove(cut);
            remove(theatrical);
        }
    }

    @Test
    void a_member_sees_only_the_download_of_their_own_request_and_may_not_control_any() throws Exception {
        Principal mia = Requesters.member(app, admin, "mia", EnumSet.of(Permission.REQUEST, Permission.ASSISTANT));
        String theirs = "0123456789abcdef0123456789abcdef01234567";
        String others = "fedcba9876543210fedcba9876543210fedcba98";
        try (FakeArrLibrary radarr = FakeArrLibrary.radarr()) {
            ServiceInstance movies = app.services().create(admin.user().id(), ServiceDraft.of(ServiceKind.RADARR, "Radarr", radarr.baseUrl(),
                    Map.of("qualityProfileId", "4", "rootFolder", "/movies"), Map.of("apiKey", FakeArrLibrary.API_KEY), true, false, false, 5));
            MediaRequest request = Requesters.approvedAndSent(app, admin, mia, Requesters.movie(693134, "Dune: Part Two"));
            app.downloads().add(seedbox, new AddTorrent(new AddTorrent.Magnet("magnet:?xt=urn:btih:" + theirs + "&dn=Dune.Part.Two.2024.2160p"),
                    Optional.empty(), Optional.empty(), true));
            app.downloads().add(seedbox, new AddTorrent(new AddTorrent.Magnet("magnet:?xt=urn:btih:" + others + "&dn=Someone.Elses.Film.2023"),
                    Optional.empty(), Optional.empty(), true));
            Await.until(() -> state(others), state -> state != null);
            Await.until(() -> state(theirs), state -> state != null);
            // Radarr reports the grab with the hash in upper case (Radarr's QBittorrent.cs upper-cases it).
            String secret = app.webhooks().issueSecret(admin.user().id(), movies.id()).secret();
            app.webhooks().receive(ServiceKind.RADARR, movies.id(), Optional.of(secret), "{\"eventType\":\"Grab\",\"movie\":{\"id\":"
                    + radarr.libraryId(693134).orElseThrow() + ",\"tmdbId\":693134,\"title\":\"Dune: Part Two\"},\"downloadId\":\""
                    + theirs.toUpperCase(Locale.ROOT) + "\"}", "127.0.0.1");
            assertThat(app.requests().downloadIds(request.id())).contains(theirs);

            ToolResult seen = succeeded(tools(mia, Language.EN).call("list_downloads", json("{}"), null));
            assertThat(seen.structured().get("downloads")).extracting(item -> item.get("hash").asText()).containsExactly(theirs);
            assertThat(seen.structured().get("canControl").asBoolean()).isFalse();
            assertThat(seen.structured().get("problems")).as("a client that is down may hold theirs").hasSize(1);
            ToolResult everything = succeeded(tools(admin, Language.EN).call("list_downloads", json("{}"), null));
            assertThat(everything.structured().get("downloads")).extracting(item -> item.get("hash").asText()).contains(theirs, others);

            for (String call : List.of("pause_download", "resume_download", "cancel_download")) {
                ToolError refused = failed(tools(mia, Language.EN).call(call, json("{\"hash\": \"" + theirs + "\"}"), null));
                assertThat(refused.kind()).as(call).isEqualTo(ToolError.Kind.FORBIDDEN);
                assertThat(refused.message()).as(call).startsWith("Only admins can pause, resume or remove downloads.");
            }
            assertThat(failed(tools(mia, Language.RU).call("pause_download", json("{\"all\": true}"), null)).message())
                    .startsWith("Приостанавливать, возобновлять и удалять загрузки могут только администраторы.");
            assertThat(state(theirs)).as("still there, untouched").isNotNull();
        } finally {
            remove(theirs);
            remove(others);
        }
    }

    // --- helpers ---------------------------------------------------------------------------

    private static Toolbox tools(Principal who, Language language) {
        return app.tools().as(who, language);
    }

    /** Adds a paused single-file torrent of 20 000 random bytes named {@code name}; returns its hash once the client has checked it. */
    private static String add(String name) throws Exception {
        byte[] torrent = TorrentFiles.singleFile(name, TorrentFiles.randomBytes(20_000));
        String hash = app.downloads().add(seedbox, new AddTorrent(TorrentFiles.upload(name + ".torrent", torrent), Optional.empty(),
                Optional.of(daemon.data().toString()), true));
        Await.until(() -> state(hash), state -> "PAUSED".equals(state));
        return hash;
    }

    /** The torrent's state as the board reads it, or null when the client does not have it. */
    private static String state(String hash) {
        for (DownloadBoard.Group group : app.downloads().groups()) {
            if (group instanceof DownloadBoard.Listed listed) {
                for (Torrent torrent : listed.torrents()) {
                    if (torrent.hash().equals(hash)) {
                        return torrent.state().name();
                    }
                }
            }
        }
        return null;
    }

    private static void remove(String hash) {
        if (state(hash) != null) {
            app.downloads().act(seedbox, hash, DownloadBoard.Action.REMOVE_WITH_DATA);
        }
    }

    private static JsonNode torrent(JsonNode structured, String hash) {
        List<String> hashes = new ArrayList<>();
        for (JsonNode item : structured.get("downloads")) {
            hashes.add(item.get("hash").asText());
            if (item.get("hash").asText().equals(hash)) {
                return item;
            }
        }
        throw new AssertionError("no download " + hash + " among " + hashes);
    }
}
