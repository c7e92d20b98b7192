package dev.medianest.features.assistant;

/** The result of calling a tool: it either ran, or it did not and says why. */
public sealed interface ToolOutcome {

    record Succeeded(ToolResult result) implements ToolOutcome {
    }

    record Failed(ToolError error) implements ToolOutcome {
    }
}
