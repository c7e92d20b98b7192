package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a caller (the offline understanding, an LLM, an MCP client) is told about a tool.
 *
 * @param name        stable snake_case name ({@code request_media}); never changes once published
 * @param description one paragraph an LLM reads to decide when to call the tool
 * @param inputSchema JSON Schema (an {@code object}) of the arguments
 * @param changes     whether calling it changes something (a request, a download); reads are safe to repeat
 */
public record ToolDefinition(String name, String description, JsonNode inputSchema, boolean changes) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,63}");

    public ToolDefinition {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a tool name is snake_case, 2-64 characters: " + name);
        }
        if (!"object".equals(inputSchema.path("type").asText())) {
            throw new IllegalArgumentException("the input schema of " + name + " must be an object schema");
        }
    }
}
