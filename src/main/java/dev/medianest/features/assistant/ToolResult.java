package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * What a tool did: a structured result (JSON an LLM or MCP client reads), a one-line summary in the
 * caller's language (what a person reads), and cards for the chats that can show them.
 */
public record ToolResult(JsonNode structured, String summary, List<ToolCard> cards) {

    public ToolResult {
        Objects.requireNonNull(structured, "structured");
        Objects.requireNonNull(summary, "summary");
        cards = List.copyOf(cards);
    }
}
