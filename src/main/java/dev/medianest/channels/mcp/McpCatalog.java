package dev.medianest.channels.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.assistant.ToolDefinition;
import dev.medianest.features.assistant.ToolError;
import dev.medianest.features.assistant.ToolOutcome;
import dev.medianest.features.assistant.ToolProgress;
import dev.medianest.features.assistant.ToolResult;
import dev.medianest.platform.i18n.Messages;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What MediaNest offers an MCP client, whatever the transport and protocol version: every tool of
 * the tool layer, three resources filled by tools (so a resource shows exactly what the same tool
 * would), and two prompts. Each request runs as its {@link Caller}.
 */
final class McpCatalog {

    static final String SERVER_NAME = "medianest";

    /** A resource and the tool that fills it. */
    record Shelf(String uri, String name, String tool) {
    }

    static final List<Shelf> SHELVES = List.of(
            new Shelf("medianest://requests", "requests", "request_status"),
            new Shelf("medianest://downloads", "downloads", "list_downloads"),
            new Shelf("medianest://services", "services", "service_status"));

    static final String PROMPT_REQUEST_MOVIE = "request_movie";
    static final String PROMPT_WHATS_NEW = "whats_new";

    private final ObjectMapper json;
    private final McpJsonMapper mcpJson;
    private final Map<String, ToolDefinition> definitions = new LinkedHashMap<>();
    private final Messages.Texts listing;
    private final String version;
    private final Function<McpTransportContext, Caller> callers;

    /**
     * @param listing the language of the tool, resource and prompt descriptions (lists are the same for every caller)
     * @param callers who a request runs as, from the SDK's request context
     */
    McpCatalog(ObjectMapper json, List<ToolDefinition> definitions, Messages.Texts listing, String version,
               Function<McpTransportContext, Caller> callers) {
        this.json = json;
        this.mcpJson = new JacksonMcpJsonMapper(json);
        definitions.forEach(definition -> this.definitions.put(definition.name(), definition));
        this.listing = listing;
        this.version = version;
        this.callers = callers;
    }

    McpJsonMapper mcpJson() {
        return mcpJson;
    }

    ObjectMapper json() {
        return json;
    }

    boolean hasTool(String name) {
        return definitions.containsKey(name);
    }

