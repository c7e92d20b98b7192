package dev.medianest.channels.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.testing.FakeRadarr;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.OpenApiContract;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/services} over real HTTP against a Radarr fake held to its published spec; every
 * request and response is held against openapi.json, and the suite fails if one of the services
 * operations is never exercised.
 */
class ServiceApiTest {

    /** The part of openapi.json this suite covers (JsonApiTest covers the rest). */
    static final String PATHS = "/api/v1/services";

    private static final OpenApiContract CONTRACT = new OpenApiContract();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @TempDir
    static Path dataDir;

    private static TestApp app;
    private static FakeRadarr radarr;

    @BeforeAll
    static void start() {
        LOG.start();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).addAppender(LOG);
        radarr = FakeRadarr.start();
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "100000"), MutableClock.startingNow());
    }

    @AfterAll
    static void stop() {
        app.close();
        radarr.close();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(LOG);
        assertThat(CONTRACT.unexercisedUnder(PATHS)).as("services operations of openapi.json no test called").isEmpty();
        assertThat(LOG.list).extracting(ILoggingEvent::getFormattedMessage).as("log lines leak an API key")
                .noneMatch(line -> line.contains(FakeRadarr.API_KEY) || line.contains("wrong-key-123"));
    }

    private static HttpSession admin() {
        HttpSession admin = new HttpSession(app.baseUrl(), CONTRACT);
        assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
        return admin;
    }

    private static String uniqueName(String base) {
        return base + " " + NAMES.incrementAndGet();
    }

    private static Map<String, Object> radarrBody(String name, String baseUrl, String apiKey) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "radarr");
        body.put("name", name);
        body.put("baseUrl", baseUrl);
        body.put("secrets", Map.of("apiKey", apiKey));
        return body;
    }

    private static long create(HttpSession admin, Map<String, Object> body) {
        Reply created = admin.api("POST", PATHS, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    @Test
    void admins_add_read_change_and_remove_a_service() {
        HttpSession admin = admin();
        String name = uniqueName("Radarr");
        Map<String, Object> body = radarrBody(name, radarr.baseUrl() + "/", FakeRadarr.API_KEY);
        body.put("options", Map.of("minimumAvailability", "released"));
        body.put("is4k", true);
        body.put("timeoutSeconds", 3);

        Reply created = admin.api("POST", PATHS, body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode service = created.json();
        long id = service.get("id").asLong();
        assertThat(service.get("baseUrl").asText()).as("the trailing slash is dropped").isEqualTo(radarr.baseUrl());
        assertThat(service.at("/secretsSet/apiKey").asBoolean()).isTrue();
        assertThat(service.at("/options/minimumAvailability").asText()).isEqualTo("released");
        assertThat(service.get("is4k").asBoolean()).isTrue();
        assertThat(service.get("timeoutSeconds").asInt()).isEqualTo(3);
        assertThat(admin.api("GET", PATHS).json().get("items")).anySatisfy(item -> assertThat(item.get("id").asLong()).isEqualTo(id));

        Reply changed = admin.api("PATCH", PATHS + "/" + id, Map.of("name", name + " 4K", "options", Map.of("qualityProfileId", "5")));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("name").asText()).isEqualTo(name + " 4K");
        assertThat(changed.json().get("options")).hasSize(2);
        assertThat(changed.json().at("/secretsSet/apiKey").asBoolean()).as("a secret left out is kept").isTrue();
        assertThat(admin.api("POST", PATHS + "/" + id + "/test").json().get("ok").asBoolean()).as("the kept key still works").isTrue();
        assertThat(admin.api("GET", PATHS + "/" + id).json().get("name").asText()).isEqualTo(name + " 4K");

        assertThat(admin.api("DELETE", PATHS + "/" + id).status()).isEqualTo(204);
        assertThat(admin.api("GET", PATHS + "/" + id).errorCode()).isEqualTo("not_found");
    }

    @Test
    void secrets_go_in_and_never_come_out() {
        HttpSession admin = admin();
        long id = create(admin, radarrBody(uniqueName("Radarr"), radarr.baseUrl(), FakeRadarr.API_KEY));
        app.app().statusJob().runDueRound();
        for (Reply reply : List.of(admin.api("GET", PATHS), admin.api("GET", PATHS + "/" + id),
                admin.api("PATCH", PATHS + "/" + id, Map.of("isDefault", true)), admin.api("GET", PATHS + "/" + id + "/status"))) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).doesNotContain(FakeRadarr.API_KEY);
        }
    }

    @Test
    void bad_input_names_each_field() {
        HttpSession admin = admin();
        Reply invalid = admin.invalidApi("POST", PATHS, Map.of("kind", "radarr", "name", "", "baseUrl", "ftp://radarr:7878?x=1",
                "timeoutSeconds", 0));
        assertThat(invalid.status()).isEqualTo(400);
        JsonNode details = invalid.json().at("/error/details");
        assertThat(details.get("name").asText()).isEqualTo("This is required.");
        assertThat(details.get("baseUrl").asText()).contains("http://radarr:7878");
        assertThat(details.get("timeoutSeconds").asText()).isEqualTo("Choose from 1 to 60 seconds.");

        Reply noKey = admin.api("POST", PATHS, Map.of("kind", "radarr", "name", uniqueName("Keyless"), "baseUrl", radarr.baseUrl()));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().at("/error/details/apiKey").asText()).isEqualTo("This is required.");

        Reply unknownKind = admin.api("POST", PATHS, Map.of("kind", "betamax", "name", "Tape", "baseUrl", "http://tape:1"));
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.json().at("/error/details/kind").asText()).isEqualTo("Choose one of the service kinds offered.");

        Reply unknownOption = admin.api("POST", PATHS, Map.of("kind", "radarr", "name", uniqueName("Radarr"), "baseUrl", radarr.baseUrl(),
                "secrets", Map.of("apiKey", FakeRadarr.API_KEY), "options", Map.of("colour", "blue")));
        assertThat(unknownOption.status()).isEqualTo(400);
        assertThat(unknownOption.json().at("/error/details").has("colour")).isTrue();

        Reply wrongType = admin.rawApi("POST", PATHS, "application/json", "{\"kind\":\"radarr\",\"options\":[\"x\"]}", Map.of());
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().at("/error/details/options").asText()).isEqualTo("This must be an object whose values are strings.");

        String name = uniqueName("Radarr");
        create(admin, radarrBody(name, radarr.baseUrl(), FakeRadarr.API_KEY));
        Reply duplicate = admin.api("POST", PATHS, radarrBody(name.toUpperCase(), radarr.baseUrl(), FakeRadarr.API_KEY));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.errorCode()).isEqualTo("service_name_taken");
        assertThat(duplicate.json().at("/error/details/name").asText()).isEqualTo("Another service of this kind already has that name.");

        long id = create(admin, radarrBody(uniqueName("Radarr"), radarr.baseUrl(), FakeRadarr.API_KEY));
        Reply otherKind = admin.api("PATCH", PATHS + "/" + id, Map.of("kind", "sonarr"));
        assertThat(otherKind.status()).isEqualTo(400);
        assertThat(otherKind.json().at("/error/details").has("kind")).isTrue();
    }

    @Test
    void the_test_explains_a_wrong_key_in_plain_words() {
        HttpSession admin = admin();
        long id = create(admin, radarrBody("Radarr with a typo", radarr.baseUrl(), "wrong-key-123"));

        Reply tested = admin.api("POST", PATHS + "/" + id + "/test");

        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.json().get("ok").asBoolean()).isFalse();
        assertThat(tested.json().at("/problems/0/code").asText()).isEqualTo("remote.unauthorized");
        assertThat(tested.json().at("/problems/0/message").asText())
                .isEqualTo("Radarr with a typo at " + radarr.baseUrl() + " refused the API key. Copy it again from the service's Settings › General.");
        Reply russian = admin.rawApi("POST", PATHS + "/" + id + "/test", null, null, Map.of("Accept-Language", "ru"));
        assertThat(russian.json().at("/problems/0/message").asText()).contains("API");
    }

    @Test
    void live_choices_come_from_the_service_and_a_failure_says_why() {
        HttpSession admin = admin();
        long id = create(admin, radarrBody(uniqueName("Radarr"), radarr.baseUrl(), FakeRadarr.API_KEY));

        Reply profiles = admin.api("GET", PATHS + "/" + id + "/choices/qualityProfiles");

        assertThat(profiles.status()).isEqualTo(200);
        assertThat(profiles.json().get("items")).extracting(item -> item.get("value").asText() + "=" + item.get("label").asText())
                .containsExactly("4=HD-1080p", "5=Ultra-HD");
        assertThat(admin.api("GET", PATHS + "/" + id + "/choices/rootFolders").json().at("/items/0/value").asText()).isEqualTo("/movies");
        assertThat(admin.api("GET", PATHS + "/" + id + "/choices/tags").json().at("/items/0/label").asText()).isEqualTo("kids");
        assertThat(admin.api("GET", PATHS + "/" + id + "/choices/moons").status()).isEqualTo(400);
        radarr.assertAllInSpec();

        long nowhere = create(admin, radarrBody(uniqueName("Radarr"), "http://127.0.0.1:9", FakeRadarr.API_KEY));
        Reply failed = admin.api("GET", PATHS + "/" + nowhere + "/choices/qualityProfiles");
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.errorCode()).isEqualTo("remote_failed");
        assertThat(failed.json().at("/error/message").asText()).contains("refused the connection or cannot be reached");
    }

    @Test
    void the_status_history_follows_the_probes() {
        HttpSession admin = admin();
        long id = create(admin, radarrBody(uniqueName("Radarr"), radarr.baseUrl(), FakeRadarr.API_KEY));
        app.app().statusJob().runDueRound();

        Reply status = admin.api("GET", PATHS + "/" + id + "/status?limit=10");

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("state").asText()).isEqualTo("UP");
        assertThat(status.json().get("uptime24h").asDouble()).isEqualTo(1.0);
        assertThat(status.json().at("/checks/0/version").asText()).isEqualTo("5.14.0.9383");
        assertThat(status.json().at("/checks/0/problem").isNull()).isTrue();
        assertThat(admin.api("GET", PATHS + "/" + id).json().at("/status/state").asText()).isEqualTo("UP");
        assertThat(admin.invalidApi("GET", PATHS + "/" + id + "/status?limit=0", null).status()).isEqualTo(400);

        long unreachable = create(admin, radarrBody(uniqueName("Radarr"), "http://127.0.0.1:9", FakeRadarr.API_KEY));
        app.app().statusJob().runDueRound();
        JsonNode down = admin.api("GET", PATHS + "/" + unreachable + "/status").json();
        assertThat(down.get("state").asText()).isEqualTo("DOWN");
        assertThat(down.at("/checks/0/problem/code").asText()).isEqualTo("remote.unreachable");
        assertThat(down.get("uptime24h").asDouble()).isZero();
    }

    @Test
    void a_removed_service_answers_not_found_everywhere() {
        HttpSession admin = admin();
        long id = create(admin, radarrBody(uniqueName("Radarr"), radarr.baseUrl(), FakeRadarr.API_KEY));
        assertThat(admin.api("DELETE", PATHS + "/" + id).status()).isEqualTo(204);

        for (Reply reply : List.of(admin.api("GET", PATHS + "/" + id), admin.api("PATCH", PATHS + "/" + id, Map.of("name", "Back")),
                admin.api("DELETE", PATHS + "/" + id), admin.api("POST", PATHS + "/" + id + "/test"),
                admin.api("GET", PATHS + "/" + id + "/choices/tags"), admin.api("GET", PATHS + "/" + id + "/status"),
                admin.api("GET", PATHS + "/not-a-number"))) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(404);
            assertThat(reply.errorCode()).isEqualTo("not_found");
        }
    }

    @Test
    void people_who_are_not_admins_are_refused() {
        app.app().accounts().create(Accounts.CONSOLE, new NewUser("viewer" + NAMES.incrementAndGet(), "Viewer", "viewer password 1",
                Role.USER, EnumSet.of(Permission.REQUEST), false, Optional.empty()));
        HttpSession user = new HttpSession(app.baseUrl(), CONTRACT);
        assertThat(user.signIn("viewer" + NAMES.get(), "viewer password 1").status()).isEqualTo(200);

        assertThat(user.api("GET", PATHS).errorCode()).isEqualTo("forbidden");
        assertThat(user.api("POST", PATHS, radarrBody("Mine", radarr.baseUrl(), FakeRadarr.API_KEY)).status()).isEqualTo(403);
        assertThat(new HttpSession(app.baseUrl(), CONTRACT).api("GET", PATHS).errorCode()).isEqualTo("unauthenticated");
    }
}
