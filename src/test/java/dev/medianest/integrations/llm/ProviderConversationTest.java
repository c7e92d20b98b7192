package dev.medianest.integrations.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.assistant.LanguageModel;
import dev.medianest.features.assistant.LanguageModel.AssistantTurn;
import dev.medianest.features.assistant.LanguageModel.Message;
import dev.medianest.features.assistant.LanguageModel.Reply;
import dev.medianest.features.assistant.LanguageModel.SystemText;
import dev.medianest.features.assistant.LanguageModel.ToolOutput;
import dev.medianest.features.assistant.LanguageModel.UserText;
import dev.medianest.features.assistant.ToolDefinition;
import dev.medianest.testing.FakeLlm;
import dev.medianest.testing.FakeLlm.Turn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversation with each provider, over its real wire format: streamed text, tool calls answered
 * in a second turn, token counts, the tools' schemas, the key. Every request and answer is held to
 * the provider's published spec.
 */
class ProviderConversationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SEARCH_SCHEMA = json("""
            {"type": "object", "description": "What to look for",
             "properties": {
               "query": {"type": "string", "minLength": 1, "maxLength": 200, "description": "Words of the title, in any language"},
               "kind": {"type": "string", "enum": ["movie", "series", "book"]},
               "year": {"type": "integer", "minimum": 1870, "maximum": 2100},
               "rating": {"type": "number", "minimum": 0},
               "fourK": {"type": "boolean", "default": false},
               "genres": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
               "target": {"oneOf": [
                 {"type": "object", "properties": {"tmdbId": {"type": "integer"}}, "required": ["tmdbId"], "additionalProperties": false},
                 {"type": "object", "properties": {"title": {"type": "string"}}, "required": ["title"], "additionalProperties": false}]},
               "season": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]}
             },
             "required": ["query"],
             "additionalProperties": false}
            """);
    private static final ToolDefinition SEARCH = new ToolDefinition("search_media", "Finds movies, series and books by title.", SEARCH_SCHEMA, false);
    private static final ToolDefinition REQUEST = new ToolDefinition("request_media", "Asks for a title to be downloaded.",
            json("{\"type\": \"object\", \"properties\": {\"tmdbId\": {\"type\": \"integer\"}}, \"required\": [\"tmdbId\"], \"additionalProperties\": false}"), true);
    private static final List<ToolDefinition> TOOLS = List.of(SEARCH, REQUEST);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<Message> asking(String question) {
        return new ArrayList<>(List.of(new SystemText("You are MediaNest's assistant."), new UserText(question)));
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void streamed_text_arrives_in_pieces_and_whole(Speaker speaker) throws Exception {
        try (FakeLlm fake = speaker.fake()) {
            fake.reply(Turn.text("Dune (2021) is already in your library.").usage(120, 9));
            List<String> pieces = new ArrayList<>();

            Reply reply = speaker.model(fake).reply(asking("Do I have Dune?"), TOOLS, pieces::add);

            assertThat(pieces).hasSizeGreaterThan(3);
            assertThat(String.join("", pieces)).isEqualTo("Dune (2021) is already in your library.");
            assertThat(reply.text()).isEqualTo("Dune (2021) is already in your library.");
            assertThat(reply.calls()).isEmpty();
            assertThat(reply.usage()).isEqualTo(new LanguageModel.TokenUsage(120, 9));
            assertThat(fake.lastRequest().system()).isEqualTo("You are MediaNest's assistant.");
            assertThat(fake.lastRequest().userTexts()).containsExactly("Do I have Dune?");
            assertThat(fake.lastRequest().model()).isEqualTo("test-model");
            fake.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void a_tool_call_is_answered_in_the_next_turn_under_its_own_id(Speaker speaker) throws Exception {
        try (FakeLlm fake = speaker.fake()) {
            fake.reply(Turn.calling("search_media", "{\"query\":\"Dune\",\"kind\":\"movie\"}").usage(200, 15))
                    .reply(Turn.text("I found Dune (2021).").usage(260, 6));
            LanguageModel model = speaker.model(fake);
            List<Message> conversation = asking("Find Dune");
            List<String> pieces = new ArrayList<>();

            Reply calling = model.reply(conversation, TOOLS, pieces::add);

            assertThat(calling.calls()).singleElement().satisfies(call -> {
                assertThat(call.name()).isEqualTo("search_media");
                assertThat(json(call.argumentsJson())).isEqualTo(json("{\"query\":\"Dune\",\"kind\":\"movie\"}"));
                assertThat(call.id()).isNotBlank();
            });
            assertThat(calling.usage()).isEqualTo(new LanguageModel.TokenUsage(200, 15));
            assertThat(pieces).isEmpty();

            String id = calling.calls().getFirst().id();
            conversation.add(new AssistantTurn(calling.text(), calling.calls()));
            conversation.add(new ToolOutput(id, "search_media", "{\"results\":[{\"title\":\"Dune\",\"year\":2021,\"tmdbId\":438631}]}", false));
            Reply answer = model.reply(conversation, TOOLS, pieces::add);

            assertThat(answer.text()).isEqualTo("I found Dune (2021).");
            assertThat(answer.calls()).isEmpty();
            assertThat(answer.usage().plus(calling.usage())).isEqualTo(new LanguageModel.TokenUsage(460, 21));
            FakeLlm.Received second = fake.lastRequest();
            assertThat(second.sentCalls()).singleElement().satisfies(sent -> {
                assertThat(sent.name()).isEqualTo("search_media");
                assertThat(sent.arguments()).isEqualTo(json("{\"query\":\"Dune\",\"kind\":\"movie\"}"));
            });
            assertThat(second.toolResults()).singleElement().satisfies(result -> {
                assertThat(result.toolName()).isEqualTo("search_media");
                assertThat(json(result.content()).path("results").get(0).path("tmdbId").asInt()).isEqualTo(438631);
                if (speaker != Speaker.OLLAMA) {
                    // Ollama's calls carry no id on its wire; it matches a result by the tool's name.
                    assertThat(result.callId()).isEqualTo(id);
                    assertThat(second.sentCalls().getFirst().id()).isEqualTo(id);
                }
            });
            fake.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void several_calls_in_one_turn_keep_distinct_ids_and_all_results_go_back(Speaker speaker) throws Exception {
        try (FakeLlm fake = speaker.fake()) {
            fake.reply(Turn.text("Let me look both up. ").call("search_media", "{\"query\":\"Dune\"}").call("search_media", "{\"query\":\"Fargo\"}"))
                    .replyText("Both are there.");
            LanguageModel model = speaker.model(fake);
            List<Message> conversation = asking("Dune and Fargo?");

            Reply calling = model.reply(conversation, TOOLS, piece -> { });

            assertThat(calling.text()).isEqualTo("Let me look both up. ");
            assertThat(calling.calls()).extracting(LanguageModel.ToolCallRequest::argumentsJson).map(ProviderConversationTest::json)
                    .containsExactly(json("{\"query\":\"Dune\"}"), json("{\"query\":\"Fargo\"}"));
            assertThat(calling.calls()).extracting(LanguageModel.ToolCallRequest::id).doesNotHaveDuplicates();

            conversation.add(new AssistantTurn(calling.text(), calling.calls()));
            conversation.add(new ToolOutput(calling.calls().get(0).id(), "search_media", "{\"found\":\"Dune\"}", false));
            conversation.add(new ToolOutput(calling.calls().get(1).id(), "search_media", "{\"found\":\"Fargo\"}", false));
            assertThat(model.reply(conversation, TOOLS, piece -> { }).text()).isEqualTo("Both are there.");

            assertThat(fake.lastRequest().toolResults()).extracting(FakeLlm.ToolResult::content)
                    .containsExactly("{\"found\":\"Dune\"}", "{\"found\":\"Fargo\"}");
            fake.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void each_tool_schema_reaches_the_provider_exactly_as_declared(Speaker speaker) throws Exception {
        try (FakeLlm fake = speaker.fake()) {
            fake.replyText("Ready.");

            speaker.model(fake).reply(asking("Hello"), TOOLS, piece -> { });

            FakeLlm.Received request = fake.lastRequest();
            assertThat(request.toolNames()).containsExactly("search_media", "request_media");
            assertThat(request.toolSchema("search_media")).isEqualTo(SEARCH_SCHEMA);
            assertThat(request.toolSchema("request_media")).isEqualTo(REQUEST.inputSchema());
            fake.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void the_key_travels_only_the_way_the_provider_expects(Speaker speaker) throws Exception {
        try (FakeLlm fake = speaker.fake()) {
            fake.replyText("Hi.");

            speaker.model(fake).reply(asking("Hi"), List.of(), piece -> { });

            FakeLlm.Received request = fake.lastRequest();
            assertThat(request.apiKey()).isEqualTo(speaker.key());
            switch (speaker) {
                case ANTHROPIC -> {
                    assertThat(request.headers()).containsEntry("anthropic-version", "2023-06-01").doesNotContainKey("Authorization");
                    assertThat(request.body().path("max_tokens").asInt()).isPositive();
                }
                case OPENAI -> assertThat(request.headers()).doesNotContainKey("x-api-key");
                case OLLAMA, LM_STUDIO -> assertThat(request.headers()).doesNotContainKeys("Authorization", "x-api-key");
            }
            assertThat(request.toolNames()).isEmpty();
            fake.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Speaker.class, names = {"OLLAMA", "LM_STUDIO"})
    void a_provider_that_counts_no_tokens_gives_zeros(Speaker speaker) throws Exception {
        try (FakeLlm fake = speaker.fake()) {
            fake.reply(Turn.text("Counted nothing.").withoutUsage());

            Reply reply = speaker.model(fake).reply(asking("Count"), TOOLS, piece -> { });

            assertThat(reply.usage()).isEqualTo(LanguageModel.TokenUsage.NONE);
            fake.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Speaker.class, names = "ANTHROPIC")
    void a_failed_tool_is_marked_as_an_error_where_the_format_can_say_so(Speaker speaker) throws Exception {
        try (FakeLlm fake = speaker.fake()) {
            fake.callTool("request_media", "{\"tmdbId\":438631}").replyText("That did not work.");
            LanguageModel model = speaker.model(fake);
            List<Message> conversation = asking("Get Dune");
            Reply calling = model.reply(conversation, TOOLS, piece -> { });
            conversation.add(new AssistantTurn("", calling.calls()));
            conversation.add(new ToolOutput(calling.calls().getFirst().id(), "request_media", "{\"error\":\"Radarr is down\"}", true));

            model.reply(conversation, TOOLS, piece -> { });

            assertThat(fake.lastRequest().toolResults()).singleElement().extracting(FakeLlm.ToolResult::error).isEqualTo(true);
            fake.assertAllInSpec();
        }
    }
}
