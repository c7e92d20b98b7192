package dev.medianest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds what an MCP server sends against the published schema of the protocol version in use
 * (../shared/specs/mcp-schema-2025-06-18.json, mcp-schema-2025-11-25.json, and mcp-schema.json for
 * 2026-07-28), picking the definition by the message's shape.
 */
public final class McpSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private McpSchemas() {
    }

    /** Fails unless {@code message} (one JSON-RPC message from the server) is valid under {@code version}. */
    public static void assertValid(String version, JsonNode message) {
        String definition = definitionOf(version, message);
        assertValid(version, definition, message);
        if (message.has("result")) {
            assertValid(version, resultDefinition(message.get("result")), message.get("result"));
        }
    }

    public static void assertValid(String version, String definition, JsonNode value) {
        List<Error> errors = schema(version, definition).validate(value);
        if (!errors.isEmpty()) {
            throw new AssertionError("not a valid " + definition + " of MCP " + version + ": " + errors + "\n" + value);
        }
    }

    private static String definitionOf(String version, JsonNode message) {
        if (message.has("error")) {
            return version.equals("2025-06-18") ? "JSONRPCError" : "JSONRPCErrorResponse";
        }
        if (message.has("result")) {
            return version.equals("2025-06-18") ? "JSONRPCResponse" : "JSONRPCResultResponse";
        }
        return switch (message.path("method").asText()) {
            case "notifications/progress" -> "ProgressNotification";
            default -> message.has("id") ? "JSONRPCRequest" : "JSONRPCNotification";
        };
    }

    /** A result's definition by the field only it has, most specific first. */
    private static final List<Map.Entry<String, String>> RESULTS = List.of(
            Map.entry("protocolVersion", "InitializeResult"), Map.entry("supportedVersions", "DiscoverResult"),
            Map.entry("tools", "ListToolsResult"), Map.entry("resourceTemplates", "ListResourceTemplatesResult"),
            Map.entry("resources", "ListResourcesResult"), Map.entry("contents", "ReadResourceResult"),
            Map.entry("prompts", "ListPromptsResult"), Map.entry("messages", "GetPromptResult"), Map.entry("content", "CallToolResult"));

    private static String resultDefinition(JsonNode result) {
        return RESULTS.stream().filter(entry -> result.has(entry.getKey())).map(Map.Entry::getValue).findFirst().orElse("Result");
    }

    private static Schema schema(String version, String definition) {
        return SCHEMAS.computeIfAbsent(version + "#" + definition, key -> {
            JsonNode document = DOCUMENTS.computeIfAbsent(version, McpSchemas::load);
            boolean draft7 = document.has("definitions");
            String defs = draft7 ? "definitions" : "$defs";
            if (!document.path(defs).has(definition)) {
                throw new AssertionError("MCP " + version + " has no definition " + definition);
            }
            ObjectNode wrapper = JSON.createObjectNode();
            wrapper.put("$schema", document.path("$schema").asText());
            wrapper.put("$ref", "#/" + defs + "/" + definition);
            wrapper.set(defs, document.get(defs));
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(draft7 ? SpecificationVersion.DRAFT_7 : SpecificationVersion.DRAFT_2020_12);
            return registry.getSchema(wrapper.toString());
        });
    }

    private static JsonNode load(String version) {
        String file = version.equals("2026-07-28") ? "mcp-schema.json" : "mcp-schema-" + version + ".json";
        try {
            return JSON.readTree(SpecFake.specsFolder().resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
