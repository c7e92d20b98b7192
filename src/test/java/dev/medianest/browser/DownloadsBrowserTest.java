package dev.medianest.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.FilePayload;
import dev.medianest.features.accounts.InitialAdmin;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.testing.HeadlessChromium;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.QbittorrentDaemon;
import dev.medianest.testing.TestApp;
import dev.medianest.testing.TorrentFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Downloads page in a real browser on a phone and a desktop, against a real qbittorrent-nox:
 * add through the form, the live stream opens, pause/resume, remove after confirming; no console
 * errors or CSP violations.
 */
class DownloadsBrowserTest {

    private record Viewport(String name, int width, int height) {
    }

    @TempDir
    static Path dataDir;

    private static HeadlessChromium chromium;
    private static QbittorrentDaemon daemon;
    private static TestApp app;
    private static long qbId;
    private final List<String> browserProblems = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        daemon = QbittorrentDaemon.start();
        app = TestApp.start(dataDir, Map.of(), MutableClock.startingNow());
        long actor = app.app().accounts().findByUsername(InitialAdmin.USERNAME).orElseThrow().id();
        qbId = app.app().services().create(actor, ServiceDraft.of(ServiceKind.QBITTORRENT, "Seedbox", daemon.baseUrl(),
                Map.of("username", QbittorrentDaemon.USER), Map.of("password", QbittorrentDaemon.PASSWORD), true, false, false, 5)).id();
        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (app != null) {
            app.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void on_phone_and_desktop_a_torrent_is_added_paused_resumed_and_removed() throws Exception {
        for (Viewport viewport : List.of(new Viewport("phone", 360, 740), new Viewport("desktop", 1280, 800))) {
            String name = viewport.name() + "-browser.bin";
            byte[] torrent = TorrentFiles.singleFile(name, TorrentFiles.randomBytes(30_000));
            String hash = TorrentFiles.infoHash(torrent);
            try (BrowserContext context = chromium.open(app.baseUrl(), viewport.name(), viewport.width(), viewport.height(), ColorScheme.LIGHT,
                    browserProblems)) {
                Page page = context.newPage();
                HeadlessChromium.signIn(page, InitialAdmin.USERNAME, TestApp.ADMIN_PASSWORD);

                page.navigate("/downloads");
                assertThat(page.locator("h1")).hasText("Downloads");
                page.locator("#board-add input[name=torrent]").setInputFiles(new FilePayload(name + ".torrent", "application/x-bittorrent", torrent));
                page.locator("#board-add input[name=savePath]").fill(daemon.data().toString());
                page.locator("#board-add input[name=paused]").setChecked(true);
                page.locator("#board-add button[type=submit]").click();
                page.waitForURL(url -> url.contains("notice=torrent_added"));
                assertThat(page.locator("html")).hasAttribute("data-live", "open");

                Locator row = page.locator("#torrent-" + hash);
                assertThat(row).isVisible();
                assertThat(row).hasAttribute("data-state", "paused");
                row.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("Resume").setExact(true)).click();
                assertThat(page.locator("#torrent-" + hash)).not().hasAttribute("data-state", "paused");

                double overflow = ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).doubleValue();
                assertThat(overflow).as("the page itself does not scroll sideways on " + viewport.name()).isLessThanOrEqualTo(1);

                page.onDialog(dialog -> dialog.accept());
                page.locator("#torrent-" + hash).getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("Remove with data").setExact(true)).click();
                assertThat(page.locator("#torrent-" + hash)).hasCount(0);
            }
        }
        assertThat(browserProblems).as("console errors, CSP violations and uncaught script errors").isEmpty();
    }
}
