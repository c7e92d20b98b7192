package dev.medianest.integrations.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The provider answered with an error status. Raised by {@link LlmHttp} so that the status and the
 * Retry-After header reach the retry loop intact, whatever LangChain4j wraps around it; the message is
 * what the provider's error body says, cut short.
 */
final class StatusFailure extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGE_LIMIT = 300;

    private final int status;
    private final transient Optional<Duration> retryAfter;

    private StatusFailure(int status, Optional<Duration> retryAfter, String message) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static StatusFailure of(int status, Optional<Duration> retryAfter, String body) {
        return new StatusFailure(status, retryAfter, message(body));
    }

    int status() {
        return status;
    }

    Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /**
     * The message of an error body in any of the three formats (llm-tool-calling-notes.md, "Error body"):
     * OpenAI's {@code {"error":{"message"}}}, Anthropic's {@code {"type":"error","error":{"type","message"}}},
     * Ollama's {@code {"error":"text"}}; otherwise the start of the body, on one line.
     */
    static String message(String body) {
        String found = body;
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) {
                found = error.asText();
            } else if (error.path("message").isTextual()) {
                String type = error.path("type").asText("");
                found = (type.isEmpty() ? "" : type + ": ") + error.path("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // not one of the documented bodies (a proxy's HTML page, plain text): its start says enough
        }
        String line = found.replaceAll("\\s+", " ").strip();
        return line.length() > MESSAGE_LIMIT ? line.substring(0, MESSAGE_LIMIT) + "…" : line;
    }
}
