package dev.medianest.testing;

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

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
