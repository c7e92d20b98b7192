package dev.medianest.channels.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.testing.Await;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.FakeArrLibrary;
import dev.medianest.testing.FakeTmdb;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.McpSchemas;
import dev.medianest.testing.NodeMcpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MediaNest's MCP server as a real MCP client sees it: the official TypeScript SDK client connects
 * over Streamable HTTP and over stdio ({@code medianest mcp}, against the running server and on its
 * data directory), lists the tools, resources and prompts, and asks for Dune in 4K, which reaches
 * the 4K Radarr once approved. Every message the server sends is held against the MCP schema of the
 * version negotiated.
 */
class McpClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private static DiscoverStack stack;
    private static HttpSession admin;
    private static String aliceToken;
    private static String victorToken;

    @BeforeAll
    static void start() {
        stack = new DiscoverStack(dataDir);
        admin = stack.signIn("admin", null);
        long alice = stack.app.app().accounts().findByUsername(DiscoverStack.MEMBER).orElseThrow().id();
        HttpSession.Reply granted = admin.api("PATCH", "/api/v1/users/" + alice,
                Map.of("permissions", List.of("request", "request_4k", "assistant")));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        // The 4K instance's profile and folder, as an admin sets them in Settings › Services.
        ServiceInstance uhd = stack.app.app().services().get(stack.radarr4kId);
        stack.app.app().services().update(stack.app.app().accounts().findByUsername("admin").orElseThrow().id(), uhd.id(),
                ServiceDraft.of(uhd.kind(), uhd.name(), uhd.baseUrl().toString(), Map.of("qualityProfileId", "5", "rootFolder", "/movies"),
                        Map.of("apiKey", FakeArrLibrary.API_KEY), false, true, false, 5));
        aliceToken = tokenOf(DiscoverStack.MEMBER);
        victorToken = tokenOf(DiscoverStack.VIEWER);
    }

    @AfterAll
    static void stop() {
        stack.closeAfterCheckingSpecs();
    }

    private static String tokenOf(String user) {
        HttpSession.Reply issued = stack.signIn(user, null).api("POST", "/api/v1/me/tokens", Map.of("name", "claude desktop"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().get("token").asText();
    }

    private static ObjectNode overHttp(String token, String version) {
        ObjectNode scenario = JSON.createObjectNode().put("transport", "http").put("url", stack.app.baseUrl() + "/mcp").put("token", token);
        if (version != null) {
            scenario.put("version", version);
        }
        return scenario;
    }

    /** {@code medianest mcp} as an MCP client starts it: the real entry point in a JVM of its own. */
    private static ObjectNode overStdio(String token, String... arguments) {
        List<String> command = javaCommand(arguments);
        ObjectNode scenario = JSON.createObjectNode().put("transport", "stdio").put("command", command.getFirst());
        ArrayNode args = scenario.putArray("args");
        command.subList(1, command.size()).forEach(args::add);
        scenario.putObject("env")
                .put("MEDIANEST_TOKEN", token)
                .put("MEDIANEST_DATA_DIR", dataDir.toString())
                .put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
                .put("HOME", System.getProperty("user.home"));
        return scenario;
    }

    /** This JVM's java with the main classes only (the test classes' logging would write to standard output). */
    private static List<String> javaCommand(String... arguments) {
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", classPath, "dev.medianest.Main", "mcp"));
        command.addAll(List.of(arguments));
        return command;
    }

    private static ObjectNode step(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    private static ObjectNode call(String tool, Map<String, Object> arguments) {
        ObjectNode step = step("callTool").put("name", tool);
        step.set("arguments", JSON.valueToTree(arguments));
        return step;
    }

    private static JsonNode run(ObjectNode scenario, ObjectNode... steps) {
        ArrayNode list = scenario.putArray("steps");
        Arrays.stream(steps).forEach(list::add);
        JsonNode seen = NodeMcpClient.run(scenario, CLIENT_TIMEOUT);
        assertThat(seen.path("connected").asBoolean()).as(seen.toString()).isTrue();
        String version = seen.path("negotiated").asText();
        for (JsonNode message : seen.path("received")) {
            McpSchemas.assertValid(version, message);
        }
        return seen;
    }

    private static List<String> names(JsonNode list, String field) {
        List<String> names = new ArrayList<>();
        list.path(field).forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    private static List<String> toolNames() {
        return stack.app.app().tools().definitions().stream().map(dev.medianest.features.assistant.ToolDefinition::name).toList();
    }

    @Test
    void the_sdk_client_negotiates_each_version_and_lists_the_tools_resources_and_prompts() {
        for (String version : new String[]{"2025-06-18", "2025-11-25"}) {
            JsonNode seen = run(overHttp(aliceToken, version), step("listTools"), step("listResources"), step("listPrompts"),
                    step("getPrompt").put("name", "request_movie").set("arguments", JSON.createObjectNode().put("title", "Dune")));

            assertThat(seen.path("negotiated").asText()).isEqualTo(version);
            assertThat(seen.at("/server/name").asText()).isEqualTo("medianest");
            JsonNode steps = seen.path("steps");
            assertThat(names(steps.get(0).path("value"), "tools")).containsExactlyElementsOf(toolNames());
            assertThat(steps.get(1).at("/value/resources")).extracting(node -> node.get("uri").asText())
                    .containsExactlyInAnyOrder("medianest://requests", "medianest://downloads", "medianest://services");
            assertThat(names(steps.get(2).path("value"), "prompts")).containsExactlyInAnyOrder("request_movie", "whats_new");
            assertThat(steps.get(3).at("/value/messages/0/content/text").asText()).contains("Dune");
        }
    }

    @Test
    void an_unknown_tool_is_a_json_rpc_error_naming_the_tools_there_are() {
        JsonNode seen = run(overHttp(aliceToken, null), call("launch_rocket", Map.of()));

        JsonNode failed = seen.at("/steps/0");
        assertThat(failed.path("ok").asBoolean()).isFalse();
        assertThat(failed.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(failed.at("/error/message").asText()).contains("launch_rocket").contains("request_media");
    }

    @Test
    void alice_asks_for_dune_in_4k_and_the_4k_radarr_receives_it_once_approved() throws InterruptedException {
        JsonNode seen = run(overHttp(aliceToken, null),
                call("request_media", Map.of("mediaType", "movie", "id", String.valueOf(FakeTmdb.DUNE), "quality", "2160p")).put("progress", true),
                step("readResource").put("uri", "medianest://requests"));

        JsonNode result = seen.at("/steps/0/value");
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.path("structuredContent").isObject()).isTrue();
        assertThat(result.at("/content/0/text").asText()).contains("Dune");
        assertThat(seen.at("/steps/1/value/contents/0/text").asText()).contains("Dune");

        HttpSession.Reply pending = admin.api("GET", "/api/v1/requests?state=pending");
        long id = pending.json().at("/items/0/id").asLong();
        assertThat(admin.api("POST", "/api/v1/requests/" + id + "/approve").status()).isEqualTo(200);
        List<JsonNode> added = Await.until(stack.radarr4k::added, list -> !list.isEmpty());
        assertThat(added.getFirst().get("tmdbId").asInt()).isEqualTo(FakeTmdb.DUNE);
        assertThat(stack.radarr.added()).as("never the HD instance").isEmpty();
    }

    @Test
    void invalid_arguments_and_a_missing_permission_are_tool_errors_the_model_can_read() {
        JsonNode invalid = run(overHttp(aliceToken, null), call("request_media", Map.of("mediaType", "podcast", "id", "1")));
        JsonNode forbidden = run(overHttp(victorToken, null), call("pause_download", Map.of("all", true)));

        JsonNode wrong = invalid.at("/steps/0/value");
        assertThat(wrong.path("isError").asBoolean()).isTrue();
        assertThat(wrong.at("/structuredContent/error/kind").asText()).isEqualTo("invalid_arguments");
        assertThat(wrong.at("/structuredContent/error/field").asText()).isEqualTo("mediaType");
        assertThat(wrong.at("/content/0/text").asText()).contains("mediaType");
        JsonNode refused = forbidden.at("/steps/0/value");
        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(refused.at("/structuredContent/error/kind").asText()).isEqualTo("forbidden");
        assertThat(refused.at("/content/0/text").asText()).isNotBlank();
    }

    @Test
    void over_stdio_against_the_running_server() {
        JsonNode seen = run(overStdio(aliceToken, "--server", stack.app.baseUrl()), step("listTools"), step("listPrompts"),
                call("launch_rocket", Map.of()));

        assertThat(names(seen.at("/steps/0/value"), "tools")).containsExactlyElementsOf(toolNames());
        assertThat(names(seen.at("/steps/1/value"), "prompts")).containsExactlyInAnyOrder("request_movie", "whats_new");
        assertThat(seen.at("/steps/2/error/code").asInt()).isEqualTo(-32602);
    }

    @Test
    void over_stdio_on_the_data_directory_as_the_tokens_owner() {
        JsonNode seen = run(overStdio(victorToken), step("listTools"), step("listResources"));

        assertThat(names(seen.at("/steps/0/value"), "tools")).containsExactlyElementsOf(toolNames());
        assertThat(seen.at("/steps/1/value/resources")).isNotEmpty();
    }

    @Test
    void stdio_writes_only_protocol_to_standard_output_and_exits_0_when_standard_input_closes() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(javaCommand("--server", stack.app.baseUrl())).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MEDIANEST_TOKEN", aliceToken);
        Process process = builder.start();
        try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
             BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            in.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{}}\n");
            in.write("not json\n");
            in.flush();
            // Each line is answered as it comes, the discovery on a thread of its own: either may be first.
            JsonNode first = JSON.readTree(out.readLine());
            JsonNode second = JSON.readTree(out.readLine());
            JsonNode discover = first.has("result") ? first : second;
            JsonNode parseError = first.has("result") ? second : first;
            in.close();

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits when stdin closes").isTrue();
            assertThat(process.exitValue()).isEqualTo(0);
            assertThat(out.readLine()).as("nothing else on standard output").isNull();
            assertThat(discover.at("/result/supportedVersions")).hasSize(3);
            McpSchemas.assertValid("2026-07-28", discover);
            assertThat(parseError.at("/error/code").asInt()).isEqualTo(-32700);
        } finally {
            process.destroyForcibly();
        }
    }
}
