package dev.medianest.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.AriaRole;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.InitialAdmin;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.testing.FakeArrLibrary;
import dev.medianest.testing.HeadlessChromium;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Requests page in a real browser, on a phone and a desktop, in the light and the dark theme:
 * a member sees their request pending; an admin approves it from their own page; the member's
 * open page turns it Approved (and Processing once Radarr has it) without a reload. No console
 * errors, CSP violations or sideways scrolling.
 */
class RequestsBrowserTest {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("medianest.projectDir", "."), "target", "screenshots");
    private static final String PASSWORD = "a long enough password";

    private record Look(String viewport, int width, int height, String theme, int tmdbId, String title) {
    }

    @TempDir
    static Path dataDir;

    private static HeadlessChromium chromium;
    private static FakeArrLibrary radarr;
    private static TestApp app;
    private final List<String> browserProblems = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        radarr = FakeArrLibrary.radarr();
        app = TestApp.start(dataDir, Map.of(), MutableClock.startingNow());
        app.app().services().create(Accounts.CONSOLE, radarr.service("Radarr", false));
        app.app().accounts().create(Accounts.CONSOLE, new NewUser("mia", "Mia Wallace", PASSWORD, Role.USER, EnumSet.of(Permission.REQUEST),
                false, Optional.empty()));
        chromium = HeadlessChromium.launch();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (app != null) {
            app.close();
        }
        if (radarr != null) {
            radarr.close();
            radarr.assertAllInSpec();
        }
    }

    @Test
    void a_members_open_page_shows_the_admins_approval_live_on_phone_and_desktop_in_both_themes() {
        HttpSession miaApi = new HttpSession(app.baseUrl(), null);
        assertThat(miaApi.signIn("mia", PASSWORD).status()).isEqualTo(200);
        List<Look> looks = List.of(new Look("phone", 360, 740, "light", 693134, "Dune: Part Two"),
                new Look("phone", 360, 740, "dark", 438631, "Dune"),
                new Look("desktop", 1280, 800, "light", 841, "Dune (David Lynch)"),
                new Look("desktop", 1280, 800, "dark", 90001, "A film Radarr cannot find"));
        for (Look look : looks) {
            HttpSession.Reply asked = miaApi.api("POST", "/api/v1/requests", Map.of("type", "movie", "ids", Map.of("tmdb", look.tmdbId()),
                    "title", look.title(), "year", 2021));
            assertThat(asked.status()).as(asked.body()).isEqualTo(201);
            long id = asked.json().at("/request/id").asLong();

            try (BrowserContext member = context(look); BrowserContext admin = context(new Look("desktop", 1280, 800, "light", 0, ""))) {
                Page mia = member.newPage();
                HeadlessChromium.signIn(mia, "mia", PASSWORD);
                mia.locator("#theme-select").selectOption(look.theme());
                assertThat(mia.locator("html")).hasAttribute("data-theme", look.theme());
                mia.navigate("/requests");
                Locator row = mia.locator("#request-" + id);
                assertThat(row.locator(".req-state")).hasText("Pending");
                assertThat(row).containsText("Requested by Mia Wallace");
                assertThat(mia.locator("#request-quota")).containsText("Movies:");
                assertThat(mia.locator("html")).hasAttribute("data-live", "open");
                assertThat(row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve"))).hasCount(0);
                mia.evaluate("() => { window.sameDocument = true; }");
                checkLayout(mia, look, "pending");

                Page boss = admin.newPage();
                HeadlessChromium.signIn(boss, InitialAdmin.USERNAME, TestApp.ADMIN_PASSWORD);
                boss.navigate("/requests?tab=pending");
                boss.locator("#request-" + id).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve").setExact(true)).click();
                boss.waitForURL(url -> url.contains("done=approved"));
                assertThat(boss.locator("#request-done")).containsText("approved");

                assertThat(mia.locator("#request-" + id + " .req-state")).hasText(Pattern.compile("Approved|Processing"));
                assertThat(mia.evaluate("() => window.sameDocument")).as("the member's page changed without a reload").isEqualTo(true);
                if (look.tmdbId() == 90001) {
                    assertThat(mia.locator("#request-" + id + " .request-error")).containsText("Next attempt at");
                } else {
                    assertThat(mia.locator("#request-" + id + " .req-state")).hasText("Processing");
                }
                checkLayout(mia, look, "approved");

                mia.locator("#request-title-" + id + " a").click();
                mia.waitForURL(url -> URI.create(url).getPath().equals("/requests/" + id));
                assertThat(mia.locator(".timeline li")).not().hasCount(0);
                assertThat(mia.locator(".timeline")).containsText("Pending \u2192 Approved");
                checkLayout(mia, look, "detail");
            }
        }
        assertThat(browserProblems).as("console errors, CSP violations and uncaught script errors").isEmpty();
    }

    @Test
    void an_admin_declines_with_a_reason_and_the_member_withdraws_another_after_confirming() {
        HttpSession miaApi = new HttpSession(app.baseUrl(), null);
        assertThat(miaApi.signIn("mia", PASSWORD).status()).isEqualTo(200);
        long declined = miaApi.api("POST", "/api/v1/requests", Map.of("type", "movie", "ids", Map.of("tmdb", 90100), "title", "Decline me"))
                .json().at("/request/id").asLong();
        long withdrawn = miaApi.api("POST", "/api/v1/requests", Map.of("type", "movie", "ids", Map.of("tmdb", 90101), "title", "Withdraw me"))
                .json().at("/request/id").asLong();
        Look phone = new Look("phone", 360, 740, "dark", 0, "");
        try (BrowserContext member = context(phone); BrowserContext admin = context(phone)) {
            Page mia = member.newPage();
            HeadlessChromium.signIn(mia, "mia", PASSWORD);
            mia.navigate("/requests");
            Page boss = admin.newPage();
            HeadlessChromium.signIn(boss, InitialAdmin.USERNAME, TestApp.ADMIN_PASSWORD);
            boss.navigate("/requests");
            Locator row = boss.locator("#request-" + declined);
            row.locator("summary").click();
            row.getByLabel("Reason (optional)").fill("Nobody in the house wants it");
            checkLayout(boss, phone, "manager-declining");
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Decline").setExact(true)).click();
            boss.waitForURL(url -> url.contains("done=declined"));

            assertThat(mia.locator("#request-" + declined + " .req-state")).hasText("Declined");
            mia.onDialog(dialog -> dialog.accept());
            mia.locator("#request-" + withdrawn).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel request")).click();
            mia.waitForURL(url -> url.contains("done=cancelled"));
            assertThat(mia.locator("#request-" + withdrawn + " .req-state")).hasText("Cancelled");
            mia.navigate("/requests/" + declined);
            assertThat(mia.locator(".timeline")).containsText("\u201cNobody in the house wants it\u201d");
        }
        assertThat(browserProblems).as("console errors, CSP violations and uncaught script errors").isEmpty();
    }

    private BrowserContext context(Look look) {
        return chromium.open(app.baseUrl(), look.viewport() + "/" + look.theme(), look.width(), look.height(), ColorScheme.LIGHT, browserProblems);
    }


    private static void checkLayout(Page page, Look look, String state) {
        double overflow = ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).doubleValue();
        assertThat(overflow).as("the requests page scrolls sideways on a %s (%s, %s)", look.viewport(), look.theme(), state).isLessThanOrEqualTo(1);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(SCREENSHOTS.resolve("requests-" + state + "-" + look.viewport() + "-" + look.theme() + ".png")));
    }
}
