package dev.medianest.channels.web;

import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.platform.crypto.SecretKeyFile;
import dev.medianest.testing.FakeRadarr;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.ServerSentEvents;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings › Services and the dashboard over real HTTP, as a browser with and without htmx uses
 * them, against a Radarr fake held to its published spec; and the dashboard's event stream.
 */
class ServicePagesTest {

    @TempDir
    static Path dataDir;

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static TestApp app;
    private static FakeRadarr radarr;

    @BeforeAll
    static void start() {
        radarr = FakeRadarr.start();
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "100000"), CLOCK);
    }

    @AfterAll
    static void stop() {
        app.close();
        radarr.close();
    }

    private static HttpSession admin() {
        HttpSession admin = new HttpSession(app.baseUrl(), null);
        assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
        return admin;
    }

    private static HttpSession user() {
        String name = "viewer" + NAMES.incrementAndGet();
        app.app().accounts().create(Accounts.CONSOLE, new NewUser(name, "Viewer", "viewer password 1",
                dev.medianest.features.accounts.Role.USER, EnumSet.of(Permission.REQUEST), false, Optional.empty()));
        HttpSession user = new HttpSession(app.baseUrl(), null);
        assertThat(user.signIn(name, "viewer password 1").status()).isEqualTo(200);
        return user;
    }

    private static Map<String, String> radarrForm(String name, String baseUrl, String apiKey) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", "radarr");
        form.put("name", name);
        form.put("baseUrl", baseUrl);
        form.put("f_apiKey", apiKey);
        form.put("f_minimumAvailability", "released");
        form.put("timeoutSeconds", "5");
        return form;
    }

    /** A form post as htmx sends it: the CSRF token in a header, HX-Request set. */
    private static Reply htmx(HttpSession session, String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return session.rawApi("POST", path, "application/x-www-form-urlencoded", body, Map.of("HX-Request", "true"));
    }

    private static ServiceInstance saved(String name, String baseUrl, String apiKey) {
        return app.app().services().create(1, ServiceDraft.of(ServiceKind.RADARR, name, baseUrl, Map.of("qualityProfileId", "4"),
                Map.of("apiKey", apiKey), false, false, false, 5));
    }

    private static String uniqueName(String base) {
        return base + " " + NAMES.incrementAndGet();
    }

    @Test
    void settings_are_for_admins_and_the_dashboard_for_everyone() {
        HttpSession user = user();
        Reply refused = user.get("/settings/services");
        assertThat(refused.status()).isEqualTo(303);
        assertThat(refused.header("location")).isEqualTo("/?notice=forbidden");
        assertThat(user.get("/").body()).doesNotContain("href=\"/settings/services\"");
        assertThat(user.form("/settings/services", radarrForm("Mine", radarr.baseUrl(), FakeRadarr.API_KEY)).status()).isEqualTo(303);

        assertThat(admin().get("/").body()).contains("<a href=\"/settings/services\"");
        assertThat(admin().get("/settings/services").status()).isEqualTo(200);
    }

    @Test
    void an_admin_tests_the_unsaved_form_then_adds_the_service() {
        HttpSession admin = admin();
        Reply form = admin.get("/settings/services/new?kind=radarr");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"f_apiKey\"", "hx-post=\"/settings/services/choices/qualityProfileId\"",
                "<option value=\"released\"", "Released", "Accept a self-signed certificate", "value=\"http://radarr:7878\"");
        String name = uniqueName("Radarr");

        Reply wrongKey = htmx(admin, "/settings/services/test", radarrForm(name, radarr.baseUrl(), "wrong-key-123"));
        assertThat(wrongKey.status()).isEqualTo(200);
        assertThat(wrongKey.body()).contains("The test found a problem:")
                .contains(name + " at " + radarr.baseUrl() + " refused the API key. Copy it again from the service's Settings › General.");
        Reply works = htmx(admin, "/settings/services/test", radarrForm(name, radarr.baseUrl(), FakeRadarr.API_KEY));
        assertThat(works.body()).contains("It works");
        Reply withoutJavaScript = admin.form("/settings/services/test", radarrForm(name, radarr.baseUrl(), "wrong-key-123"));
        assertThat(withoutJavaScript.body()).contains("<html").contains("refused the API key").doesNotContain("wrong-key-123");

        Reply added = admin.form("/settings/services", radarrForm(name, radarr.baseUrl(), FakeRadarr.API_KEY));

        assertThat(added.status()).as(added.body()).isEqualTo(302);
        assertThat(added.header("location")).startsWith("/settings/services?notice=service_added#service-");
        long id = Long.parseLong(added.header("location").replaceAll(".*#service-", ""));
        Reply list = admin.get("/settings/services?notice=service_added");
        assertThat(list.body()).contains("The service was added.", name, "id=\"service-" + id + "\"");
        Reply edit = admin.get("/settings/services/" + id);
        assertThat(edit.body()).contains("Set — leave blank to keep it.").doesNotContain(FakeRadarr.API_KEY);
        assertThat(edit.body()).contains("name=\"f_apiKey\" type=\"password\" class=\"connects\" value=\"\"");

        Map<String, String> keepKey = radarrForm(name + " renamed", radarr.baseUrl(), "");
        keepKey.put("id", String.valueOf(id));
        assertThat(htmx(admin, "/settings/services/test", keepKey).body()).as("a blank key tests with the stored one").contains("It works");
        Reply saved = admin.form("/settings/services/" + id, keepKey);
        assertThat(saved.header("location")).isEqualTo("/settings/services?notice=service_saved#service-" + id);
        assertThat(app.app().services().get(id).secret("apiKey")).contains(FakeRadarr.API_KEY);
        assertThat(app.app().services().get(id).name()).isEqualTo(name + " renamed");
        radarr.received().stream().filter(request -> FakeRadarr.API_KEY.equals(request.headers().get("X-Api-Key"))).findAny().orElseThrow();
    }

    @Test
    void live_choices_fill_the_select_or_say_why_they_cannot() {
        HttpSession admin = admin();
        Map<String, String> form = radarrForm(uniqueName("Radarr"), radarr.baseUrl(), FakeRadarr.API_KEY);
        form.put("f_qualityProfileId", "5");

        Reply loaded = htmx(admin, "/settings/services/choices/qualityProfileId", form);

        assertThat(loaded.body()).contains("<option value=\"4\">HD-1080p</option>", "<option value=\"5\" selected>Ultra-HD</option>");
        assertThat(htmx(admin, "/settings/services/choices/rootFolder", form).body()).contains("<option value=\"/movies\">/movies</option>");

        Map<String, String> unreachable = radarrForm(uniqueName("Radarr"), "http://127.0.0.1:9", FakeRadarr.API_KEY);
        unreachable.put("f_qualityProfileId", "5");
        Reply failed = htmx(admin, "/settings/services/choices/qualityProfileId", unreachable);
        assertThat(failed.body()).contains("class=\"field-error\"", "refused the connection or cannot be reached")
                .as("the chosen value survives a failed load").contains("<option value=\"5\" selected>5</option>");

        Reply incomplete = htmx(admin, "/settings/services/choices/tags", radarrForm("", "", ""));
        assertThat(incomplete.body()).contains("Enter the address and the API key to load the choices.");
        assertThat(htmx(admin, "/settings/services/choices/apiKey", form).status()).as("not a live field").isEqualTo(404);
    }

    @Test
    void mistakes_are_named_field_by_field_and_a_typed_key_is_not_sent_back() {
        HttpSession admin = admin();
        Reply badUrl = admin.form("/settings/services", radarrForm("Radarr", "radarr:7878/?x", "typed-secret-key"));
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.body()).contains("Use a full address such as http://radarr:7878", "Type the API key again")
                .doesNotContain("typed-secret-key");

        Reply noKey = admin.form("/settings/services", radarrForm(uniqueName("Radarr"), radarr.baseUrl(), ""));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.body()).contains("id=\"f_apiKey-error\">This is required.");

        Map<String, String> badTimeout = radarrForm(uniqueName("Radarr"), radarr.baseUrl(), FakeRadarr.API_KEY);
        badTimeout.put("timeoutSeconds", "soon");
        assertThat(admin.form("/settings/services", badTimeout).body()).contains("Choose from 1 to 60 seconds.");

        String name = uniqueName("Radarr");
        saved(name, radarr.baseUrl(), FakeRadarr.API_KEY);
        Reply duplicate = admin.form("/settings/services", radarrForm(name, radarr.baseUrl(), FakeRadarr.API_KEY));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body()).contains("Another service of this kind already has that name.");

        Reply tested = htmx(admin, "/settings/services/test", radarrForm("", "nonsense", ""));
        assertThat(tested.body()).contains("Fix these fields first:", "Name: This is required.", "Address: Use a full address");
        assertThat(admin.form("/settings/services", Map.of("kind", "betamax", "name", "x")).status()).isEqualTo(400);
        assertThat(admin.get("/settings/services/new?kind=betamax").header("location")).isEqualTo("/settings/services");
    }

    @Test
    void a_service_removed_meanwhile_answers_cleanly_everywhere() {
        HttpSession admin = admin();
        ServiceInstance gone = saved(uniqueName("Radarr"), radarr.baseUrl(), FakeRadarr.API_KEY);
        Reply editPage = admin.get("/settings/services/" + gone.id());
        assertThat(editPage.status()).isEqualTo(200);
        app.app().services().delete(1, gone.id());
        Map<String, String> form = radarrForm(gone.name(), radarr.baseUrl(), "");
        form.put("id", String.valueOf(gone.id()));

        assertThat(admin.get("/settings/services/" + gone.id()).header("location")).isEqualTo("/settings/services?notice=service_gone");
        assertThat(admin.form("/settings/services/" + gone.id(), form).header("location")).isEqualTo("/settings/services?notice=service_gone");
        assertThat(admin.form("/settings/services/" + gone.id() + "/delete", Map.of()).header("location"))
                .isEqualTo("/settings/services?notice=service_removed");
        assertThat(htmx(admin, "/settings/services/test", form).body()).contains("This service no longer exists");
        assertThat(htmx(admin, "/settings/services/choices/tags", form).body()).contains("This service no longer exists");
        assertThat(admin.get("/settings/services?notice=service_gone").body()).contains("That service no longer exists");
        assertThat(admin.get("/settings/services/not-a-number").status()).isEqualTo(404);
        assertThat(admin.get("/").status()).isEqualTo(200);
    }

    @Test
    void the_dashboard_shows_a_card_per_service_and_a_failed_one_with_its_reason() {
        HttpSession admin = admin();
        ServiceInstance up = saved(uniqueName("Films"), radarr.baseUrl(), FakeRadarr.API_KEY);
        ServiceInstance down = saved(uniqueName("Old box"), radarr.baseUrl(), "revoked-key");
        app.app().statusJob().runDueRound();

        Reply dashboard = admin.get("/");

        assertThat(dashboard.status()).isEqualTo(200);
        String body = dashboard.body();
        assertThat(body).contains("id=\"service-card-" + up.id() + "\" class=\"card service-card state-up\"", "version 5.14.0.9383",
                "1.2 TB free of 4.0 TB", "Last 24 hours: 100.0 % up", "href=\"" + radarr.baseUrl() + "\"", "<svg class=\"sparkline\"");
        assertThat(body).contains("id=\"service-card-" + down.id() + "\" class=\"card service-card state-down\"",
                down.name() + " at " + radarr.baseUrl() + " refused the API key");
        assertThat(body).doesNotContain("style=");
        assertThat(user().get("/").body()).contains("service-card-" + up.id()).doesNotContain("/settings/services/" + up.id());
        Reply russian = admin.rawApi("GET", "/", null, null, Map.of("Accept-Language", "ru"));
        assertThat(russian.body()).contains("Свободно 1,2 ТБ из 4,0 ТБ", "Работает");
    }

    @Test
    void the_empty_dashboard_leads_an_admin_to_settings_and_tells_a_user_to_wait() throws Exception {
        Path otherDir = Files.createTempDirectory(dataDir, "empty");
        try (TestApp empty = TestApp.start(otherDir, Map.of(), MutableClock.startingNow())) {
            HttpSession admin = new HttpSession(empty.baseUrl(), null);
            admin.signIn("admin", TestApp.ADMIN_PASSWORD);
            assertThat(admin.get("/").body()).contains("No services are connected yet.", "Go to Settings › Services");
            empty.app().accounts().create(Accounts.CONSOLE, new NewUser("olga", "Olga", "olga password 1",
                    dev.medianest.features.accounts.Role.USER, EnumSet.noneOf(Permission.class), false, Optional.empty()));
            HttpSession olga = new HttpSession(empty.baseUrl(), null);
            olga.signIn("olga", "olga password 1");
            assertThat(olga.get("/").body()).contains("No services yet. An admin connects them").doesNotContain("Go to Settings");
        }
    }

    @Test
    void a_changed_secret_key_lists_the_services_whose_keys_must_be_typed_again() throws Exception {
        Path otherDir = Files.createTempDirectory(dataDir, "rekeyed");
        try (TestApp first = TestApp.start(otherDir, Map.of(), MutableClock.startingNow())) {
            first.app().services().create(1, ServiceDraft.of(ServiceKind.RADARR, "Radarr at home", radarr.baseUrl(), Map.of(),
                    Map.of("apiKey", FakeRadarr.API_KEY), true, false, false, 5));
        }
        Files.delete(otherDir.resolve(SecretKeyFile.FILE_NAME));
        MutableClock later = MutableClock.startingNow();
        later.advance(Duration.ofMinutes(2)); // past the check the first start made
        try (TestApp second = TestApp.start(otherDir, Map.of(), later)) {
            HttpSession admin = new HttpSession(second.baseUrl(), null);
            admin.signIn("admin", TestApp.ADMIN_PASSWORD);
            assertThat(admin.get("/settings/services").body()).contains("These services need their API keys entered again", "Radarr at home");
            long id = second.app().services().list().getFirst().id();
            assertThat(admin.get("/settings/services/" + id).body()).contains("cannot be read any more");
            second.app().statusJob().runDueRound();
            assertThat(admin.get("/").body()).contains("stored API key was sealed with another secret key");
        }
    }

    @Test
    void the_event_stream_sends_the_grid_at_once_and_a_changed_card_within_a_second() throws Exception {
        HttpSession admin = admin();
        assertThat(admin.rawApi("GET", "/live/dashboard", null, null, Map.of()).status()).as("not an EventSource").isEqualTo(406);
        assertThat(new HttpSession(app.baseUrl(), null).rawApi("GET", "/live/dashboard", null, null, Map.of("Accept", "text/event-stream"))
                .status()).as("signed out: a 401 ends an EventSource cleanly, a redirect to a page would not").isEqualTo(401);
        ServiceInstance service = saved(uniqueName("Streamed"), radarr.baseUrl(), "revoked-key");
        app.app().statusJob().runDueRound();

        HttpClient client = HttpClient.newHttpClient();
        CLOCK.advance(Duration.ofSeconds(1)); // the edit comes after the check, as it does in real time
        try {
            ServerSentEvents events = ServerSentEvents.open(client, app.baseUrl(), "/live/dashboard", admin.cookie("mn_session").orElseThrow());
            String grid = events.next();
            assertThat(grid).startsWith("event: swap").contains("id=\"service-cards\"", "service-card-" + service.id());

            app.app().services().update(1, service.id(), ServiceDraft.of(ServiceKind.RADARR, service.name(), radarr.baseUrl(), Map.of(),
                    Map.of("apiKey", FakeRadarr.API_KEY), false, false, false, 5));
            long changedAt = System.nanoTime();
            CompletableFuture.runAsync(() -> app.app().statusJob().runDueRound());
            String card;
            do {
                card = events.next();
            } while (!card.contains("id=\"service-card-" + service.id() + "\" class=\"card service-card state-up\""));
            assertThat(Duration.ofNanos(System.nanoTime() - changedAt)).isLessThan(Duration.ofSeconds(1));
        } finally {
            client.shutdownNow(); // closing the body would wait for the server to end the stream
        }
    }
}
