package dev.medianest.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.FakeTmdb;
import dev.medianest.testing.HeadlessChromium;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request portal from end to end in a real browser, every remote side a fake held to its spec:
 * a member searches "Dune" and asks for it in 4K; an admin approves it on the Requests page; the 4K
 * Radarr receives the add-movie call with its 4K quality profile and the requester's tag; Radarr's
 * Download webhook arrives over HTTP; and the member's open Requests page shows Available without
 * a reload. The member's browser is a phone in the dark theme, the admin's a desktop in the light one.
 */
class RequestJourneyBrowserTest {

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
    void a_4k_request_goes_from_search_to_available_without_a_reload() throws Exception {
        long adminId = stack.app.app().accounts().findByUsername("admin").orElseThrow().id();
        stack.configureUltraHdRadarr();

        try (BrowserContext phone = chromium.open(stack.app.baseUrl(), "member phone dark", 390, 844, ColorScheme.DARK, browserProblems);
             BrowserContext desktop = chromium.open(stack.app.baseUrl(), "admin desktop light", 1280, 800, ColorScheme.LIGHT, browserProblems)) {
            Page alice = phone.newPage();
            HeadlessChromium.signIn(alice, DiscoverStack.MEMBER, DiscoverStack.PASSWORD);
            alice.navigate("/discover");
            alice.locator("#discover-q").pressSequentially("Dune", new Locator.PressSequentiallyOptions().setDelay(40));
            Locator dune = alice.locator("#discover-results a[href='/title/movie/" + FakeTmdb.DUNE + "']").first();
            dune.click();
            alice.waitForURL(url -> URI.create(url).getPath().equals("/title/movie/" + FakeTmdb.DUNE));
            alice.locator("#request-form input[name=quality][value='4k']").check();
            alice.locator("#request-submit").click();
            assertThat(alice.locator("#request-outcome")).hasAttribute("data-outcome", "created");

            alice.navigate("/requests");
            Locator row = alice.locator("[id^=request-][data-state]").first();
            assertThat(row.locator(".req-state")).hasText("Pending");
            String rowId = row.getAttribute("id");
            assertThat(alice.locator("html")).hasAttribute("data-live", "open");

            Page boss = desktop.newPage();
            HeadlessChromium.signIn(boss, "admin", TestApp.ADMIN_PASSWORD);
            boss.navigate("/requests");
            boss.locator("#" + rowId).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve").setExact(true)).click();
            boss.waitForURL(url -> url.contains("done=approved"));

            // The approval is sent at once; the member's page follows it without a reload.
            assertThat(alice.locator("#" + rowId + " .req-state")).hasText(Pattern.compile("Approved|Processing"));
            assertThat(alice.locator("#" + rowId + " .req-state")).hasText("Processing");
            List<JsonNode> added = stack.radarr4k.added();
            assertThat(added).hasSize(1);
            assertThat(added.getFirst().get("tmdbId").asInt()).isEqualTo(FakeTmdb.DUNE);
            assertThat(added.getFirst().get("qualityProfileId").asInt()).as("the 4K profile").isEqualTo(DiscoverStack.ULTRA_HD_PROFILE);
            assertThat(stack.radarr4k.tagLabels(added.getFirst().get("tags"))).contains("requester-" + DiscoverStack.MEMBER);
            assertThat(stack.radarr.added()).as("never the HD instance").isEmpty();

            // Radarr imports the file and calls its webhook, as configured under Settings › Connect.
            String secret = stack.app.app().webhooks().issueSecret(adminId, stack.radarr4kId).secret();
            stack.radarr4k.finish(FakeTmdb.DUNE);
            String download = "{\"eventType\":\"Download\",\"movie\":{\"id\":" + stack.radarr4k.libraryId(FakeTmdb.DUNE).orElseThrow()
                    + ",\"title\":\"Dune\",\"tmdbId\":" + FakeTmdb.DUNE + "},\"isUpgrade\":false,\"downloadId\":\"ABCDEF0123456789ABCDEF0123456789ABCDEF01\"}";
            HttpResponse<String> delivered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stack.app.baseUrl() + "/api/v1/webhooks/radarr/" + stack.radarr4kId))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("medianest:" + secret).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(download)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);

            assertThat(alice.locator("#" + rowId + " .req-state")).hasText("Available");
            double overflow = ((Number) alice.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).doubleValue();
            assertThat(overflow).as("the Requests page does not scroll sideways on a phone").isLessThanOrEqualTo(1);
        }
        assertThat(browserProblems).as("console errors, CSP violations and uncaught script errors").isEmpty();
    }

}
