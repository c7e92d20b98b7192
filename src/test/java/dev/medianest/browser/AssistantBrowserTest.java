package dev.medianest.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.testing.Await;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.FakeTmdb;
import dev.medianest.testing.HeadlessChromium;
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web chat and Settings › Assistant in a real browser, every remote side a fake held to its
 * spec: a member on a phone in the dark theme searches for Dune, picks it from the numbered choices
 * and asks for it in 4K, which the 4K Radarr receives; an admin on a desktop in the light theme
 * saves an LLM key that the page then never shows.
 */
class AssistantBrowserTest {

    private static final String CHATTER = "carol";

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
        stack.app.app().accounts().create(Accounts.CONSOLE, new NewUser(CHATTER, "Carol", DiscoverStack.PASSWORD, Role.USER,
                EnumSet.of(Permission.ASSISTANT, Permission.REQUEST, Permission.REQUEST_4K, Permission.AUTO_APPROVE), false, Optional.empty()));
        stack.configureUltraHdRadarr();
        chromium = HeadlessChromium.launch();
    }

    @Test
    void a_member_finds_dune_picks_it_and_asks_for_it_in_4k_on_a_phone() throws Exception {
        try (BrowserContext phone = chromium.open(stack.app.baseUrl(), "member phone dark", 390, 844, ColorScheme.DARK, browserProblems)) {
            Page carol = phone.newPage();
            HeadlessChromium.signIn(carol, CHATTER, DiscoverStack.PASSWORD);
            carol.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Assistant").setExact(true)).click();
            Locator input = carol.locator("#chat-text");
            Locator log = carol.locator("#chat-log");
            Locator replies = log.locator(".chat-assistant");
            assertThat(carol.locator("#chat-empty")).isVisible();

            input.fill("search for");
            input.press("Shift+Enter");
            assertThat(input).hasValue("search for\n");
            assertThat(log.locator(".chat-turn")).hasCount(0);
            input.fill("search for Dune");
            input.press("Enter");

            Locator found = replies.last();
            assertThat(found.locator(".chat-text")).containsText("1. Dune (2021)");
            Locator dune = found.locator(".chat-card[data-kind=title]").filter(new Locator.FilterOptions().setHasText("2021"));
            assertThat(dune.locator("a")).hasAttribute("href", "/title/movie/" + FakeTmdb.DUNE);
            assertThat(dune.locator(".chat-poster img")).hasAttribute("src", Pattern.compile("^https://image\\.tmdb\\.org/"));
            assertThat(dune.locator(".avail").first()).hasText("Available");
            assertThat(input).isFocused();

            found.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("1").setExact(true)).click();
            assertThat(replies).hasCount(2);
            assertThat(log.locator(".chat-user .chat-text").last()).hasText("1");
            assertThat(replies.last().locator(".chat-card a[href='/title/movie/" + FakeTmdb.DUNE + "']")).isVisible();
            assertThat(found.locator(".chat-choices")).hasCount(0);

            input.fill("download it in 4K");
            carol.locator("#chat-send").click();
            Locator question = replies.nth(2);
            assertThat(question.locator(".chat-text")).containsText("4K");
            question.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Yes").setExact(true)).click();
            assertThat(replies).hasCount(4);
            assertThat(replies.last().locator(".chat-text")).containsText("Dune");

            List<JsonNode> added = Await.until(stack.radarr4k::added, list -> !list.isEmpty());
            assertThat(added.getFirst().get("tmdbId").asInt()).isEqualTo(FakeTmdb.DUNE);
            assertThat(stack.radarr.added()).as("never the HD instance").isEmpty();

            carol.reload();
            assertThat(log.locator(".chat-turn")).hasCount(8);
            assertThat(log.locator(".chat-choices")).hasCount(0); // the question was answered
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
            // A free loopback port: the Test and the chat below find no model there and never leave the machine.
            admin.locator("#baseUrl").fill("http://127.0.0.1:" + LoopbackPorts.free() + "/v1");
            admin.locator("#maxRetries").fill("0");
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
            admin.locator("#baseUrl").fill("");
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
