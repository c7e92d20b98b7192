package dev.medianest.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.FakeTmdb;
import dev.medianest.testing.HeadlessChromium;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discover and a title page in a real browser, on a phone in the dark theme and on a desktop in the
 * light one: typing "Dune" shows results with their badges as one types, a result opens its page,
 * and the request form asks for a title in place. No console errors or CSP violations.
 */
class DiscoverBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(DiscoverBrowserTest.class);
    private record Look(String name, int width, int height, ColorScheme scheme) {
    }

    @TempDir
    static Path dataDir;

    @AutoClose("closeAfterCheckingSpecs")
    private static DiscoverStack stack;
    @AutoClose
    private static HeadlessChromium chromium;
    private final List<String> browserProblems = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        stack = new DiscoverStack(dataDir);
        chromium = HeadlessChromium.launch();
    }

    @Test
    void typing_dune_shows_results_with_badges_and_a_title_opens_with_its_request_form() {
        for (Look look : List.of(new Look("phone-dark", 360, 740, ColorScheme.DARK), new Look("desktop-light", 1280, 800, ColorScheme.LIGHT))) {
            try (BrowserContext context = chromium.open(stack.app.baseUrl(), look.name(), look.width(), look.height(), look.scheme(),
                    browserProblems)) {
                Page page = context.newPage();
                HeadlessChromium.signIn(page, DiscoverStack.MEMBER, DiscoverStack.PASSWORD);

                page.locator("nav.mainnav").getByText("Discover").click();
                page.waitForURL(url -> URI.create(url).getPath().equals("/discover"));
                assertThat(page.locator("#row-trending-movie .title-card").first()).isVisible();

                Locator search = page.locator("#discover-q");
                search.click();
                long typed = System.nanoTime();
                search.pressSequentially("Dune", new Locator.PressSequentiallyOptions().setDelay(60));
                Locator results = page.locator("#discover-results .title-card");
                assertThat(results).hasCount(4);
                LOG.info("{}: results {} ms after the first key (typing 240 ms, debounce 300 ms)", look.name(),
                        (System.nanoTime() - typed) / 1_000_000);
                assertThat(page.locator("#discover-results [data-type=movie] [data-availability=available]").first()).isVisible();
                assertThat(page.locator("#discover-results [data-type=book] [data-availability=available]")).hasCount(1);
                page.waitForURL(url -> url.endsWith("/discover?q=Dune"));
                assertThat(page.locator("html")).hasAttribute("lang", "en");

                double overflow = ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).doubleValue();
                assertThat(overflow).as("Discover does not scroll sideways on " + look.name()).isLessThanOrEqualTo(1);
                String badgeColor = (String) page.evaluate("getComputedStyle(document.querySelector('#discover-results .avail-available')).backgroundColor");
                assertThat(badgeColor).as("the available badge follows the " + look.scheme() + " theme")
                        .isEqualTo(look.scheme() == ColorScheme.DARK ? "rgb(129, 201, 149)" : "rgb(30, 122, 60)");

                results.first().locator("a").click();
                page.waitForURL(url -> URI.create(url).getPath().equals("/title/movie/" + FakeTmdb.DUNE));
                assertThat(page.locator("h1")).containsText("Dune");
                assertThat(page.locator("#title-badges [data-availability=available]")).isVisible();
                assertThat(page.locator("#request-form")).isVisible();
                assertThat(page.locator("#request-form input[name=quality][value='4k']")).isVisible();
                assertThat(page.locator("#row-recommendations .title-card")).hasCount(1);
                overflow = ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).doubleValue();
                assertThat(overflow).as("the title page does not scroll sideways on " + look.name()).isLessThanOrEqualTo(1);

                page.locator("#row-recommendations .title-card a").click();
                page.waitForURL(url -> URI.create(url).getPath().equals("/title/movie/" + FakeTmdb.DUNE_PART_TWO));
                page.locator("#request-form input[name=quality][value=hd]").check();
                page.locator("#request-submit").click();
                assertThat(page.locator("#request-outcome")).isVisible();
                assertThat(page.locator("#request-outcome")).hasAttribute("data-outcome", look.name().startsWith("phone") ? "created" : "joined");
                assertThat(page.locator("#title-badges [data-availability=requested]")).isVisible();
                screenshot(page, look);
            }
        }
        assertThat(browserProblems).as("console errors, CSP violations and uncaught script errors").isEmpty();
    }

    /** With -Dmedianest.screenshots=DIR, each look's last page is saved there for a person to look at. */
    private static void screenshot(Page page, Look look) {
        String folder = System.getProperty("medianest.screenshots");
        if (folder != null) {
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of(folder, "title-" + look.name() + ".png")));
            page.navigate("/discover?q=Dune");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of(folder, "discover-" + look.name() + ".png")));
        }
    }
}
