package dev.medianest.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.InitialAdmin;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.features.accounts.User;
import dev.medianest.testing.HeadlessChromium;
import dev.medianest.testing.HttpSession;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The web shell in a real browser (Debian's Chromium): the first start, themes, languages,
 * remember-me, roles, API tokens, phone and desktop layouts, and keyboard basics. Every test
 * also fails on any console error, CSP violation or uncaught script error.
 */
class WebShellBrowserTest {

    private static final String ADMIN_PASSWORD = TestApp.ADMIN_PASSWORD;
    private static final Path SCREENSHOTS = Path.of(System.getProperty("medianest.projectDir", "."), "target", "screenshots");

    private record Viewport(String name, int width, int height) {
    }

    private record Look(String theme, String language) {
        @Override
        public String toString() {
            return theme + "-" + language;
        }
    }

    private static final List<Viewport> VIEWPORTS = List.of(new Viewport("phone", 360, 740), new Viewport("desktop", 1280, 800));

    private static HeadlessChromium chromium;

    @TempDir
    Path dataDir;

    private final MutableClock clock = MutableClock.startingNow();
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> browserProblems = new CopyOnWriteArrayList<>();
    private TestApp app;

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
        assertThat(browserProblems).as("console errors, CSP violations and uncaught script errors").isEmpty();
    }

    @Test
    void first_sign_in_with_the_one_time_password_forces_a_password_change() throws IOException {
        app = TestApp.start(dataDir, Map.of(), clock, Optional.empty());
        Path passwordFile = dataDir.resolve(InitialAdmin.PASSWORD_FILE);
        String oneTimePassword = app.oneTimeAdminPassword();
        assertThat(Files.readString(passwordFile).trim()).isEqualTo(oneTimePassword);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");

        Page page = newPage(english());
        page.navigate("/");
        assertThat(pathAndQuery(page)).isEqualTo("/sign-in?next=%2F");
        signIn(page, InitialAdmin.USERNAME, oneTimePassword, false);

        assertThat(pathAndQuery(page)).isEqualTo("/password");
        assertThat(page.locator("main .notice").textContent()).contains("Choose your own password");
        assertThat(page.locator("nav.mainnav").count()).as("no navigation before the password is changed").isZero();
        page.navigate("/profile");
        assertThat(pathAndQuery(page)).isEqualTo("/password");

        changePassword(page, oneTimePassword, "plum tractor orbit");

        assertThat(pathAndQuery(page)).isEqualTo("/?notice=password_changed");
        assertThat(page.locator("h1").textContent()).isEqualTo("Welcome, Administrator");
        assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains("Your password has been changed");
        assertThat(passwordFile).doesNotExist();
    }

    @Test
    void the_dark_theme_applies_at_once_and_is_kept_across_reloads_and_sign_ins() {
        app = TestApp.start(dataDir, Map.of(), clock);
        Page page = newPage(english());
        signIn(page, InitialAdmin.USERNAME, ADMIN_PASSWORD, false);
        Locator html = page.locator("html");
        assertThat(html.getAttribute("data-theme")).as("the system theme until one is chosen").isNull();
        assertThat(page.locator("form[action='/preferences/theme'] button")).isHidden();

        page.getByLabel("Theme", new Page.GetByLabelOptions().setExact(true)).selectOption("dark");

        assertThat(html).hasAttribute("data-theme", "dark");
        assertThat(backgroundLightness(page)).as("the page is dark, not just labelled so").isLessThan(0.2);
        page.reload();
        assertThat(html).hasAttribute("data-theme", "dark");
        page.locator("#sign-out").click();
        page.waitForURL(url -> url.endsWith("/sign-in?notice=signed_out"));
        assertThat(html).hasAttribute("data-theme", "dark");

        Page elsewhere = newPage(english());
        elsewhere.navigate("/sign-in");
        assertThat(elsewhere.locator("html").getAttribute("data-theme")).as("a new browser knows nobody yet").isNull();
        signIn(elsewhere, InitialAdmin.USERNAME, ADMIN_PASSWORD, false);
        assertThat(elsewhere.locator("html")).hasAttribute("data-theme", "dark");
        assertThat(backgroundLightness(elsewhere)).isLessThan(0.2);
    }

    @Test
    void a_device_set_to_dark_gets_the_dark_theme_until_a_theme_is_chosen() {
        app = TestApp.start(dataDir, Map.of(), clock);
        Page page = newPage(english().setColorScheme(ColorScheme.DARK));
        page.navigate("/sign-in");
        assertThat(backgroundLightness(page)).isLessThan(0.2);

        page.getByLabel("Theme", new Page.GetByLabelOptions().setExact(true)).selectOption("light");

        assertThat(page.locator("html")).hasAttribute("data-theme", "light");
        assertThat(backgroundLightness(page)).isGreaterThan(0.8);
    }

    @Test
    void remember_me_keeps_the_session_for_90_days_and_otherwise_until_the_browser_closes() {
        app = TestApp.start(dataDir, Map.of(), clock);
        Page page = newPage(english());
        signIn(page, InitialAdmin.USERNAME, ADMIN_PASSWORD, false);
        Cookie browserSession = cookie(page, "mn_session").orElseThrow();
        assertThat(browserSession.expires).as("a session cookie").isEqualTo(-1.0);
        assertThat(browserSession.httpOnly).isTrue();
        assertThat(browserSession.sameSite).isEqualTo(SameSiteAttribute.LAX);

        page.locator("#sign-out").click();
        page.waitForURL(url -> url.endsWith("/sign-in?notice=signed_out"));
        assertThat(cookie(page, "mn_session")).isEmpty();

        signIn(page, InitialAdmin.USERNAME, ADMIN_PASSWORD, true);
        Cookie remembered = cookie(page, "mn_session").orElseThrow();
        double in90Days = Instant.now().plus(Duration.ofDays(90)).getEpochSecond();
        assertThat(remembered.expires).isCloseTo(in90Days, within(300.0));
        page.navigate("/profile");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("this browser")).textContent()).contains("remembered");
    }

    @Test
    void a_user_created_by_an_admin_changes_the_initial_password_and_cannot_open_the_users_page() {
        app = TestApp.start(dataDir, Map.of(), clock);
        Page admin = newPage(english());
        signIn(admin, InitialAdmin.USERNAME, ADMIN_PASSWORD, false);
        admin.locator("nav.mainnav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Users")).click();
        admin.waitForURL(url -> url.endsWith("/admin/users"));
        admin.getByLabel("User name", new Page.GetByLabelOptions().setExact(true)).fill("olga");
        admin.getByLabel("Display name", new Page.GetByLabelOptions().setExact(true)).fill("Olga Petrova");
        admin.getByLabel("Initial password", new Page.GetByLabelOptions().setExact(true)).fill("first day password");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        admin.waitForURL(url -> url.contains("notice=user_created"));
        assertThat(admin.locator("tr", new Page.LocatorOptions().setHasText("olga")).textContent()).contains("Password change pending");

        Page olga = newPage(english());
        signIn(olga, "olga", "first day password", false);
        assertThat(pathAndQuery(olga)).isEqualTo("/password");
        changePassword(olga, "first day password", "olga keeps her own");
        assertThat(olga.locator("h1").textContent()).isEqualTo("Welcome, Olga Petrova");
        assertThat(olga.locator("nav.mainnav a").allTextContents()).containsExactly("Dashboard", "Discover", "Requests", "Downloads", "Assistant", "Profile");

        olga.navigate("/admin/users");

        assertThat(pathAndQuery(olga)).isEqualTo("/?notice=forbidden");
        assertThat(olga.locator("main .notice").textContent()).isEqualTo("That page is for admins only.");
        assertThat(olga.locator("nav.mainnav a").allTextContents()).doesNotContain("Users");
    }

    @Test
    void deleting_an_account_asks_once_and_nothing_happens_when_the_admin_says_no() {
        app = TestApp.start(dataDir, Map.of(), clock);
        User olga = createUser("olga", "Olga Petrova");
        Page page = newPage(english());
        signIn(page, InitialAdmin.USERNAME, ADMIN_PASSWORD, false);
        page.navigate("/admin/users/" + olga.id());
        List<String> questions = new CopyOnWriteArrayList<>();
        page.onDialog(dialog -> {
            questions.add(dialog.message());
            if (questions.size() == 1) {
                dialog.dismiss();
            } else {
                dialog.accept();
            }
        });
        Locator delete = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete account"));

        delete.click();
        assertThat(pathAndQuery(page)).isEqualTo("/admin/users/" + olga.id());
        assertThat(questions).containsExactly("Delete the account olga? This cannot be undone.");

        delete.click();
        page.waitForURL(url -> url.endsWith("/admin/users?notice=user_deleted"));
        assertThat(questions).hasSize(2);
        assertThat(page.locator("#user-" + olga.id()).count()).isZero();
    }

    @Test
    void choosing_russian_shows_russian_texts_and_is_remembered() {
        app = TestApp.start(dataDir, Map.of(), clock);
        Page page = newPage(english());
        page.navigate("/sign-in");
        assertThat(page.locator("h1").textContent()).isEqualTo("Sign in");

        page.getByLabel("Language", new Page.GetByLabelOptions().setExact(true)).selectOption("ru");

        assertThat(page.locator("h1")).hasText("Вход");
        assertThat(page.locator("html")).hasAttribute("lang", "ru");
        page.reload();
        assertThat(page.locator("h1").textContent()).isEqualTo("Вход");
        signIn(page, InitialAdmin.USERNAME, ADMIN_PASSWORD, false);
        assertThat(page.locator("nav.mainnav a").allTextContents()).contains("Пользователи");
    }

    @Test
    void a_browser_asking_for_russian_gets_russian_before_any_choice() {
        app = TestApp.start(dataDir, Map.of(), clock);
        Page page = newPage(new Browser.NewContextOptions().setLocale("ru-RU"));
        page.navigate("/sign-in");
        assertThat(page.locator("h1").textContent()).isEqualTo("Вход");
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo("ru");

        page.getByLabel("Язык", new Page.GetByLabelOptions().setExact(true)).selectOption("en");

        assertThat(page.locator("h1")).hasText("Sign in");
    }

    @Test
    void an_api_token_is_shown_once_and_revoking_it_removes_its_row_without_a_reload() {
        app = TestApp.start(dataDir, Map.of(), clock);
        Page page = newPage(english());
        signIn(page, InitialAdmin.USERNAME, ADMIN_PASSWORD, false);
        page.navigate("/profile");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("backup script");
        page.getByLabel("Valid for").selectOption("30");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();

        String secret = page.locator("#issued-token").textContent().trim();
        assertThat(secret).startsWith("mnt_");
        assertThat(page.locator(".issued").textContent()).contains("shown only once");
        page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy")).click();
        assertThat(page.locator("[data-copy]")).hasText("Copied");
        assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(secret);
        HttpSession script = new HttpSession(app.baseUrl(), null).withBearer(secret);
        assertThat(script.get("/api/v1/me").status()).isEqualTo(200);
        page.navigate("/profile");
        assertThat(page.locator("#issued-token").count()).isZero();
        assertThat(page.content()).doesNotContain(secret);

        List<String> questions = new CopyOnWriteArrayList<>();
        page.onDialog(dialog -> {
            questions.add(dialog.message());
            dialog.accept();
        });
        page.evaluate("() => { window.sameDocument = true; }");
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText("backup script"));
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke")).click();

        row.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        assertThat(questions).containsExactly("Revoke the token \"backup script\"? Scripts using it will stop working.");
        assertThat(page.evaluate("() => window.sameDocument")).as("htmx swapped the row; the page did not reload").isEqualTo(true);
        assertThat(script.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void every_page_fits_a_phone_and_a_desktop_in_the_light_and_the_dark_theme() throws IOException {
        app = TestApp.start(dataDir, Map.of(), clock);
        User olga = createUser("olga", "Olga Petrova");
        Files.createDirectories(SCREENSHOTS);
        // Russian runs once as well: its longer words are the likeliest to push a phone layout sideways.
        for (Look look : List.of(new Look("light", "en"), new Look("dark", "en"), new Look("dark", "ru"))) {
            Page page = newPage(english());
            page.navigate("/sign-in");
            page.locator("#theme-select").selectOption(look.theme());
            assertThat(page.locator("html")).hasAttribute("data-theme", look.theme());
            page.locator("#language-select").selectOption(look.language());
            assertThat(page.locator("html")).hasAttribute("lang", look.language());
            checkLayout(page, "sign-in", look);
            signIn(page, InitialAdmin.USERNAME, ADMIN_PASSWORD, false);
            checkLayout(page, "dashboard", look);
            page.navigate("/password");
            checkLayout(page, "password", look);
            page.navigate("/profile");
            page.locator("#name").fill("media server sync (" + look + ")");
            page.locator("form[action='/profile/tokens'] button[type=submit]").click();
            page.locator("#issued-token").waitFor();
            checkLayout(page, "profile-token-issued", look);
            page.navigate("/profile");
            checkLayout(page, "profile", look);
            page.navigate("/admin/users");
            checkLayout(page, "users", look);
            page.navigate("/admin/users/" + olga.id());
            checkLayout(page, "user-edit", look);
        }
    }

    @Test
    void every_form_control_is_labelled_and_the_keyboard_reaches_the_skip_link_first() {
        app = TestApp.start(dataDir, Map.of(), clock);
        User olga = createUser("olga", "Olga Petrova");
        Page page = newPage(english());
        page.navigate("/sign-in");
        assertAccessibleNames(page);
        signIn(page, InitialAdmin.USERNAME, ADMIN_PASSWORD, false);
        for (String path : List.of("/", "/password", "/profile", "/admin/users", "/admin/users/" + olga.id())) {
            page.navigate(path);
            assertAccessibleNames(page);
        }

        page.navigate("/");
        page.keyboard().press("Tab");

        assertThat(page.evaluate("() => document.activeElement.className")).isEqualTo("skip-link");
        BoundingBox box = page.locator(".skip-link").boundingBox();
        assertThat(box.x).as("the focused skip link is on screen").isGreaterThanOrEqualTo(0);
        assertThat(box.y).isGreaterThanOrEqualTo(0);
        assertThat(page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
        page.keyboard().press("Enter");
        assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("main");
    }

    @Test
    void the_console_watch_catches_a_content_security_policy_violation() {
        app = TestApp.start(dataDir, Map.of(), clock);
        Page page = newPage(english());
        page.navigate("/sign-in");

        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.append(s); }");

        page.waitForCondition(() -> !browserProblems.isEmpty());
        assertThat(browserProblems).anySatisfy(problem -> assertThat(problem).contains("Content Security Policy"));
        assertThat(page.evaluate("() => window.injected")).isNull();
        browserProblems.clear();
    }

    private Browser.NewContextOptions english() {
        return new Browser.NewContextOptions().setLocale("en-US");
    }

    /** A page in a fresh browser context (its own cookies), watched for console errors and uncaught script errors. */
    private Page newPage(Browser.NewContextOptions options) {
        BrowserContext context = chromium.browser().newContext(options.setBaseURL(app.baseUrl()));
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

    private static void signIn(Page page, String username, String password, boolean remember) {
        page.navigate("/sign-in");
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("#remember").setChecked(remember);
        page.locator("form[action='/sign-in'] button[type=submit]").click();
        page.waitForURL(url -> !URI.create(url).getPath().equals("/sign-in"));
    }

    private static void changePassword(Page page, String current, String next) {
        page.getByLabel("Current password", new Page.GetByLabelOptions().setExact(true)).fill(current);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(next);
        page.getByLabel("Repeat the new password", new Page.GetByLabelOptions().setExact(true)).fill(next);
        page.locator("form[action='/password'] button[type=submit]").click();
        page.waitForURL(url -> !URI.create(url).getPath().equals("/password"));
    }

    private User createUser(String username, String displayName) {
        return app.app().accounts().create(Accounts.CONSOLE, new NewUser(username, displayName, "first day password", Role.USER,
                EnumSet.of(Permission.REQUEST, Permission.ASSISTANT), true, Optional.empty()));
    }

    private static Optional<Cookie> cookie(Page page, String name) {
        return page.context().cookies().stream().filter(cookie -> cookie.name.equals(name)).findFirst();
    }

    private static String pathAndQuery(Page page) {
        URI uri = URI.create(page.url());
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The lightness (0 black … 1 white) of the page background as the browser computed it. */
    private static double backgroundLightness(Page page) {
        page.waitForLoadState(); // the new document's stylesheet, not only its html element
        String colour = (String) page.evaluate("() => getComputedStyle(document.body).backgroundColor");
        String[] channels = colour.replaceAll("[^0-9,.]", "").split(",");
        return (Double.parseDouble(channels[0]) + Double.parseDouble(channels[1]) + Double.parseDouble(channels[2])) / (3 * 255);
    }

    /** No horizontal scrolling at any viewport; a full-page screenshot of each for people to look at. */
    @SuppressWarnings("unchecked")
    private static void checkLayout(Page page, String name, Look look) {
        page.waitForLoadState();
        for (Viewport viewport : VIEWPORTS) {
            page.setViewportSize(viewport.width(), viewport.height());
            Map<String, Object> fit = (Map<String, Object>) page.evaluate("""
                    () => ({
                      scrollWidth: document.documentElement.scrollWidth,
                      innerWidth: window.innerWidth,
                      overflowing: Array.from(document.querySelectorAll('body *'))
                        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                        .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))
                    })""");
            assertThat(((Number) fit.get("scrollWidth")).intValue())
                    .as("%s on a %s (%s) scrolls sideways; too wide: %s", name, viewport.name(), look, fit.get("overflowing"))
                    .isLessThanOrEqualTo(((Number) fit.get("innerWidth")).intValue());
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SCREENSHOTS.resolve(name + "-" + viewport.name() + "-" + look + ".png")));
        }
    }

    /** Every visible form control has a label; every button and link says what it does; no id is used twice. */
    @SuppressWarnings("unchecked")
    private static void assertAccessibleNames(Page page) {
        List<String> unlabelled = (List<String>) page.evaluate("""
                () => Array.from(document.querySelectorAll('input, select, textarea'))
                  .filter(e => e.type !== 'hidden' && e.getClientRects().length > 0)
                  .filter(e => !Array.from(e.labels || []).some(l => l.textContent.trim() !== '')
                            && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                  .map(e => e.outerHTML)""");
        assertThat(unlabelled).as("form controls without a label on %s", page.url()).isEmpty();
        List<String> nameless = (List<String>) page.evaluate("""
                () => Array.from(document.querySelectorAll('a, button'))
                  .filter(e => e.textContent.trim() === '' && !e.getAttribute('aria-label'))
                  .map(e => e.outerHTML)""");
        assertThat(nameless).as("links and buttons without a name on %s", page.url()).isEmpty();
        List<String> repeatedIds = (List<String>) page.evaluate("""
                () => { const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);
                        return ids.filter((id, i) => ids.indexOf(id) !== i); }""");
        assertThat(repeatedIds).as("ids used twice on %s", page.url()).isEmpty();
        assertThat(page.locator("a.skip-link[href='#main']").count()).isEqualTo(1);
        assertThat(page.locator("main#main").count()).isEqualTo(1);
    }
}
