package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.FakeTmdb;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.OpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/assistant/tools} over real HTTP with a bearer token, as scripts and
 * {@code medianest mcp --server} use it, each request and response held against openapi.json.
 */
class AssistantToolsApiTest {

    /** The parts of openapi.json this suite covers (JsonApiTest covers the rest). */
    static final String[] PATHS = {"/api/v1/assistant/tools"};

    private static final OpenApiContract CONTRACT = new OpenApiContract();
    private static final String TOOLS = "/api/v1/assistant/tools";

    @TempDir
    static Path dataDir;

    @AutoClose("closeAfterCheckingSpecs")
    private static DiscoverStack stack;
    private static HttpSession alice;
    private static HttpSession victor;

    @BeforeAll
    static void start() {
        stack = new DiscoverStack(dataDir);
        HttpSession admin = stack.signIn("admin", CONTRACT);
        long aliceId = stack.app.app().accounts().findByUsername(DiscoverStack.MEMBER).orElseThrow().id();
        assertThat(admin.api("PATCH", "/api/v1/users/" + aliceId, Map.of("permissions", List.of("request", "request_4k", "assistant")))
                .status()).isEqualTo(200);
        alice = withToken(DiscoverStack.MEMBER);
        victor = withToken(DiscoverStack.VIEWER);
    }

    @AfterAll
    static void stop() {
        for (String path : PATHS) {
            assertThat(CONTRACT.unexercisedUnder(path)).as("assistant operations of openapi.json no test called").isEmpty();
        }
    }

    private static HttpSession withToken(String user) {
        Reply issued = stack.signIn(user, CONTRACT).api("POST", "/api/v1/me/tokens", Map.of("name", "script"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return new HttpSession(stack.app.baseUrl(), CONTRACT).withBearer(issued.json().get("token").asText());
    }

    @Test
    void the_tools_are_listed_with_their_argument_schemas() {
        Reply reply = alice.api("GET", TOOLS);

        assertThat(reply.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode item : reply.json().get("items")) {
            names.add(item.get("name").asText());
            assertThat(item.at("/inputSchema/type").asText()).isEqualTo("object");
        }
        assertThat(names).containsExactlyElementsOf(stack.app.app().tools().definitions().stream()
                .map(dev.medianest.features.assistant.ToolDefinition::name).toList());
        assertThat(new HttpSession(stack.app.baseUrl(), CONTRACT).api("GET", TOOLS).status()).as("without a token").isEqualTo(401);
    }

    @Test
    void an_unknown_tool_is_a_404_naming_the_tools_there_are() {
        Reply reply = alice.api("POST", TOOLS + "/launch_rocket", Map.of());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("unknown_tool");
        assertThat(reply.json().at("/error/message").asText()).contains("launch_rocket");
    }

    @Test
    void a_body_that_is_not_json_is_refused_before_any_tool_runs() {
        Reply malformed = alice.rawApi("POST", TOOLS + "/request_media", "application/json", "{\"mediaType\":", Map.of());
        Reply text = alice.rawApi("POST", TOOLS + "/request_media", "text/plain", "Dune", Map.of());

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("malformed_json");
        assertThat(text.status()).isEqualTo(415);
    }

    @Test
    void invalid_arguments_are_a_422_naming_the_field() {
        Reply reply = alice.api("POST", TOOLS + "/request_media", Map.of("mediaType", "podcast", "id", "1"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo("invalid_arguments");
        assertThat(reply.json().at("/error/details").has("mediaType")).isTrue();
    }

    @Test
    void a_call_answers_the_summary_the_structured_result_and_the_cards() {
        Reply reply = alice.api("POST", TOOLS + "/search_media", Map.of("query", "Dune"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("tool").asText()).isEqualTo("search_media");
        assertThat(reply.json().get("summary").asText()).isNotBlank();
        assertThat(reply.json().get("structured").toString()).contains(String.valueOf(FakeTmdb.DUNE));
    }

    @Test
    void a_member_without_the_right_gets_a_403_of_its_own() {
        Reply reply = victor.api("POST", TOOLS + "/pause_download", Map.of("all", true));

        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.errorCode()).isEqualTo("forbidden");
    }
}
