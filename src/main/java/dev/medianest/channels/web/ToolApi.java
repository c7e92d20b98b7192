package dev.medianest.channels.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.assistant.ToolDefinition;
import dev.medianest.features.assistant.ToolError;
import dev.medianest.features.assistant.ToolOutcome;
import dev.medianest.features.assistant.ToolProgress;
import dev.medianest.features.assistant.ToolResult;
import dev.medianest.features.assistant.Tools;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import io.javalin.http.Context;

/**
 * {@code /api/v1/assistant/tools}: the assistant's tools for scripts and for {@code medianest mcp
 * --server}, which runs its MCP server here against a remote MediaNest. A call answers the tool's
 * outcome; a tool that did not run answers the API's error shape with the tool error's kind as
 * {@code code} and the argument at fault in {@code details}, under a status that fits the kind.
 */
final class ToolApi {

    private final Tools tools;
    private final ObjectMapper mapper;

    ToolApi(Tools tools, ObjectMapper mapper) {
        this.tools = tools;
        this.mapper = mapper;
    }

    void list(Context ctx) {
        ArrayNode items = mapper.createArrayNode();
        for (ToolDefinition definition : tools.definitions()) {
            items.addObject()
                    .put("name", definition.name())
                    .put("description", definition.description())
                    .put("changes", definition.changes())
                    .set("inputSchema", definition.inputSchema());
        }
        ObjectNode body = mapper.createObjectNode();
        body.set("items", items);
        ctx.json(body);
    }

    void call(Context ctx) {
        RequestState state = RequestState.of(ctx);
        JsonNode arguments = arguments(ctx);
        ToolOutcome outcome = tools.as(state.requirePrincipal(), state.language).call(ctx.pathParam("name"), arguments, ToolProgress.NONE);
        switch (outcome) {
            case ToolOutcome.Succeeded succeeded -> ctx.json(result(ctx.pathParam("name"), succeeded.result()));
            case ToolOutcome.Failed failed -> ctx.status(status(failed.error().kind())).json(error(failed.error()));
        }
    }

    /** The body is the arguments object; an empty body is a call without arguments. */
    private JsonNode arguments(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            return mapper.createObjectNode();
        }
        if (!Gatekeeper.isJson(ctx)) {
            throw new AppException(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new AppException(ErrorCode.MALFORMED_JSON);
        }
    }

    /** The HTTP status of each kind of tool failure (docs/api.md lists them). */
    static int status(ToolError.Kind kind) {
        return switch (kind) {
            case INVALID_ARGUMENTS -> 422;
            case UNKNOWN_TOOL, NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
            case FAILED -> 500;
        };
    }

    private ObjectNode result(String name, ToolResult result) {
        ObjectNode body = mapper.createObjectNode();
        body.put("tool", name);
        body.put("summary", result.summary());
        body.set("structured", result.structured());
        // The cards as the chat API shows them.
        body.set("cards", mapper.valueToTree(result.cards().stream().map(AssistantApi::card).toList()));
        return body;
    }

    private ObjectNode error(ToolError error) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode inner = body.putObject("error");
        inner.put("code", error.kind().wireName());
        inner.put("message", error.message());
        ObjectNode details = inner.putObject("details");
        error.field().ifPresent(field -> details.put(field, error.message()));
        return body;
    }
}
