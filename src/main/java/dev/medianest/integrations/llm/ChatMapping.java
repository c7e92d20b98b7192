package dev.medianest.integrations.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.medianest.features.assistant.LanguageModel;
import dev.medianest.features.assistant.LanguageModel.AssistantTurn;
import dev.medianest.features.assistant.LanguageModel.Message;
import dev.medianest.features.assistant.LanguageModel.SystemText;
import dev.medianest.features.assistant.LanguageModel.ToolCallRequest;
import dev.medianest.features.assistant.LanguageModel.ToolOutput;
import dev.medianest.features.assistant.LanguageModel.UserText;
import dev.medianest.features.assistant.ToolDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Our conversation and tools in LangChain4j's types, and its answer in ours. */
final class ChatMapping {

    private ChatMapping() {
    }

    static ChatRequest request(List<Message> conversation, List<ToolDefinition> tools) {
        List<ChatMessage> messages = new ArrayList<>();
        for (Message message : conversation) {
            switch (message) {
                case SystemText system -> messages.add(SystemMessage.from(system.text()));
                case UserText user -> messages.add(UserMessage.from(user.text()));
                case AssistantTurn turn -> {
                    // Anthropic refuses an empty text block, so a turn that said nothing and called nothing is left out.
                    if (!turn.calls().isEmpty()) {
                        messages.add(AiMessage.builder().text(turn.text().isBlank() ? null : turn.text())
                                .toolExecutionRequests(turn.calls().stream().map(ChatMapping::request).toList()).build());
                    } else if (!turn.text().isBlank()) {
                        messages.add(AiMessage.from(turn.text()));
                    }
                }
                case ToolOutput output -> messages.add(ToolExecutionResultMessage.builder().id(output.callId()).toolName(output.toolName())
                        .text(output.json().isBlank() ? "{}" : output.json()).isError(output.error() ? Boolean.TRUE : null).build());
            }
        }
        ChatRequest.Builder request = ChatRequest.builder().messages(messages);
        if (!tools.isEmpty()) {
            request.toolSpecifications(tools.stream().map(ChatMapping::specification).toList());
        }
        return request.build();
    }

    /**
     * A tool as LangChain4j declares it. Each argument keeps its own schema verbatim (a raw schema, so enums,
     * arrays, oneOf/anyOf, bounds and descriptions all pass unchanged); the top-level object is restored
     * exactly on the wire by {@link Wire#patch}.
     */
    static ToolSpecification specification(ToolDefinition tool) {
        JsonNode schema = tool.inputSchema();
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        if (schema.path("description").isTextual()) {
            parameters.description(schema.path("description").asText());
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            parameters.addProperty(property.getKey(), JsonRawSchema.from(property.getValue().toString()));
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        parameters.required(required);
        if (schema.path("additionalProperties").isBoolean()) {
            parameters.additionalProperties(schema.path("additionalProperties").asBoolean());
        }
        return ToolSpecification.builder().name(tool.name()).description(tool.description()).parameters(parameters.build()).build();
    }

    private static ToolExecutionRequest request(ToolCallRequest call) {
        return ToolExecutionRequest.builder().id(call.id()).name(call.name()).arguments(call.argumentsJson()).build();
    }

    /**
     * The turn in our terms. Ollama's tool calls carry no id (ollama.openapi.yml, ToolCall): such a call
     * gets one here, so that its result can still answer it by id; Ollama itself matches by name.
     */
    static LanguageModel.Reply reply(ChatResponse response) {
        AiMessage message = response.aiMessage();
        List<ToolCallRequest> calls = new ArrayList<>();
        if (message.hasToolExecutionRequests()) {
            for (ToolExecutionRequest call : message.toolExecutionRequests()) {
                String id = call.id() == null || call.id().isBlank() ? "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) : call.id();
                calls.add(new ToolCallRequest(id, call.name(), call.arguments()));
            }
        }
        var usage = response.tokenUsage();
        LanguageModel.TokenUsage tokens = usage == null ? LanguageModel.TokenUsage.NONE
                : new LanguageModel.TokenUsage(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount()));
        return new LanguageModel.Reply(message.text(), calls, tokens);
    }

    private static long orZero(Integer count) {
        return count == null ? 0 : count;
    }
}
