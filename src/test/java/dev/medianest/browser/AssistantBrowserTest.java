package dev.medianest.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.HeadlessChromium;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web chat and Settings › Assistant in a real browser, every remote side a fake held to its
 * spec: a member on a phone in the dark theme talks to the assistant, and an admin on a desktop in
 * the light one saves an LLM key that the page then never shows.
 */
class AssistantBrowserTest {

    private static final String CHATTER = "carol";

    @TempDir
    static Path dataDir;

    private static DiscoverStack stack;
    private static HeadlessChromium chromium;
    private final List<String> browserProblems = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        stack = new DiscoverStack(dataDir);
        stack.app.app().accounts().create(Accounts.CONSOLE, new NewUser(CHATTER, "Carol", DiscoverStack.PASSWORD, Role.USER,
                EnumSet.of(Permission.ASSISTANT, Permission.REQUEST, Permission.REQUEST_4K, Permission.AUTO_APPROVE), false, Optional.empty()));
        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (stack != null) {
            stack.closeAfterCheckingSpecs();
        }
    }

    @Test
    void a_member_talks_to_the_assistant_on_a_phone() {
        try (BrowserContext phone = chromium.open(stack.app.baseUrl(), "member phone dark", 390, 844, ColorScheme.DARK, browserProblems)) {
            Page carol = phone.newPage();
            HeadlessChromium.signIn(carol, CHATTER, DiscoverStack.PASSWORD);
            carol.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Assistant").setExact(true)).click();
            Locator input = carol.locator("#chat-text");
            Locator log = carol.locator("#chat-log");
            assertThat(carol.locator("#chat-empty")).isVisible();

            input.fill("first line");
            input.press("Shift+Enter");
            input.pressSequentially("second line");
            assertThat(input).hasValue("first line\nsecond line");
            assertThat(log.locator(".chat-turn")).hasCount(0);
            input.fill("/frobnicate");
            input.press("Enter");

            Locator replies = log.locator(".chat-assistant");
            assertThat(replies).hasCount(1);
            assertThat(replies.last().locator(".chat-text")).containsText("There is no command /frobnicate");
            assertThat(log.locator(".chat-user .chat-text")).hasText("/frobnicate");
            assertThat(input).hasValue("");
            assertThat(input).isEnabled();
            assertThat(input).isFocused();

            carol.reload();
            assertThat(log.locator(".chat-turn")).hasCount(2); // the same turns after a reload
            input.fill("/services");
            carol.locator("#chat-send").click();
            assertThat(replies.last().locator(".chat-card")).hasCount(5);
            assertThat(replies.last().locator(".chat-cards")).containsText("TMDb");

            assertNoSidewaysScrolling(carol);
        }
        assertThat(browserProblems).as("console errors, CSP violations and uncaught script errors").isEmpty();
    }

    @Test
    void an_admin_saves_an_llm_key_that_the_page_never_shows() {
        String key = "sk-browser-" + "b".repeat(24);
        try (BrowserContext desktop = chromium.open(stack.app.baseUrl(), "admin desktop light", 1280, 800, ColorScheme.LIGHT, browserProblems)) {
            Page admin = desktop.newPage();
            HeadlessChromium.signIn(admin, "admin", TestApp.ADMIN_PASSWORD);
            admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Assistant settings")).click();
            assertThat(admin.locator("#assistant-source")).hasAttribute("data-source", "config");

            admin.locator("#provider").selectOption("openai");
            admin.locator("#model").fill("gpt-4o-mini");
            admin.locator("#apiKey").fill(key);
            admin.locator("#assistant-test").click();
            assertThat(admin.locator("#assistant-test-result .error")).isVisible();
            admin.locator("#assistant-save").click();

            assertThat(admin.locator("#assistant-done")).isVisible();
            assertThat(admin.locator("#assistant-source")).hasAttribute("data-source", "saved");
            assertThat(admin.locator("#apiKey-hint")).hasAttribute("data-key-saved", "true");
            assertThat(admin.locator("#apiKey")).hasValue("");
            assertThat(admin.locator("#apiKey")).hasAttribute("placeholder", "saved — leave empty to keep");
            assertThat(admin.content()).doesNotContain(key);

            // The model cannot be reached from here: the chat answers offline and says why, apart from the reply.
            admin.navigate("/assistant");
            admin.locator("#chat-text").fill("hello there");
            admin.locator("#chat-send").click();
            assertThat(admin.locator("#chat-log .chat-assistant .chat-notice")).isVisible();

            admin.navigate("/settings/assistant");
            admin.onDialog(dialog -> dialog.accept());
            admin.locator("#provider").selectOption("offline");
            admin.locator("#clearApiKey").check();
            admin.locator("#assistant-save").click();
            assertThat(admin.locator("#apiKey-hint")).hasAttribute("data-key-saved", "false");
        }
        assertThat(browserProblems).as("console errors, CSP violations and uncaught script errors").isEmpty();
    }

    private static void assertNoSidewaysScrolling(Page page) {
        double overflow = ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).doubleValue();
        assertThat(overflow).as("the page does not scroll sideways").isLessThanOrEqualTo(1);
    }
}
