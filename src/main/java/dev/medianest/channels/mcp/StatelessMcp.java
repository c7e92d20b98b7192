package dev.medianest.channels.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.assistant.ToolProgress;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * MCP 2026-07-28 (../shared/specs/mcp-schema.json), which the SDK does not know: no
 * {@code initialize} and no session, every request naming its protocol version and the client's
 * capabilities in {@code params._meta}, {@code server/discover} for what the server supports, and
 * every result carrying {@code resultType} (lists and reads also {@code cacheScope} and
 * {@code ttlMs}). The answers come from the same {@link McpCatalog} as the SDK's, so the tools,
 * resources and prompts are the same in every version.
 */
final class StatelessMcp {

    /** JSON-RPC errors 2026-07-28 adds (mcp-schema.json: HeaderMismatchError, UnsupportedProtocolVersionError). */
    static final int HEADER_MISMATCH = -32020;
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    /** An answer and the HTTP status it goes with (the schema asks 400 for the protocol-level refusals). */
    record Answer(ObjectNode message, int httpStatus) {
    }

    private final McpCatalog catalog;
    private final ObjectMapper json;

    StatelessMcp(McpCatalog catalog) {
        this.catalog = catalog;
        this.json = catalog.json();
    }

    /**
     * Answers one request; a notification gets none. {@code header} is the HTTP
     * {@code MCP-Protocol-Version}, which must match the body's version when given.
     */
    Optional<Answer> handle(JsonRpc.Message request, Caller caller, Optional<String> header, Consumer<ObjectNode> notifications) {
        if (!request.isRequest()) {
            return Optional.empty();
        }
        JsonNode id = request.id();
        String method = request.method().orElseThrow();
        Optional<String> version = request.metaVersion();
        if (header.isPresent() && version.isPresent() && !header.get().equals(version.get())) {
            return Optional.of(new Answer(JsonRpc.error(json, id, HEADER_MISMATCH,
                    caller.texts().get("mcp.version.header_mismatch", header.get(), version.get())), 400));
        }
        if (!method.equals("server/discover")) {
            if (version.isEmpty() || !version.get().equals(McpVersions.V2026_07_28)) {
                return Optional.of(unsupported(id, version.or(() -> header).orElse(""), caller));
            }
            if (!request.meta().path(McpVersions.META_CLIENT_CAPABILITIES).isObject()) {
                return Optional.of(new Answer(JsonRpc.error(json, id, McpSchema.ErrorCodes.INVALID_PARAMS,
                        caller.texts().get("mcp.version.capabilities_missing", McpVersions.META_CLIENT_CAPABILITIES)), 400));
            }
        }
        try {
            ObjectNode result = switch (method) {
                case "server/discover" -> discover();
                case "tools/list" -> cacheable(listOf("tools", catalog.tools()));
                case "tools/call" -> complete(callTool(request, caller, notifications));
                case "resources/list" -> cacheable(listOf("resources", catalog.resources()));
                case "resources/templates/list" -> cacheable(listOf("resourceTemplates", List.of()));
                case "resources/read" -> cacheable(catalog.tree(catalog.read(caller, text(request, "uri", caller))));
                case "prompts/list" -> cacheable(listOf("prompts", catalog.prompts()));
                case "prompts/get" -> complete(catalog.tree(catalog.prompt(caller.texts(), text(request, "name", caller),
                        json.convertValue(request.params().path("arguments"), MAP))));
                default -> throw McpError.builder(McpSchema.ErrorCodes.METHOD_NOT_FOUND)
                        .message(caller.texts().get("mcp.method_not_found", method)).build();
            };
            result.putObject("_meta").set(McpVersions.META_SERVER_INFO, catalog.tree(catalog.serverInfo()));
            return Optional.of(new Answer(JsonRpc.result(json, id, result), 200));
        } catch (McpError refused) {
            return Optional.of(new Answer(JsonRpc.error(json, id, refused), 200));
        }
    }

    /** A request whose version this server does not speak statelessly (or at all): the versions to choose from. */
    Answer unsupported(JsonNode id, String requested, Caller caller) {
        ObjectNode error = JsonRpc.error(json, id, UNSUPPORTED_PROTOCOL_VERSION,
                caller.texts().get("mcp.version.unsupported", requested, String.join(", ", McpVersions.ALL)));
        ObjectNode data = ((ObjectNode) error.get("error")).putObject("data").put("requested", requested);
        ArrayNode supported = data.putArray("supported");
        McpVersions.ALL.forEach(supported::add);
        return new Answer(error, 400);
    }

    private ObjectNode callTool(JsonRpc.Message request, Caller caller, Consumer<ObjectNode> notifications) {
        String name = text(request, "name", caller);
        if (!catalog.hasTool(name)) {
            throw catalog.unknownTool(name, caller.texts());
        }
        JsonNode token = request.meta().get("progressToken");
        ToolProgress progress = token == null || !(token.isTextual() || token.isIntegralNumber()) ? ToolProgress.NONE
                : (done, total, message) -> {
                    ObjectNode params = json.createObjectNode();
                    params.set("progressToken", token);
                    params.put("progress", done);
                    if (total > 0) {
                        params.put("total", total);
                    }
                    if (message != null && !message.isBlank()) {
                        params.put("message", message);
                    }
                    ObjectNode notification = json.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/progress");
                    notification.set("params", params);
                    notifications.accept(notification);
                };
        JsonNode arguments = request.params().get("arguments");
        if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message(caller.texts().get("mcp.params.not_object", "arguments")).build();
        }
        Map<String, Object> given = arguments == null || arguments.isNull() ? Map.of() : json.convertValue(arguments, MAP);
        return catalog.tree(catalog.call(caller, name, given, progress));
    }

    private static String text(JsonRpc.Message request, String field, Caller caller) {
        JsonNode value = request.params().get(field);
        if (value == null || !value.isTextual()) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message(caller.texts().get("mcp.params.required", field)).build();
        }
        return value.asText();
    }

    private ObjectNode discover() {
        ObjectNode result = json.createObjectNode();
        ArrayNode versions = result.putArray("supportedVersions");
        McpVersions.ALL.forEach(versions::add);
        result.set("capabilities", catalog.tree(catalog.capabilities()));
        result.put("instructions", catalog.instructions());
        // The answer is the same for every caller and changes only with an upgrade.
        return cacheable(result).put("cacheScope", "public");
    }

    private ObjectNode listOf(String field, List<?> items) {
        ObjectNode result = json.createObjectNode();
        result.set(field, json.valueToTree(items.stream().map(catalog::tree).toList()));
        return result;
    }

    private static ObjectNode complete(ObjectNode result) {
        return result.put("resultType", "complete");
    }

    /** Lists and reads depend on the caller's rights and change as requests move: cache privately, never reuse. */
    private static ObjectNode cacheable(ObjectNode result) {
        return complete(result).put("cacheScope", "private").put("ttlMs", 0);
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };
}
