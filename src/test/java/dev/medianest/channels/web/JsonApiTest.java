package dev.medianest.channels.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the JSON API over real HTTP, each request and response held against
 * openapi.json; the suite fails if an operation of the document is never exercised.
 */
class JsonApiTest {

    private static final OpenApiContract CONTRACT = new OpenApiContract();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final List<String> SECRETS_USED = new ArrayList<>();
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @TempDir
    static Path dataDir;

    private static TestApp app;

    @BeforeAll
    static void start() {
        LOG.start();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).addAppender(LOG);
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "100000",
                "MEDIANEST_SERVER_MAX_REQUEST_BYTES", "4096"), MutableClock.startingNow());
        SECRETS_USED.add(TestApp.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        app.close();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(LOG);
        // Areas with a suite of their own check their operations there.
        // AssistantApiTest's prefix takes in AssistantToolsApiTest's.
        List<String> elsewhere = new ArrayList<>(List.of(ServiceApiTest.PATHS, DownloadApiAcrossClientsTest.PATHS, WebhookApiTest.PATHS,
                AssistantApiTest.PATHS, DiscoverApiTest.DISCOVER, DiscoverApiTest.SEARCH, DiscoverApiTest.TITLES));
        elsewhere.addAll(List.of(RequestApiTest.PATHS));
        assertThat(CONTRACT.unexercisedExcept(elsewhere.toArray(String[]::new))).as("operations of openapi.json no test called").isEmpty();
        for (ILoggingEvent event : LOG.list) {
            for (String secret : SECRETS_USED) {
                assertThat(event.getFormattedMessage()).as("log line leaks a secret").doesNotContain(secret);
            }
        }
    }

    private static HttpSession client() {
        return new HttpSession(app.baseUrl(), CONTRACT);
    }

    private static HttpSession admin() {
        HttpSession admin = client();
        assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
        return admin;
    }

    /** Creates a user through the API (must change nothing unless asked) and returns its id. */
    private static long createUser(HttpSession admin, String username, String password, String role, List<String> permissions, boolean mustChange) {
        SECRETS_USED.add(password);
        Reply created = admin.api("POST", "/api/v1/users", Map.of("username", username, "password", password, "role", role,
                "permissions", permissions, "mustChangePassword", mustChange));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** A new account (created by the admin) and a session signed in as it. */
    private static HttpSession signedInNewUser(String name, String password, List<String> permissions, boolean mustChange) {
        createUser(admin(), name, password, "USER", permissions, mustChange);
        HttpSession session = client();
        assertThat(session.signIn(name, password).status()).isEqualTo(200);
        return session;
    }

    private static String uniqueName(String base) {
        return base + NAMES.incrementAndGet();
    }

    private static String tokenFor(HttpSession session, Map<String, Object> request) {
        Reply issued = session.api("POST", "/api/v1/me/tokens", request);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String token = issued.json().get("token").asText();
        SECRETS_USED.add(token);
        return token;
    }

    @Test
    void the_openapi_document_is_served() {
        Reply reply = client().api("GET", "/api/v1/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("openapi").asText()).startsWith("3.");
    }

    @Test
    void signing_in_returns_the_user_a_csrf_token_and_a_safe_cookie() {
        HttpSession session = client();
        Reply reply = session.signIn("admin", TestApp.ADMIN_PASSWORD);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/user/username").asText()).isEqualTo("admin");
        assertThat(reply.json().at("/user/effectivePermissions")).hasSize(dev.medianest.features.accounts.Permission.values().length);
        assertThat(reply.json().get("csrfToken").asText()).hasSizeGreaterThan(20);
        assertThat(reply.header("set-cookie")).contains("mn_session=").contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        assertThat(reply.body()).doesNotContain(TestApp.ADMIN_PASSWORD).doesNotContain("$2b$");
    }

    @Test
    void a_wrong_password_gets_one_answer_for_unknown_and_known_names() {
        Reply wrong = client().signIn("admin", "not the password");
        Reply unknown = client().signIn(uniqueName("ghost"), "not the password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("invalid_credentials");
        assertThat(unknown.json()).isEqualTo(wrong.json());
        assertThat(wrong.json().at("/error/message").asText()).isEqualTo("The user name or password is wrong.");
    }

    @Test
    void errors_speak_the_callers_language() {
        Reply reply = client().rawApi("POST", "/api/v1/auth/sign-in", "application/json",
                "{\"username\":\"admin\",\"password\":\"wrong password\"}", Map.of("Accept-Language", "ru-RU,ru;q=0.9"));
        assertThat(reply.json().at("/error/message").asText()).isEqualTo("Неверное имя пользователя или пароль.");
    }

    @Test
    void every_response_carries_a_correlation_id_and_echoes_a_valid_one() {
        Reply generated = client().api("GET", "/health/live");
        assertThat(generated.header("x-correlation-id")).matches("[0-9a-f-]{36}");
        Reply echoed = client().rawApi("GET", "/api/v1/me", null, null, Map.of("X-Correlation-Id", "trace-12345678"));
        assertThat(echoed.header("x-correlation-id")).isEqualTo("trace-12345678");
        Reply hostile = client().rawApi("GET", "/api/v1/me", null, null, Map.of("X-Correlation-Id", "bad id with spaces"));
        assertThat(hostile.header("x-correlation-id")).isNotEqualTo("bad id with spaces");
    }

    @Test
    void the_caller_reads_and_edits_their_own_profile() {
        String name = uniqueName("pat");
        HttpSession pat = signedInNewUser(name, "pat's first password", List.of("request"), false);
        Reply me = pat.api("GET", "/api/v1/me");
        assertThat(me.json().get("username").asText()).isEqualTo(name);
        assertThat(me.json().get("language").isNull()).isTrue();
        Reply edited = pat.api("PATCH", "/api/v1/me", Map.of("displayName", "Pat O'Neil", "language", "ru"));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("displayName").asText()).isEqualTo("Pat O'Neil");
        assertThat(edited.json().get("language").asText()).isEqualTo("ru");
        Reply bad = pat.invalidApi("PATCH", "/api/v1/me", Map.of("language", "de"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/details/language").asText()).isNotBlank();
        Reply control = pat.api("PATCH", "/api/v1/me", Map.of("displayName", "Pat\u0007"));
        assertThat(control.json().at("/error/details/displayName").asText()).contains("управляющие");
        assertThat(control.json().at("/error/message").asText()).as("language is now Russian").contains("неверно");
    }

    @Test
    void a_bearer_token_works_without_cookies_or_csrf_and_stops_when_revoked() {
        HttpSession admin = admin();
        String token = tokenFor(admin, Map.of("name", "backup script", "expiresInDays", 30));
        HttpSession script = client().withBearer(token);
        assertThat(script.api("GET", "/api/v1/me").json().get("username").asText()).isEqualTo("admin");
        assertThat(script.api("PATCH", "/api/v1/me", Map.of("displayName", "Administrator")).status()).isEqualTo(200);
        Reply listed = admin.api("GET", "/api/v1/me/tokens");
        JsonNode entry = null;
        for (JsonNode item : listed.json().get("items")) {
            if (item.get("name").asText().equals("backup script")) {
                entry = item;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(listed.body()).doesNotContain(token);
        assertThat(entry.get("lastUsedAt").isNull()).isFalse();
        assertThat(admin.api("DELETE", "/api/v1/me/tokens/" + entry.get("id").asText()).status()).isEqualTo(204);
        Reply after = script.api("GET", "/api/v1/me");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.errorCode()).isEqualTo("token_invalid");
        assertThat(admin.api("DELETE", "/api/v1/me/tokens/" + entry.get("id").asText()).status()).isEqualTo(404);
    }

    @Test
    void a_token_without_the_admin_scope_cannot_administer() {
        HttpSession admin = admin();
        String narrow = tokenFor(admin, Map.of("name", "read only", "permissions", List.of("request")));
        Reply refused = client().withBearer(narrow).api("GET", "/api/v1/users");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("forbidden");
        String full = tokenFor(admin, Map.of("name", "admin script", "admin", true));
        assertThat(client().withBearer(full).api("GET", "/api/v1/users").status()).isEqualTo(200);
    }

    @Test
    void token_requests_are_validated_field_by_field() {
        HttpSession admin = admin();
        Reply bad = admin.invalidApi("POST", "/api/v1/me/tokens", Map.of("name", "", "expiresInDays", 0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/details").fieldNames()).toIterable().containsExactlyInAnyOrder("name", "expiresInDays");
        Reply unknownPermission = admin.rawApi("POST", "/api/v1/me/tokens", "application/json",
                "{\"name\":\"x\",\"permissions\":[\"fly\"]}", Map.of("X-CSRF-Token", admin.csrf()));
        assertThat(unknownPermission.json().at("/error/details/permissions").asText()).contains("request_4k");
    }

    @Test
    void anonymous_and_invalid_credentials_are_told_apart() {
        assertThat(client().api("GET", "/api/v1/me").errorCode()).isEqualTo("unauthenticated");
        assertThat(client().withBearer("mnt_not-a-real-token").api("GET", "/api/v1/me").errorCode()).isEqualTo("token_invalid");
        Reply basic = client().rawApi("GET", "/api/v1/me", null, null, Map.of("Authorization", "Basic YWRtaW46YWRtaW4="));
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void cookie_authenticated_writes_need_the_csrf_token() {
        HttpSession admin = admin();
        String csrf = admin.csrf();
        Reply missing = admin.rawApi("PATCH", "/api/v1/me", "application/json", "{\"displayName\":\"x\"}", Map.of("X-CSRF-Token", ""));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.errorCode()).isEqualTo("csrf_failed");
        Reply forged = admin.rawApi("PATCH", "/api/v1/me", "application/json", "{\"displayName\":\"x\"}", Map.of("X-CSRF-Token", csrf + "x"));
        assertThat(forged.errorCode()).isEqualTo("csrf_failed");
        HttpSession withoutHeader = new HttpSession(app.baseUrl(), CONTRACT);
        withoutHeader.signIn("admin", TestApp.ADMIN_PASSWORD);
        withoutHeader.withCsrf(null);
        assertThat(withoutHeader.api("POST", "/api/v1/auth/sign-out").errorCode()).isEqualTo("csrf_failed");
        assertThat(admin.api("GET", "/api/v1/me").json().get("displayName").asText()).isNotEqualTo("x");
    }

    @Test
    void malformed_bodies_get_specific_errors_and_change_nothing() {
        HttpSession admin = admin();
        Map<String, String> csrf = Map.of("X-CSRF-Token", admin.csrf());
        Reply notJson = admin.rawApi("PATCH", "/api/v1/me", "application/json", "{\"displayName\":", csrf);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.errorCode()).isEqualTo("malformed_json");
        Reply array = admin.rawApi("PATCH", "/api/v1/me", "application/json", "[1,2]", csrf);
        assertThat(array.errorCode()).isEqualTo("malformed_json");
        Reply unknownField = admin.rawApi("PATCH", "/api/v1/me", "application/json", "{\"displayName\":\"y\",\"isAdmin\":true}", csrf);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().at("/error/details/isAdmin").asText()).isNotBlank();
        Reply wrongType = admin.rawApi("PATCH", "/api/v1/me", "application/json", "{\"displayName\":42}", csrf);
        assertThat(wrongType.json().at("/error/details/displayName").asText()).contains("string");
        Reply form = admin.rawApi("PATCH", "/api/v1/me", "application/x-www-form-urlencoded", "displayName=y", csrf);
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.errorCode()).isEqualTo("unsupported_media_type");
        Reply huge = admin.rawApi("PATCH", "/api/v1/me", "application/json", "{\"displayName\":\"" + "y".repeat(5000) + "\"}", csrf);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.errorCode()).isEqualTo("payload_too_large");
        assertThat(admin.api("GET", "/api/v1/me").json().get("displayName").asText()).isNotEqualTo("y");
    }

    @Test
    void admins_create_read_edit_and_delete_accounts() {
        HttpSession admin = admin();
        String name = uniqueName("Quinn");
        long id = createUser(admin, name, "quinn's password 1", "USER", List.of("request", "youtube"), true);
        Reply read = admin.api("GET", "/api/v1/users/" + id);
        assertThat(read.json().get("permissions")).extracting(JsonNode::asText).containsExactly("request", "youtube");
        assertThat(read.json().get("mustChangePassword").asBoolean()).isTrue();
        assertThat(admin.api("GET", "/api/v1/users").json().get("items")).extracting(item -> item.get("username").asText()).contains(name);
        Reply edited = admin.api("PATCH", "/api/v1/users/" + id, Map.of("displayName", "Quinn Q", "role", "ADMIN",
                "permissions", List.of(), "disabled", false));
        assertThat(edited.json().get("role").asText()).isEqualTo("ADMIN");
        assertThat(edited.json().get("effectivePermissions")).hasSize(dev.medianest.features.accounts.Permission.values().length);
        Reply duplicate = admin.api("POST", "/api/v1/users", Map.of("username", name.toUpperCase(), "password", "another password"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.errorCode()).isEqualTo("username_taken");
        assertThat(admin.api("POST", "/api/v1/users/" + id + "/password", Map.of("newPassword", "reset password 2", "mustChangePassword", true)).status())
                .isEqualTo(204);
        SECRETS_USED.add("reset password 2");
        assertThat(admin.api("DELETE", "/api/v1/users/" + id).status()).isEqualTo(204);
        assertThat(admin.api("GET", "/api/v1/users/" + id).status()).isEqualTo(404);
        assertThat(admin.api("GET", "/api/v1/users/not-a-number").status()).isEqualTo(404);
        assertThat(admin.api("DELETE", "/api/v1/users/" + id).errorCode()).isEqualTo("not_found");
    }

    @Test
    void account_input_is_validated_with_every_field_named() {
        HttpSession admin = admin();
        Reply bad = admin.invalidApi("POST", "/api/v1/users", Map.of("username", "x';--", "password", "short", "role", "ADMIN"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/details").fieldNames()).toIterable().contains("username", "password");
        Reply role = admin.rawApi("POST", "/api/v1/users", "application/json", "{\"username\":\"okname\",\"password\":\"long enough pw\",\"role\":\"GOD\"}",
                Map.of("X-CSRF-Token", admin.csrf()));
        assertThat(role.json().at("/error/details/role").asText()).contains("ADMIN");
        Reply empty = admin.invalidApi("POST", "/api/v1/users", Map.of());
        assertThat(empty.json().at("/error/details").fieldNames()).toIterable().contains("username", "password");
        assertThat(admin.api("GET", "/api/v1/users").json().get("items")).noneMatch(user -> user.get("username").asText().equals("okname"));
    }

    @Test
    void the_last_admin_and_self_lockout_are_refused() {
        HttpSession admin = admin();
        long adminId = admin.api("GET", "/api/v1/me").json().get("id").asLong();
        Reply self = admin.api("PATCH", "/api/v1/users/" + adminId, Map.of("disabled", true));
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.errorCode()).isIn("self_lockout", "last_admin");
        assertThat(admin.api("DELETE", "/api/v1/users/" + adminId).errorCode()).isEqualTo("self_lockout");
    }

    @Test
    void a_user_is_refused_admin_endpoints() {
        String name = uniqueName("rita");
        HttpSession rita = signedInNewUser(name, "rita's password", List.of("request"), false);
        Reply refused = rita.api("GET", "/api/v1/users");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("forbidden");
        assertThat(rita.api("POST", "/api/v1/users", Map.of("username", "sneaky", "password", "sneaky password")).status()).isEqualTo(403);
        assertThat(rita.api("GET", "/metrics").status()).isEqualTo(403);
    }

    @Test
    void a_pending_password_change_blocks_everything_but_the_change() {
        String name = uniqueName("sam");
        HttpSession sam = signedInNewUser(name, "sam's first password", List.of("request"), true);
        assertThat(sam.api("GET", "/api/v1/me").status()).isEqualTo(200);
        Reply blocked = sam.api("GET", "/api/v1/me/sessions");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.errorCode()).isEqualTo("password_change_required");
        Reply wrong = sam.api("POST", "/api/v1/me/password", Map.of("currentPassword", "nope nope nope", "newPassword", "sam's own password"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorCode()).isEqualTo("wrong_current_password");
        Reply same = sam.api("POST", "/api/v1/me/password", Map.of("currentPassword", "sam's first password", "newPassword", "sam's first password"));
        assertThat(same.json().at("/error/details/newPassword").asText()).isNotBlank();
        SECRETS_USED.add("sam's own password");
        assertThat(sam.api("POST", "/api/v1/me/password", Map.of("currentPassword", "sam's first password", "newPassword", "sam's own password")).status())
                .isEqualTo(204);
        assertThat(sam.api("GET", "/api/v1/me/sessions").status()).isEqualTo(200);
    }

    @Test
    void sessions_are_listed_and_revoked_by_their_owner() {
        String name = uniqueName("tess");
        HttpSession laptop = signedInNewUser(name, "tess's password", List.of(), false);
        HttpSession phone = client();
        phone.signIn(name, "tess's password");
        Reply listed = laptop.api("GET", "/api/v1/me/sessions");
        assertThat(listed.json().get("items")).hasSize(2);
        String phoneId = null;
        for (JsonNode item : listed.json().get("items")) {
            if (!item.get("current").asBoolean()) {
                phoneId = item.get("id").asText();
            }
        }
        assertThat(laptop.api("DELETE", "/api/v1/me/sessions/" + phoneId).status()).isEqualTo(204);
        assertThat(phone.api("GET", "/api/v1/me").errorCode()).isEqualTo("token_invalid");
        assertThat(laptop.api("DELETE", "/api/v1/me/sessions/" + phoneId).status()).isEqualTo(404);
        assertThat(admin().api("DELETE", "/api/v1/me/sessions/" + phoneId).status()).as("not someone else's").isEqualTo(404);
    }

    @Test
    void signing_out_revokes_the_session() {
        HttpSession session = client();
        session.signIn("admin", TestApp.ADMIN_PASSWORD);
        assertThat(session.api("POST", "/api/v1/auth/sign-out").status()).isEqualTo(204);
        assertThat(session.api("GET", "/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void a_disabled_account_is_told_so() {
        HttpSession admin = admin();
        String name = uniqueName("uma");
        long id = createUser(admin, name, "uma's password", "USER", List.of("request"), false);
        HttpSession uma = client();
        uma.signIn(name, "uma's password");
        String token = tokenFor(uma, Map.of("name", "uma script"));
        admin.api("PATCH", "/api/v1/users/" + id, Map.of("disabled", true));
        Reply viaToken = client().withBearer(token).api("GET", "/api/v1/me");
        assertThat(viaToken.status()).isEqualTo(403);
        assertThat(viaToken.errorCode()).isEqualTo("account_disabled");
        assertThat(uma.api("GET", "/api/v1/me").status()).isEqualTo(401);
        assertThat(client().signIn(name, "uma's password").errorCode()).isEqualTo("account_disabled");
    }

    @Test
    void health_reports_liveness_and_readiness() {
        assertThat(client().api("GET", "/health/live").json().get("status").asText()).isEqualTo("up");
        Reply ready = client().api("GET", "/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().at("/checks/database").asText()).isEqualTo("up");
        assertThat(ready.json().at("/checks/migrations").asText()).isEqualTo("applied");
    }

    @Test
    void metrics_are_for_admins_and_admin_tokens() {
        assertThat(client().api("GET", "/metrics").status()).isEqualTo(401);
        HttpSession admin = admin();
        Reply scrape = admin.api("GET", "/metrics");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds");
        String token = tokenFor(admin, Map.of("name", "prometheus", "admin", true));
        assertThat(client().withBearer(token).api("GET", "/metrics").status()).isEqualTo(200);
    }

    @Test
    void forwarded_headers_from_an_untrusted_peer_are_ignored() {
        Reply reply = client().rawApi("POST", "/api/v1/auth/sign-in", "application/json",
                "{\"username\":\"admin\",\"password\":\"" + TestApp.ADMIN_PASSWORD + "\"}",
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.99"));
        assertThat(reply.header("strict-transport-security")).isNull();
        assertThat(reply.header("set-cookie")).doesNotContain("Secure");
    }

    @Test
    void an_unknown_api_path_answers_with_the_error_shape() {
        HttpSession outsideTheDocument = new HttpSession(app.baseUrl(), null);
        Reply reply = outsideTheDocument.rawApi("GET", "/api/v1/nothing-here", null, null, Map.of());
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("not_found");
    }
}