    /** The answer to an unknown tool: a JSON-RPC invalid-params error that names the tools there are. */
    McpError unknownTool(String name, Messages.Texts texts) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                .message(texts.get("tool.error.unknown_tool", String.valueOf(name), String.join(", ", definitions.keySet())))
                .data(Map.of("reason", "unknown_tool", "tool", String.valueOf(name)))
                .build();
    }

    /**
     * Whether a message calls a tool there is not: the channels answer it before the SDK does, with
     * {@link #unknownToolAnswer}, so the error names the tools there are.
     */
    boolean callsUnknownTool(JsonRpc.Message message) {
        return message.isRequest() && message.method().filter("tools/call"::equals).isPresent()
                && message.params().path("name").isTextual() && !hasTool(message.params().path("name").asText());
    }

    ObjectNode unknownToolAnswer(JsonRpc.Message message, Messages.Texts texts) {
        return JsonRpc.error(json, message.id(), unknownTool(message.params().path("name").asText(), texts));
    }

    McpSchema.Implementation serverInfo() {
        return new McpSchema.Implementation(SERVER_NAME, "MediaNest", version);
    }

    McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).build();
    }

    String instructions() {
        return listing.get("mcp.instructions");
    }

    /** Builds the SDK server on a transport: the tools, resources and prompts, and the versions it negotiates. */
    <S extends McpServer.SyncSpecification<S>> McpSyncServer build(McpServer.SyncSpecification<S> spec) {
        return spec.serverInfo(serverInfo())
                .instructions(instructions())
                .capabilities(capabilities())
                .jsonMapper(mcpJson)
                // The tool layer checks the arguments and names the field at fault in the caller's language.
                .validateToolInputs(false)
                // A tool call waits on remote services (Radarr, a download client) that have their own timeouts.
                .requestTimeout(Duration.ofMinutes(5))
                .tools(tools().stream().map(tool -> new McpServerFeatures.SyncToolSpecification(tool,
                        (exchange, request) -> call(caller(exchange), request.name(), request.arguments(),
                                progress(exchange, request.meta())))).toList())
                .resources(resources().stream().map(resource -> new McpServerFeatures.SyncResourceSpecification(resource,
                        (exchange, request) -> read(caller(exchange), request.uri()))).toList())
                .prompts(prompts().stream().map(prompt -> new McpServerFeatures.SyncPromptSpecification(prompt,
                        (exchange, request) -> prompt(caller(exchange).texts(), request.name(), request.arguments()))).toList())
                .build();
    }

    private Caller caller(McpSyncServerExchange exchange) {
        return callers.apply(exchange.transportContext());
    }

    private static ToolProgress progress(McpSyncServerExchange exchange, Map<String, Object> meta) {
        Object token = meta == null ? null : meta.get("progressToken");
        if (token == null) {
            return ToolProgress.NONE;
        }
        return (done, total, message) -> exchange.progressNotification(
                new McpSchema.ProgressNotification(token, done, total > 0 ? total : null, message));
    }

    List<McpSchema.Tool> tools() {
        return definitions.values().stream().map(definition -> McpSchema.Tool.builder()
                .name(definition.name())
                .description(definition.description())
                .inputSchema(json.convertValue(definition.inputSchema(), MAP))
                .annotations(McpSchema.ToolAnnotations.builder().readOnlyHint(!definition.changes()).openWorldHint(false).build())
                .build()).toList();
    }

    /** Runs a tool: the summary and the JSON as text, the JSON as structured content; a failure is a tool error the model reads. */
    McpSchema.CallToolResult call(Caller caller, String name, Map<String, Object> arguments, ToolProgress progress) {
        JsonNode given = arguments == null ? json.createObjectNode() : json.valueToTree(arguments);
        ToolOutcome outcome = caller.toolbox().call(name, given, progress);
        return switch (outcome) {
            case ToolOutcome.Succeeded succeeded -> succeeded(succeeded.result());
            case ToolOutcome.Failed failed -> failed(failed.error());
        };
    }

    private McpSchema.CallToolResult succeeded(ToolResult result) {
        // structuredContent is a JSON object in every schema version; anything else travels wrapped.
        JsonNode structured = result.structured().isObject() ? result.structured() : json.createObjectNode().set("result", result.structured());
        return McpSchema.CallToolResult.builder()
                .addTextContent(result.summary())
                .addTextContent(write(structured))
                .structuredContent(json.convertValue(structured, MAP))
                .isError(false)
                .build();
    }

    private McpSchema.CallToolResult failed(ToolError error) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("kind", error.kind().wireName());
        error.field().ifPresent(field -> detail.put("field", field));
        detail.put("message", error.message());
        return McpSchema.CallToolResult.builder()
                .addTextContent(error.message())
                .structuredContent(Map.of("error", detail))
                .isError(true)
                .build();
    }

    List<McpSchema.Resource> resources() {
        return SHELVES.stream().filter(shelf -> definitions.containsKey(shelf.tool()))
                .map(shelf -> McpSchema.Resource.builder()
                        .uri(shelf.uri())
                        .name(shelf.name())
                        .description(listing.get("mcp.resource." + shelf.name()))
                        .mimeType("application/json")
                        .build())
                .toList();
    }

    /** Reads a resource by calling its tool as the caller: the summary as text, the structured result as JSON. */
    McpSchema.ReadResourceResult read(Caller caller, String uri) {
        Shelf shelf = SHELVES.stream().filter(candidate -> candidate.uri().equals(uri) && definitions.containsKey(candidate.tool()))
                .findFirst().orElseThrow(() -> McpError.RESOURCE_NOT_FOUND.apply(uri));
        ToolOutcome outcome = caller.toolbox().call(shelf.tool(), json.createObjectNode(), ToolProgress.NONE);
        return switch (outcome) {
            case ToolOutcome.Succeeded succeeded -> new McpSchema.ReadResourceResult(List.of(
                    new McpSchema.TextResourceContents(uri, "application/json", write(succeeded.result().structured())),
                    new McpSchema.TextResourceContents(uri, "text/plain", succeeded.result().summary())));
            case ToolOutcome.Failed failed -> throw McpError.builder(failed.error().kind() == ToolError.Kind.NOT_FOUND
                            ? McpSchema.ErrorCodes.RESOURCE_NOT_FOUND : McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message(failed.error().message())
                    .data(Map.of("reason", failed.error().kind().wireName(), "uri", uri))
                    .build();
        };
    }

    List<McpSchema.Prompt> prompts() {
        return List.of(
                new McpSchema.Prompt(PROMPT_REQUEST_MOVIE, listing.get("mcp.prompt.request_movie.title"),
                        listing.get("mcp.prompt.request_movie.description"),
                        List.of(new McpSchema.PromptArgument("title", listing.get("mcp.prompt.request_movie.argument"), true))),
                new McpSchema.Prompt(PROMPT_WHATS_NEW, listing.get("mcp.prompt.whats_new.title"),
                        listing.get("mcp.prompt.whats_new.description"), List.of()));
    }

    /** A prompt's message in the caller's language. */
    McpSchema.GetPromptResult prompt(Messages.Texts texts, String name, Map<String, Object> arguments) {
        String text = switch (String.valueOf(name)) {
            case PROMPT_REQUEST_MOVIE -> {
                String title = Optional.ofNullable(arguments).map(given -> given.get("title")).map(String::valueOf)
                        .map(String::strip).filter(given -> !given.isEmpty())
                        .orElseThrow(() -> McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                                .message(texts.get("mcp.prompt.argument_missing", PROMPT_REQUEST_MOVIE, "title")).build());
                yield texts.get("mcp.prompt.request_movie.text", title);
            }
            case PROMPT_WHATS_NEW -> texts.get("mcp.prompt.whats_new.text");
            default -> throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message(texts.get("mcp.prompt.unknown", String.valueOf(name), PROMPT_REQUEST_MOVIE + ", " + PROMPT_WHATS_NEW)).build();
        };
        return new McpSchema.GetPromptResult(texts.get("mcp.prompt." + name + ".description"),
                List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text))));
    }

    /** An SDK record as the JSON it is sent as. */
    ObjectNode tree(Object value) {
        try {
            return (ObjectNode) json.readTree(mcpJson.writeValueAsString(value));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };
}
