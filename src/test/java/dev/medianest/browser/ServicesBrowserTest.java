package dev.medianest.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.medianest.features.accounts.InitialAdmin;
import dev.medianest.features.events.ServiceStatusChanged;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.testing.FakeRadarr;
import dev.medianest.testing.HeadlessChromium;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings › Services and the live dashboard in a real browser (Debian's Chromium) against a Radarr
 * fake held to its spec: adding a service with a wrong key and fixing it, the card going down
 * without a reload, removal, and every new page on a phone and a desktop in both themes. Every
 * test fails on a console error, a CSP violation or an uncaught script error.
 */
class ServicesBrowserTest {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServicesBrowserTest.class);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("medianest.projectDir", "."), "target", "screenshots");

    private record Viewport(String name, int width, int height) {
    }

    private static final List<Viewport> VIEWPORTS = List.of(new Viewport("phone", 360, 740), new Viewport("desktop", 1280, 800));

    private static HeadlessChromium chromium;

    @TempDir
    Path dataDir;

    private final MutableClock clock = MutableClock.startingNow();
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> browserProblems = new CopyOnWriteArrayList<>();
    private TestApp app;
    private FakeRadarr radarr;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void closeAndCheckTheConsole() {
        contexts.forEach(BrowserContext::close);
        if (app != null) {
            app.close();
        }
        if (radarr != null) {
            radarr.close();
        }
        assertThat(browserProblems).as("console errors, CSP violations and uncaught script errors").isEmpty();
    }

    private void start() {
        radarr = FakeRadarr.start();
        app = TestApp.start(dataDir, Map.of(), clock);
    }

    @Test
    void an_admin_adds_radarr_fixes_a_wrong_key_and_sees_it_go_down_live() throws Exception {
        start();
        Page page = newPage();
        signIn(page);
        assertThat(page.locator("#service-cards")).containsText("No services are connected yet.");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Go to Settings › Services")).click();
        page.waitForURL(url -> url.endsWith("/settings/services"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add Radarr")).click();
        page.waitForURL(url -> url.endsWith("/settings/services/new?kind=radarr"));
        assertThat(page.locator("#f_qualityProfileId-choices")).hasText("Enter the address and the API key to load the choices.");

        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Radarr");
        page.getByLabel("Address", new Page.GetByLabelOptions().setExact(true)).fill(radarr.baseUrl());
        page.getByLabel("API key", new Page.GetByLabelOptions().setExact(true)).fill("wrong-key-123");
        page.getByLabel("API key", new Page.GetByLabelOptions().setExact(true)).press("Tab");
        assertThat(page.locator("#f_qualityProfileId-choices")).containsText("refused the API key");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test")).click();

        assertThat(page.locator("#test-result")).containsText("The test found a problem:");
        assertThat(page.locator("#test-result")).containsText("Radarr at " + radarr.baseUrl()
                + " refused the API key. Copy it again from the service's Settings › General.");
        screenshot(page, "service-test-failed");

        page.getByLabel("API key", new Page.GetByLabelOptions().setExact(true)).fill(FakeRadarr.API_KEY);
        page.getByLabel("API key", new Page.GetByLabelOptions().setExact(true)).press("Tab");
        assertThat(page.locator("#f_qualityProfileId option[value='5']")).hasText("Ultra-HD");
        page.getByLabel("Default quality profile").selectOption("5");
        page.getByLabel("Default root folder").selectOption("/movies");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test")).click();
        assertThat(page.locator("#test-result")).containsText("It works");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add service")).click();

        page.waitForURL(url -> url.contains("notice=service_added"));
        ServiceInstance saved = app.app().services().list().getFirst();
        assertThat(saved.option("qualityProfileId")).contains("5");
        assertThat(saved.option("rootFolder")).contains("/movies");
        assertThat(page.locator("#service-" + saved.id())).containsText("Radarr");

        page.navigate("/");
        page.locator("html[data-live='open']").waitFor();
        Locator card = page.locator("#service-card-" + saved.id());
        app.app().statusJob().runDueRound();
        assertThat(card).hasClass(java.util.regex.Pattern.compile("state-up"));
        assertThat(card).containsText("version 5.14.0.9383");
        assertThat(card).containsText("1.2 TB free of 4.0 TB");
        assertThat(card.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Open Radarr"))).hasAttribute("href", radarr.baseUrl());
        page.evaluate("() => { window.sameDocument = true; }");

        CompletableFuture<Long> publishedAt = new CompletableFuture<>();
        app.app().events().subscribe(event -> {
            if (event instanceof ServiceStatusChanged changed && changed.serviceId() == saved.id()) {
                publishedAt.complete(System.nanoTime());
            }
        });
        radarr.goDown();
        clock.advance(Duration.ofSeconds(60));
        CompletableFuture.runAsync(() -> app.app().statusJob().runDueRound());
        page.locator("#service-card-" + saved.id() + ".state-down").waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        long seenAt = System.nanoTime();

        Duration delay = Duration.ofNanos(seenAt - publishedAt.get(1, TimeUnit.SECONDS));
        LOG.info("the status change reached the open dashboard in {} ms", delay.toMillis());
        assertThat(delay).as("from the status change to the open dashboard").isLessThan(Duration.ofSeconds(1));
        assertThat(card).containsText("Down");
        assertThat(card).containsText("refused the connection or cannot be reached");
        assertThat(page.evaluate("() => window.sameDocument")).as("the card changed; the page did not reload").isEqualTo(true);
        screenshot(page, "dashboard-down");

        app.app().services().delete(1, saved.id());
        card.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        assertThat(page.locator("#service-cards")).containsText("No services are connected yet.");
        assertThat(page.evaluate("() => window.sameDocument")).isEqualTo(true);
    }

    @Test
    void removing_a_service_asks_first_and_nothing_happens_when_the_admin_says_no() {
        start();
        ServiceInstance service = add("Radarr 4K", radarr.baseUrl(), true);
        Page page = newPage();
        signIn(page);
        page.navigate("/settings/services/" + service.id());
        assertThat(page.locator("#f_apiKey-hint")).hasText("Set — leave blank to keep it.");
        assertThat(page.locator("#f_apiKey")).hasValue("");
        assertThat(page.content()).doesNotContain(FakeRadarr.API_KEY);
        assertThat(page.locator("#f_qualityProfileId option[value='4']")).hasAttribute("selected", "");
        List<String> questions = new CopyOnWriteArrayList<>();
        page.onDialog(dialog -> {
            questions.add(dialog.message());
            if (questions.size() == 1) {
                dialog.dismiss();
            } else {
                dialog.accept();
            }
        });
        Locator remove = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove"));

        remove.click();
        assertThat(URI.create(page.url()).getPath()).isEqualTo("/settings/services/" + service.id());
        assertThat(questions).containsExactly("Remove the service \"Radarr 4K\"? Its status history goes with it.");

        remove.click();
        page.waitForURL(url -> url.endsWith("/settings/services?notice=service_removed"));
        assertThat(page.locator("#service-" + service.id())).hasCount(0);
        assertThat(app.app().services().list()).isEmpty();
    }

    @Test
    void the_new_pages_fit_a_phone_and_a_desktop_in_the_light_and_the_dark_theme() throws IOException {
        start();
        ServiceInstance up = add("Radarr", radarr.baseUrl(), false);
        ServiceInstance down = add("Radarr 4K on the old NAS in the basement", "http://127.0.0.1:9/radarr-with-a-long-url-base", true);
        app.app().statusJob().runDueRound();
        Files.createDirectories(SCREENSHOTS);
        for (String[] look : List.of(new String[]{"light", "en"}, new String[]{"dark", "en"}, new String[]{"dark", "ru"})) {
            Page page = newPage();
            page.navigate("/sign-in");
            page.locator("#theme-select").selectOption(look[0]);
            assertThat(page.locator("html")).hasAttribute("data-theme", look[0]);
            page.locator("#language-select").selectOption(look[1]);
            assertThat(page.locator("html")).hasAttribute("lang", look[1]);
            signIn(page);
            String name = look[0] + "-" + look[1];
            page.locator("html[data-live='open']").waitFor();
            assertThat(page.locator("#service-card-" + up.id())).hasClass(java.util.regex.Pattern.compile("state-up"));
            checkLayout(page, "services-dashboard", name);
            page.navigate("/settings/services");
            checkLayout(page, "services-list", name);
            page.navigate("/settings/services/" + down.id());
            page.locator("#f_qualityProfileId-choices").waitFor();
            checkLayout(page, "services-edit", name);
            page.navigate("/settings/services/new?kind=radarr");
            page.locator("#name").fill("Radarr");
            page.locator("form#service-form button[formaction='/settings/services/test']").click();
            page.locator("#test-result .error").waitFor();
            checkLayout(page, "services-new-tested", name);
        }
    }

    private ServiceInstance add(String name, String baseUrl, boolean is4k) {
        return app.app().services().create(1, ServiceDraft.of(ServiceKind.RADARR, name, baseUrl, Map.of("qualityProfileId", "4"),
                Map.of("apiKey", FakeRadarr.API_KEY), !is4k, is4k, false, 2));
    }

    /** A page in a fresh browser context, watched for console errors and uncaught script errors. */
    private Page newPage() {
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en-US").setBaseURL(app.baseUrl()));
        context.setDefaultTimeout(10_000);
        context.onConsoleMessage(message -> {
            boolean policy = message.text().contains("Content Security Policy");
            if ("error".equals(message.type()) || policy) {
                browserProblems.add(message.type() + " at " + message.location() + ": " + message.text());
            }
        });
        context.onWebError(error -> browserProblems.add("uncaught: " + error.error()));
        contexts.add(context);
        return context.newPage();
    }

    private static void signIn(Page page) {
        page.navigate("/sign-in");
        page.locator("#username").fill(InitialAdmin.USERNAME);
        page.locator("#password").fill(TestApp.ADMIN_PASSWORD);
        page.locator("form[action='/sign-in'] button[type=submit]").click();
        page.waitForURL(url -> !URI.create(url).getPath().equals("/sign-in"));
    }

    private static void screenshot(Page page, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    /** No horizontal scrolling at any viewport, every control labelled; a full-page screenshot of each. */
    @SuppressWarnings("unchecked")
    private static void checkLayout(Page page, String name, String look) {
        page.waitForLoadState();
        List<String> unlabelled = (List<String>) page.evaluate("""
                () => Array.from(document.querySelectorAll('input, select, textarea'))
                  .filter(e => e.type !== 'hidden' && e.getClientRects().length > 0)
                  .filter(e => !Array.from(e.labels || []).some(l => l.textContent.trim() !== '')
                            && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                  .map(e => e.outerHTML)""");
        assertThat(unlabelled).as("form controls without a label on %s", name).isEmpty();
        List<String> repeatedIds = (List<String>) page.evaluate("""
                () => { const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);
                        return ids.filter((id, i) => ids.indexOf(id) !== i); }""");
        assertThat(repeatedIds).as("ids used twice on %s", name).isEmpty();
        for (Viewport viewport : VIEWPORTS) {
            page.setViewportSize(viewport.width(), viewport.height());
            Map<String, Object> fit = (Map<String, Object>) page.evaluate("""
                    () => ({
                      scrollWidth: document.documentElement.scrollWidth,
                      innerWidth: window.innerWidth,
                      overflowing: Array.from(document.querySelectorAll('body *'))
                        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                        .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className : ''))
                    })""");
            assertThat(((Number) fit.get("scrollWidth")).intValue())
                    .as("%s on a %s (%s) scrolls sideways; too wide: %s", name, viewport.name(), look, fit.get("overflowing"))
                    .isLessThanOrEqualTo(((Number) fit.get("innerWidth")).intValue());
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SCREENSHOTS.resolve(name + "-" + viewport.name() + "-" + look + ".png")));
        }
    }
}
