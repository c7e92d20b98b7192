package dev.medianest.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.ColorScheme;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, started once per test class (it takes a second or two);
 * each test opens its own {@link com.microsoft.playwright.BrowserContext} on it.
 */
public final class HeadlessChromium implements AutoCloseable {

    /*
     * The machines have no network but the package registries: Playwright must never fetch its own
     * browser builds, and Chromium must not try its update, sync and safe-browsing servers (it
     * would fill the log with refused connections). Tests only ever visit 127.0.0.1.
     */
    private static final List<String> ARGUMENTS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");

    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Installs the browser and its fonts when they are missing, then starts it. */
    public static HeadlessChromium launch() {
        DebianPackages.ensure(DebianPackages.CHROMIUM, DebianPackages.DEJAVU_FONTS);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(DebianPackages.CHROMIUM.file())
                    .setHeadless(true)
                    .setArgs(ARGUMENTS));
            return new HeadlessChromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    public Browser browser() {
        return browser;
    }

    /** A 1×1 PNG standing in for every poster: the test machines cannot reach TMDb's, TheTVDB's or Goodreads' image hosts. */
    private static final byte[] POSTER = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /**
     * A context on the MediaNest at {@code baseUrl}: English, this viewport and colour scheme, a 15 s
     * default timeout, every https address (the poster hosts) answered with a tiny image, and console
     * errors, Content-Security-Policy violations and uncaught script errors added to {@code problems}
     * under {@code label}.
     */
    public BrowserContext open(String baseUrl, String label, int width, int height, ColorScheme scheme, List<String> problems) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-US")
                .setViewportSize(width, height).setColorScheme(scheme).setBaseURL(baseUrl));
        context.setDefaultTimeout(15_000);
        context.route(java.util.regex.Pattern.compile("^https://.*"), route -> route.fulfill(new Route.FulfillOptions()
                .setStatus(200).setContentType("image/png").setBodyBytes(POSTER)));
        context.onConsoleMessage(message -> {
            if ("error".equals(message.type()) || message.text().contains("Content Security Policy")) {
                problems.add(label + ": " + message.text());
            }
        });
        context.onWebError(error -> problems.add(label + ": uncaught " + error.error()));
        return context;
    }

    /** Signs in through the form and waits until the browser has left it. */
    public static void signIn(Page page, String username, String password) {
        page.navigate("/sign-in");
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("form[action='/sign-in'] button[type=submit]").click();
        page.waitForURL(url -> !java.net.URI.create(url).getPath().equals("/sign-in"));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
