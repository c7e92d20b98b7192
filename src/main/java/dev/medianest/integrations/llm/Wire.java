package dev.medianest.integrations.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.medianest.features.assistant.LanguageModel;
import dev.medianest.features.assistant.ModelSettings.Provider;
import dev.medianest.features.assistant.ToolDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The three wire formats (see ../shared/specs/llm-tool-calling-notes.md): Anthropic's Messages API
 * (anthropic.openapi.json, {@code POST /v1/messages}), OpenAI's Chat Completions (openai.openapi.yml,
 * {@code POST /v1/chat/completions}; LM Studio, vLLM and llama.cpp server speak it too) and Ollama's
 * native chat (ollama.openapi.yml, {@code POST /api/chat}). LangChain4j writes and reads them; this
 * says which of its models to build and corrects the two things it gets wrong in 1.19.0 / 1.18.1.
 */
enum Wire {
    ANTHROPIC("Anthropic", "https://api.anthropic.com", "claude-sonnet-4-5", "https://console.anthropic.com/settings/keys"),
    OPENAI("OpenAI", "https://api.openai.com/v1", "gpt-4o-mini", "https://platform.openai.com/api-keys"),
    OLLAMA("Ollama", "http://localhost:11434", "qwen3", null),
    OPENAI_COMPATIBLE("The OpenAI-compatible server", null, "the name the server lists at /v1/models", null);

    /** The version the real API requires although the stored spec marks the header optional (specs README, "Anthropic"). */
    static final String ANTHROPIC_VERSION = "2023-06-01";
    /** Anthropic requires max_tokens (CreateMessageParams); LangChain4j's default of 1024 cuts longer answers short. */
    private static final int ANTHROPIC_MAX_TOKENS = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String title;
    private final Optional<URI> defaultBaseUrl;
    private final String exampleModel;
    private final String keyPage;

    Wire(String title, String defaultBaseUrl, String exampleModel, String keyPage) {
        this.title = title;
        this.defaultBaseUrl = Optional.ofNullable(defaultBaseUrl).map(URI::create);
        this.exampleModel = exampleModel;
        this.keyPage = keyPage;
    }

    static Optional<Wire> of(Provider provider) {
        return switch (provider) {
            case OFFLINE -> Optional.empty();
            case ANTHROPIC -> Optional.of(ANTHROPIC);
            case OPENAI -> Optional.of(OPENAI);
            case OLLAMA -> Optional.of(OLLAMA);
            case OPENAI_COMPATIBLE -> Optional.of(OPENAI_COMPATIBLE);
        };
    }

    String title() {
        return title;
    }

    Optional<URI> defaultBaseUrl() {
        return defaultBaseUrl;
    }

    String exampleModel() {
        return exampleModel;
    }

    boolean needsKey() {
        return keyPage != null;
    }

    String keyPage() {
        return keyPage;
    }

    /** LangChain4j's streaming model for this endpoint, speaking through {@code http}. */
    StreamingChatModel model(LlmEndpoint endpoint, HttpClientBuilder http) {
        String base = endpoint.baseUrl().toString();
        return switch (this) {
            // The setting is the API root as Anthropic's SDKs take it; LangChain4j wants the /v1 below it.
            case ANTHROPIC -> AnthropicStreamingChatModel.builder().httpClientBuilder(http).baseUrl(base.endsWith("/v1") ? base : base + "/v1")
                    .apiKey(endpoint.apiKey().orElseThrow()).version(ANTHROPIC_VERSION).modelName(endpoint.model())
                    .maxTokens(ANTHROPIC_MAX_TOKENS).build();
            // A key-less server gets a placeholder here, and LlmHttp leaves the Authorization header out.
            case OPENAI, OPENAI_COMPATIBLE -> OpenAiStreamingChatModel.builder().httpClientBuilder(http).baseUrl(base)
                    .apiKey(endpoint.apiKey().orElse("none")).modelName(endpoint.model()).build();
            case OLLAMA -> OllamaStreamingChatModel.builder().httpClientBuilder(http).baseUrl(base).modelName(endpoint.model()).build();
        };
    }

    /**
     * Corrects the request body LangChain4j wrote for one turn. Each tool's parameters become exactly the
     * JSON Schema the tool declares: LangChain4j rebuilds the top-level object and drops its
     * {@code additionalProperties: false} (it keeps it only in OpenAI's strict mode, which would also make
     * every argument required). And Ollama's messages become what ollama.openapi.yml and ollama-api.md
     * describe: each tool result gets the {@code tool_name} by which Ollama matches results to calls
     * (ollama-tool-calling.md; ollama-api.md, "tool_name"), which langchain4j-ollama 1.18.1 leaves out.
     */
    UnaryOperator<String> patch(List<ToolDefinition> tools, List<LanguageModel.Message> conversation) {
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        tools.forEach(tool -> schemas.put(tool.name(), tool.inputSchema()));
        List<String> resultNames = conversation.stream().filter(LanguageModel.ToolOutput.class::isInstance)
                .map(message -> ((LanguageModel.ToolOutput) message).toolName()).toList();
        return body -> {
            ObjectNode root;
            try {
                root = (ObjectNode) JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (JsonNode tool : root.path("tools")) {
                if (this == ANTHROPIC) {
                    JsonNode schema = schemas.get(tool.path("name").asText());
                    if (schema != null) {
                        ((ObjectNode) tool).set("input_schema", schema);
                    }
                } else if (tool.path("function") instanceof ObjectNode function && schemas.containsKey(function.path("name").asText())) {
                    function.set("parameters", schemas.get(function.path("name").asText()));
                }
            }
            if (this == OLLAMA) {
                Iterator<String> names = resultNames.iterator();
                for (JsonNode node : root.path("messages")) {
                    ObjectNode message = (ObjectNode) node;
                    if (message.path("role").asText().equals("tool") && names.hasNext()) {
                        message.put("tool_name", names.next());
                    }
                    // ChatMessage requires content, which LangChain4j leaves out of a turn that only called tools;
                    // its calls carry no id in the spec (ToolCall), so the one LangChain4j adds goes.
                    if (!message.has("content")) {
                        message.put("content", "");
                    }
                    message.path("tool_calls").forEach(call -> ((ObjectNode) call).remove("id"));
                }
            }
            return root.toString();
        };
    }
}
