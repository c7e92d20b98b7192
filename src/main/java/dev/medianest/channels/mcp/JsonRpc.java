package dev.medianest.channels.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.platform.i18n.Messages;
import io.modelcontextprotocol.spec.McpError;

import java.util.Optional;

/**
 * One incoming JSON-RPC 2.0 message, checked before any MCP handling: text that is not JSON is a
 * parse error (-32700), JSON that is not one request, notification or response is an invalid
 * request (-32600). Batches are refused too: MCP dropped them in 2025-06-18.
 */
sealed interface JsonRpc {

    /** A well-formed message. */
    record Message(ObjectNode node) implements JsonRpc {

        Optional<String> method() {
            JsonNode method = node.get("method");
            return method != null && method.isTextual() ? Optional.of(method.asText()) : Optional.empty();
        }

        /** A request has an id and expects an answer; a notification has none. */
        boolean isRequest() {
            return method().isPresent() && node.has("id");
        }

        JsonNode id() {
            return node.get("id");
        }

        JsonNode params() {
            return node.path("params");
        }

        JsonNode meta() {
            return params().path("_meta");
        }

        /** The version a 2026-07-28 style request names in its {@code _meta}, when it names one. */
        Optional<String> metaVersion() {
            JsonNode version = meta().get(McpVersions.META_PROTOCOL_VERSION);
            return version != null && version.isTextual() ? Optional.of(version.asText()) : Optional.empty();
        }

        /** A request of the session-less 2026-07-28 protocol rather than one inside an initialized session. */
        boolean stateless() {
            String method = method().orElse("");
            return method.equals("server/discover") || (!method.equals("initialize") && metaVersion().isPresent());
        }
    }

    /** Not JSON, or not a JSON-RPC message; {@code error} is the answer to send. */
    record Malformed(ObjectNode error) implements JsonRpc {
    }

    static JsonRpc read(String text, ObjectMapper json, Messages.Texts texts) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException notJson) {
            return new Malformed(error(json, null, -32700, texts.get("mcp.jsonrpc.parse_error")));
        }
        if (node == null || !node.isObject()) {
            String key = node != null && node.isArray() ? "mcp.jsonrpc.batch" : "mcp.jsonrpc.not_object";
            return new Malformed(error(json, null, -32600, texts.get(key)));
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode id = object.get("id");
        JsonNode validId = id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
        if (!"2.0".equals(object.path("jsonrpc").asText(null))) {
            return new Malformed(error(json, validId, -32600, texts.get("mcp.jsonrpc.version")));
        }
        if (id != null && validId == null) {
            return new Malformed(error(json, null, -32600, texts.get("mcp.jsonrpc.id")));
        }
        boolean hasMethod = object.has("method");
        if (hasMethod && !object.get("method").isTextual()) {
            return new Malformed(error(json, validId, -32600, texts.get("mcp.jsonrpc.method")));
        }
        if (object.has("params") && !object.get("params").isObject()) {
            return new Malformed(error(json, validId, -32600, texts.get("mcp.jsonrpc.params")));
        }
        if (!hasMethod && !(validId != null && (object.has("result") || object.has("error")))) {
            return new Malformed(error(json, validId, -32600, texts.get("mcp.jsonrpc.method")));
        }
        return new Message(object);
    }

    /**
     * A JSON-RPC error answer. Without a readable id the id is left out: the MCP schemas make it
     * optional on errors and never allow null (mcp-schema-2025-11-25.json, JSONRPCErrorResponse).
     */
    static ObjectNode error(ObjectMapper json, JsonNode id, int code, String message) {
        ObjectNode answer = json.createObjectNode().put("jsonrpc", "2.0");
        if (id != null && !id.isNull()) {
            answer.set("id", id);
        }
        answer.putObject("error").put("code", code).put("message", message);
        return answer;
    }

    /** The answer to a request the SDK's way of refusing refused: its code, message and data. */
    static ObjectNode error(ObjectMapper json, JsonNode id, McpError refused) {
        ObjectNode error = error(json, id, refused.getJsonRpcError().code(), refused.getJsonRpcError().message());
        if (refused.getJsonRpcError().data() != null) {
            ((ObjectNode) error.get("error")).set("data", json.valueToTree(refused.getJsonRpcError().data()));
        }
        return error;
    }

    static ObjectNode result(ObjectMapper json, JsonNode id, JsonNode result) {
        ObjectNode answer = json.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", id);
        answer.set("result", result);
        return answer;
    }
}
