package dev.medianest.features.assistant;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An LLM that can call tools: Anthropic, OpenAI, Ollama or any OpenAI-compatible server, behind
 * one port. One call is one model turn; the agent loops, running the tools the model asks for.
 */
public interface LanguageModel {

    /**
     * Sends the conversation and the tools; streams the reply's text to {@code partialText} as it
     * arrives, and returns the whole turn. Retries a rate limit or a server error with backoff
     * before any text has been streamed; gives up after the configured timeout.
     *
     * @throws ModelFailure when the provider cannot be used for this turn
     */
    Reply reply(List<Message> conversation, List<ToolDefinition> tools, Consumer<String> partialText) throws ModelFailure;

    /** One message of the conversation sent to the model. */
    sealed interface Message {
    }

    /** The instructions (sent as the provider's system prompt). */
    record SystemText(String text) implements Message {
        public SystemText {
            Objects.requireNonNull(text, "text");
        }
    }

    record UserText(String text) implements Message {
        public UserText {
            Objects.requireNonNull(text, "text");
        }
    }

    /** What the model said before, with the tool calls it made. */
    record AssistantTurn(String text, List<ToolCallRequest> calls) implements Message {
        public AssistantTurn {
            text = text == null ? "" : text;
            calls = List.copyOf(calls);
        }
    }

    /** The result of one tool call, as JSON text, answering the call with the same id. */
    record ToolOutput(String callId, String toolName, String json, boolean error) implements Message {
        public ToolOutput {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(toolName, "toolName");
            Objects.requireNonNull(json, "json");
        }
    }

    /** A tool the model wants called; {@code argumentsJson} is whatever the model wrote, unchecked. */
    record ToolCallRequest(String id, String name, String argumentsJson) {
        public ToolCallRequest {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
        }
    }

    /** One model turn: its text, the tools it asks for (none when it is done), and what it cost. */
    record Reply(String text, List<ToolCallRequest> calls, TokenUsage usage) {
        public Reply {
            text = text == null ? "" : text;
            calls = List.copyOf(calls);
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** Tokens a turn used, as the provider counted them (0 when it did not say). */
    record TokenUsage(long input, long output) {
        public static final TokenUsage NONE = new TokenUsage(0, 0);

        public TokenUsage plus(TokenUsage other) {
            return new TokenUsage(input + other.input, output + other.output);
        }
    }
}
