package dev.medianest.channels.web;

import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML side over real HTTP: redirects, forms with CSRF, headers, proxies, languages, expiry. */
class WebPagesTest {

    @TempDir
    static Path dataDir;

    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SERVER_TRUSTED_PROXIES", "127.0.0.1",
                "MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "5"), CLOCK);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpSession browser() {
        return new HttpSession(app.baseUrl(), null);
    }

    /** Signs in through the form as a browser does: fetch the page for the CSRF cookie, then post. */
    private static HttpSession signedIn(String username, String password) {
        HttpSession browser = browser();
        browser.get("/sign-in");
        Reply reply = browser.form("/sign-in", Map.of("username", username, "password", password));
        assertThat(reply.status()).as(reply.body()).isEqualTo(302);
        return browser;
    }

    private static String csrfOf(Reply page) {
        Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    @Test
    void a_signed_out_visitor_is_sent_to_sign_in_and_back() {
        HttpSession browser = browser();
        Reply home = browser.get("/profile?tab=tokens");
        assertThat(home.status()).isEqualTo(303);
        assertThat(home.header("location")).isEqualTo("/sign-in?next=%2Fprofile%3Ftab%3Dtokens");
        browser.get("/sign-in");
        Reply signIn = browser.form("/sign-in", Map.of("username", "admin", "password", TestApp.ADMIN_PASSWORD, "next", "/profile?tab=tokens"));
        assertThat(signIn.header("location")).isEqualTo("/profile?tab=tokens");
        assertThat(browser.get("/profile").status()).isEqualTo(200);
    }

    @Test
    void the_next_address_cannot_leave_the_site() {
        for (String next : new String[]{"//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", "/ok\r\nSet-Cookie: x=1"}) {
            HttpSession browser = browser();
            browser.get("/sign-in");
            Reply reply = browser.form("/sign-in", Map.of("username", "admin", "password", TestApp.ADMIN_PASSWORD, "next", next));
            assertThat(reply.header("location")).as(next).isEqualTo("/");
        }
    }

    @Test
    void a_form_without_the_csrf_token_is_refused() {
        HttpSession browser = browser();
        browser.get("/sign-in");
        Reply forged = browser.form("/sign-in", Map.of("username", "admin", "password", TestApp.ADMIN_PASSWORD, "_csrf", "forged"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("The form had expired or came from another site");
        assertThat(browser.cookie("mn_session")).isEmpty();

        HttpSession admin = signedIn("admin", TestApp.ADMIN_PASSWORD);
        Reply noToken = admin.form("/profile", Map.of("displayName", "Hacked", "_csrf", ""));
        assertThat(noToken.status()).isEqualTo(403);
        Reply anonymousToken = admin.form("/profile", Map.of("displayName", "Hacked", "_csrf", admin.cookie("mn_csrf").orElseThrow()));
        assertThat(anonymousToken.status()).as("a signed-in form needs the session's token").isEqualTo(403);
        Reply page = admin.get("/profile");
        assertThat(page.body()).doesNotContain("Hacked");
        assertThat(admin.form("/profile", Map.of("displayName", "Chief", "language", "auto", "_csrf", csrfOf(page))).status()).isEqualTo(302);
        assertThat(admin.get("/profile").body()).contains("value=\"Chief\"");
    }

    @Test
    void a_wrong_password_re_shows_the_form_with_the_name_kept() {
        HttpSession browser = browser();
        browser.get("/sign-in");
        Reply reply = browser.form("/sign-in", Map.of("username", "admin", "password", "wrong password"));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).contains("The user name or password is wrong.").contains("value=\"admin\"");
    }

    @Test
    void a_user_is_redirected_away_from_admin_pages() {
        HttpSession admin = signedIn("admin", TestApp.ADMIN_PASSWORD);
        Reply users = admin.get("/admin/users");
        assertThat(users.status()).isEqualTo(200);
        Reply created = admin.form("/admin/users", Map.of("username", "viewer", "displayName", "Viewer", "password", "viewer's first pass",
                "role", "USER", "_csrf", csrfOf(users)));
        assertThat(created.status()).isEqualTo(302);
        HttpSession viewer = signedIn("viewer", "viewer's first pass");
        Reply forced = viewer.get("/");
        assertThat(forced.status()).as("the initial password must be changed first").isEqualTo(303);
        assertThat(forced.header("location")).isEqualTo("/password");
        Reply passwordPage = viewer.get("/password");
        assertThat(passwordPage.body()).contains("Choose your own password");
        Reply mismatch = viewer.form("/password", Map.of("currentPassword", "viewer's first pass", "newPassword", "viewer's new pass",
                "confirmPassword", "something else", "_csrf", csrfOf(passwordPage)));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body()).contains("The two new passwords differ.");
        Reply changed = viewer.form("/password", Map.of("currentPassword", "viewer's first pass", "newPassword", "viewer's new pass",
                "confirmPassword", "viewer's new pass", "_csrf", csrfOf(passwordPage)));
        assertThat(changed.header("location")).isEqualTo("/?notice=password_changed");
        Reply dashboard = viewer.get("/");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).doesNotContain("href=\"/admin/users\"");
        Reply denied = viewer.get("/admin/users");
        assertThat(denied.status()).isEqualTo(303);
        assertThat(denied.header("location")).isEqualTo("/?notice=forbidden");
        assertThat(viewer.get("/?notice=forbidden").body()).contains("That page is for admins only.");
    }

    @Test
    void admin_forms_show_what_is_wrong_and_keep_the_input() {
        HttpSession admin = signedIn("admin", TestApp.ADMIN_PASSWORD);
        Reply users = admin.get("/admin/users");
        Reply duplicate = admin.form("/admin/users", Map.of("username", "ADMIN", "displayName", "Second <b>Admin</b>", "password",
                "long enough pass", "role", "USER", "_csrf", csrfOf(users)));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body()).contains("That user name is already taken").contains("value=\"Second &lt;b>Admin&lt;/b>\"").doesNotContain("<b>Admin");
        Reply invalid = admin.form("/admin/users", Map.of("username", "a b", "password", "x", "_csrf", csrfOf(users)));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("aria-invalid=\"true\"").contains("Use 8 to 128 characters.");
    }

    @Test
    void pages_carry_the_security_headers_and_scripts_carry_the_nonce() {
        Reply page = browser().get("/sign-in");
        String csp = page.header("content-security-policy");
        assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        Matcher nonce = Pattern.compile("'nonce-([^']+)'").matcher(csp);
        assertThat(nonce.find()).isTrue();
        assertThat(page.body()).contains("<script src=\"/assets/app.js\" nonce=\"" + nonce.group(1) + "\"");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*nonce=)").doesNotContain("style=");
        assertThat(page.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(page.header("referrer-policy")).isEqualTo("same-origin");
        assertThat(page.header("x-frame-options")).isEqualTo("DENY");
        assertThat(page.header("strict-transport-security")).as("plain HTTP from a direct client").isNull();
        assertThat(browser().get("/sign-in").header("content-security-policy")).as("a fresh nonce per response").isNotEqualTo(csp);
    }

    @Test
    void https_via_a_trusted_proxy_turns_on_hsts_and_secure_cookies() {
        HttpSession browser = browser();
        Reply page = browser.rawApi("GET", "/sign-in", null, null, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7"));
        assertThat(page.header("strict-transport-security")).isEqualTo("max-age=31536000");
        assertThat(page.header("set-cookie")).contains("Secure");
        Reply signIn = browser.rawApi("POST", "/api/v1/auth/sign-in", "application/json",
                "{\"username\":\"admin\",\"password\":\"" + TestApp.ADMIN_PASSWORD + "\"}",
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.23, 127.0.0.1"));
        assertThat(signIn.header("set-cookie")).contains("mn_session=").contains("Secure");
        Matcher cookie = Pattern.compile("mn_session=([^;]+)").matcher(signIn.header("set-cookie"));
        assertThat(cookie.find()).isTrue();
        // A Secure cookie is not sent back over plain HTTP by a client, so the test sends it by hand.
        Reply sessions = browser().rawApi("GET", "/api/v1/me/sessions", null, null, Map.of("Cookie", "mn_session=" + cookie.group(1)));
        assertThat(sessions.body()).as("the client address comes from the trusted proxy's header").contains("198.51.100.23");
    }

    @Test
    void a_session_that_ran_out_sends_the_person_to_sign_in_with_a_notice() {
        HttpSession browser = signedIn("admin", TestApp.ADMIN_PASSWORD);
        assertThat(browser.get("/").status()).isEqualTo(200);
        CLOCK.advance(Duration.ofHours(25));
        Reply expired = browser.get("/");
        assertThat(expired.status()).isEqualTo(303);
        assertThat(expired.header("location")).isEqualTo("/sign-in?next=%2F&notice=expired");
        assertThat(browser.get("/sign-in?notice=expired").body()).contains("Your session has ended.");
    }

    @Test
    void the_language_follows_the_browser_until_one_is_picked() {
        HttpSession browser = browser();
        Reply russian = browser.rawApi("GET", "/sign-in", null, null, Map.of("Accept-Language", "ru-RU,ru;q=0.9"));
        assertThat(russian.body()).contains("<html lang=\"ru\"").contains("Вход");
        Reply picked = browser.form("/preferences/language", Map.of("language", "en", "return", "/sign-in"));
        assertThat(picked.header("location")).isEqualTo("/sign-in");
        Reply english = browser.rawApi("GET", "/sign-in", null, null, Map.of("Accept-Language", "ru-RU,ru;q=0.9"));
        assertThat(english.body()).contains("<html lang=\"en\"").contains("Sign in");
        assertThat(browser.form("/preferences/language", Map.of("language", "klingon")).status()).isEqualTo(400);
    }

    @Test
    void the_theme_choice_is_remembered() {
        HttpSession browser = browser();
        assertThat(browser.get("/sign-in").body()).doesNotContain("data-theme=");
        browser.form("/preferences/theme", Map.of("theme", "dark", "return", "/sign-in"));
        assertThat(browser.get("/sign-in").body()).contains("data-theme=\"dark\"");
        assertThat(browser.form("/preferences/theme", Map.of("theme", "purple")).status()).isEqualTo(400);
    }

    @Test
    void unknown_pages_get_a_readable_not_found_page() {
        Reply missing = browser().get("/no/such/page");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("content-type")).startsWith("text/html");
        assertThat(missing.body()).contains("There is nothing here.");
    }

    @Test
    void the_api_allowance_answers_429_with_retry_after() {
        HttpSession admin = new HttpSession(app.baseUrl(), null);
        admin.signIn("admin", TestApp.ADMIN_PASSWORD);
        int refused = 0;
        Reply last = null;
        for (int i = 0; i < 8; i++) {
            last = admin.api("GET", "/api/v1/me");
            if (last.status() == 429) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(3);
        assertThat(last.errorCode()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(last.header("retry-after"))).isBetween(1, 60);
        assertThat(browser().get("/health/live").status()).as("probes are not rate limited").isEqualTo(200);
    }

    @Test
    void sign_in_lockout_answers_429_with_retry_after() {
        HttpSession browser = browser();
        browser.get("/sign-in");
        Reply last = null;
        for (int i = 0; i < 6; i++) {
            last = browser.form("/sign-in", Map.of("username", "locked-out-name", "password", "guess " + i));
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("retry-after")).isNotNull();
        assertThat(last.body()).contains("Too many failed sign-ins.");
    }

    @Test
    void static_assets_are_served_and_cacheable() {
        Reply css = browser().get("/assets/app.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("cache-control")).contains("max-age");
        assertThat(browser().get("/webjars/htmx.org/2.0.8/dist/htmx.min.js").status()).isEqualTo(200);
    }
}
