package dev.medianest.features.assistant;

/** Where a long tool reports how far it is (an MCP progress notification, a chat's spinner text). */
@FunctionalInterface
public interface ToolProgress {

    ToolProgress NONE = (done, total, message) -> {
    };

    /** {@code done} of {@code total} steps (total 0 when unknown), and what is happening now. */
    void report(double done, double total, String message);
}
