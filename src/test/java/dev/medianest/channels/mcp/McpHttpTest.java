package dev.medianest.channels.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.McpSchemas;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP endpoint at /mcp over raw HTTP: who may reach it, what malformed JSON-RPC gets, how each
 * protocol version is negotiated, and the session-less 2026-07-28 protocol, every answer held
 * against the MCP schema of its version.
 */
class McpHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static TestApp app;
    private static MutableClock clock;
    private static HttpSession admin;
    private static String token;
    private static String busyToken;
    private static String expiringToken;

    /** A reply with its body, and the JSON-RPC messages in it (one for JSON, each event's data for an event stream). */
    record Reply(int status, Map<String, String> headers, String body) {
        JsonNode message() {
            try {
                if (headers.getOrDefault("content-type", "").startsWith("text/event-stream")) {
                    String last = body.lines().filter(line -> line.startsWith("data:")).reduce((first, second) -> second).orElseThrow();
                    return JSON.readTree(last.substring(5).strip());
                }
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    @BeforeAll
    static void start() {
        clock = MutableClock.startingNow();
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "40"), clock);
        admin = new HttpSession(app.baseUrl(), null);
        assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
        token = token("mcp client", null);
        busyToken = token("busy script", null);
        // Made now: the expiry test moves the clock on, past the admin's session too.
        expiringToken = token("expiring", 1);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String token(String name, Integer expiresInDays) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", name);
        if (expiresInDays != null) {
            request.put("expiresInDays", expiresInDays);
        }
        HttpSession.Reply issued = admin.api("POST", "/api/v1/me/tokens", request);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().get("token").asText();
    }

    private static Reply post(String bearer, String body, Map<String, String> headers) {
        HttpSession client = new HttpSession(app.baseUrl(), null);
        if (bearer != null) {
            client.withBearer(bearer);
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Accept", "application/json, text/event-stream");
        HttpSession.Reply reply = client.rawApi("POST", "/mcp", "application/json", body, all);
        return new Reply(reply.status(), reply.headers(), reply.body());
    }

    private static String initialize(String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    }

    /** A 2026-07-28 request: its version and the client's capabilities in _meta, no session. */
    private static String stateless(int id, String method, String params, String version) {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + version
                + "\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{" + meta
                + (params.isEmpty() ? "" : "," + params) + "}}";
    }

    private static Reply stateless2026(int id, String method, String params) {
        return post(token, stateless(id, method, params, "2026-07-28"), Map.of("MCP-Protocol-Version", "2026-07-28"));
    }

    @Test
    void a_request_without_a_token_is_refused_with_a_bearer_challenge() {
        Reply reply = post(null, initialize("2025-11-25"), Map.of());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers().get("www-authenticate")).startsWith("Bearer");
        assertThat(reply.message().at("/error/data/reason").asText()).isEqualTo("unauthenticated");
        assertThat(reply.message().at("/error/message").asText()).contains("Authorization: Bearer");
    }

    @Test
    void an_unknown_token_and_an_expired_token_are_refused_each_saying_why() {
        String expiring = expiringToken;
        assertThat(post(expiring, initialize("2025-11-25"), Map.of()).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(2));

        Reply expired = post(expiring, initialize("2025-11-25"), Map.of());
        Reply unknown = post("mnt_" + "x".repeat(43), initialize("2025-11-25"), Map.of());

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.message().at("/error/data/reason").asText()).isEqualTo("token_expired");
        assertThat(expired.message().at("/error/message").asText()).contains("expired");
        assertThat(expired.headers().get("www-authenticate")).contains("invalid_token");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.message().at("/error/data/reason").asText()).isEqualTo("token_invalid");
        assertThat(unknown.message().at("/error/message").asText()).isNotEqualTo(expired.message().at("/error/message").asText());
    }

    @Test
    void malformed_json_rpc_gets_a_parse_error_or_an_invalid_request() {
        Reply notJson = post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,", Map.of());
        Reply batch = post(token, "[" + initialize("2025-11-25") + "]", Map.of());
        Reply noVersion = post(token, "{\"id\":7,\"method\":\"tools/list\"}", Map.of());
        Reply badParams = post(token, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\",\"params\":[1]}", Map.of());

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.message().at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(notJson.message().has("id")).isFalse();
        assertThat(batch.message().at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(noVersion.message().at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(noVersion.message().get("id").asInt()).isEqualTo(7);
        assertThat(badParams.message().at("/error/code").asInt()).isEqualTo(-32600);
        for (Reply reply : new Reply[]{notJson, batch, noVersion, badParams}) {
            McpSchemas.assertValid("2025-11-25", reply.message());
        }
    }

    @Test
    void initialize_answers_the_version_the_client_asks_for_or_the_newest_with_initialize() {
        for (String version : new String[]{"2025-06-18", "2025-11-25"}) {
            Reply reply = post(token, initialize(version), Map.of());
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.headers()).containsKey("mcp-session-id");
            assertThat(reply.message().at("/result/protocolVersion").asText()).isEqualTo(version);
            assertThat(reply.message().at("/result/serverInfo/name").asText()).isEqualTo("medianest");
            McpSchemas.assertValid(version, reply.message());
        }

        Reply older = post(token, initialize("2024-11-05"), Map.of());

        assertThat(older.message().at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
    }

    @Test
    void a_2026_07_28_client_discovers_the_versions_and_works_without_a_session() {
        Reply discover = stateless2026(1, "server/discover", "");
        Reply tools = stateless2026(2, "tools/list", "");
        Reply prompts = stateless2026(3, "prompts/list", "");
        Reply prompt = stateless2026(4, "prompts/get", "\"name\":\"request_movie\",\"arguments\":{\"title\":\"Dune\"}");
        Reply resources = stateless2026(5, "resources/list", "");

        assertThat(discover.status()).isEqualTo(200);
        assertThat(discover.headers()).doesNotContainKey("mcp-session-id");
        assertThat(discover.message().at("/result/supportedVersions")).extracting(JsonNode::asText)
                .containsExactly("2025-06-18", "2025-11-25", "2026-07-28");
        assertThat(tools.message().at("/result/resultType").asText()).isEqualTo("complete");
        assertThat(prompts.message().at("/result/prompts")).extracting(node -> node.get("name").asText())
                .containsExactly("request_movie", "whats_new");
        assertThat(prompt.message().at("/result/messages/0/content/text").asText()).contains("Dune").contains("search_media");
        for (Reply reply : new Reply[]{discover, tools, prompts, prompt, resources}) {
            McpSchemas.assertValid("2026-07-28", reply.message());
        }
    }

    @Test
    void a_2026_07_28_request_for_an_unknown_tool_names_the_tools_there_are() {
        Reply reply = stateless2026(9, "tools/call", "\"name\":\"launch_rocket\",\"arguments\":{}");

        assertThat(reply.message().at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(reply.message().at("/error/message").asText()).contains("launch_rocket");
        McpSchemas.assertValid("2026-07-28", reply.message());
    }

    @Test
    void an_unsupported_version_or_a_header_that_contradicts_the_body_is_a_400() {
        Reply unsupported = post(token, stateless(1, "tools/list", "", "2099-01-01"), Map.of());
        Reply mismatch = post(token, stateless(2, "tools/list", "", "2026-07-28"), Map.of("MCP-Protocol-Version", "2025-11-25"));

        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.message().at("/error/code").asInt()).isEqualTo(-32022);
        assertThat(unsupported.message().at("/error/data/supported")).hasSize(3);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.message().at("/error/code").asInt()).isEqualTo(-32020);
        McpSchemas.assertValid("2026-07-28", "UnsupportedProtocolVersionError", unsupported.message());
        McpSchemas.assertValid("2026-07-28", "HeaderMismatchError", mismatch.message());
    }

    @Test
    void each_token_has_its_own_allowance_per_minute() {
        String busy = busyToken;
        int refused = 0;
        for (int i = 0; i < 45; i++) {
            Reply reply = post(busy, stateless(i, "server/discover", "", "2026-07-28"), Map.of());
            if (reply.status() == 429) {
                refused++;
                assertThat(reply.headers()).containsKey("retry-after");
                assertThat(reply.message().at("/error/data/reason").asText()).isEqualTo("rate_limited");
            }
        }

        assertThat(refused).isGreaterThan(0);
        assertThat(post(token, stateless(1, "server/discover", "", "2026-07-28"), Map.of()).status()).isEqualTo(200);
    }
}
