package dev.medianest.channels.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON request body read field by field, so every mistake names its field: malformed JSON,
 * a wrong content type, an unknown field, or a value of the wrong type.
 */
final class JsonInput {

    private final JsonNode root;
    private final Map<String, String> problems = new LinkedHashMap<>();

    private JsonInput(JsonNode root) {
        this.root = root;
    }

    static JsonInput read(Context ctx, ObjectMapper mapper, Set<String> knownFields) {
        if (!Gatekeeper.isJson(ctx)) {
            throw new AppException(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        JsonNode root;
        try {
            String body = ctx.body();
            root = body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AppException(ErrorCode.MALFORMED_JSON);
        }
        if (root == null || !root.isObject()) {
            throw new AppException(ErrorCode.MALFORMED_JSON);
        }
        JsonInput input = new JsonInput(root);
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!knownFields.contains(name)) {
                input.problems.put(name, "validation.unknown_field");
            }
        }
        return input;
    }

    boolean has(String field) {
        return root.has(field);
    }

    Optional<String> string(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            problems.put(field, "validation.type.string");
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    Optional<Boolean> bool(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            problems.put(field, "validation.type.boolean");
            return Optional.empty();
        }
        return Optional.of(node.asBoolean());
    }

    Optional<Integer> integer(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isInt()) {
            problems.put(field, "validation.type.integer");
            return Optional.empty();
        }
        return Optional.of(node.asInt());
    }

    Optional<List<String>> strings(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            problems.put(field, "validation.type.array");
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                problems.put(field, "validation.type.array");
                return Optional.empty();
            }
            values.add(item.asText());
        }
        return Optional.of(values);
    }

    /** An object whose values are all strings (a service's options or secrets). */
    Optional<Map<String, String>> stringMap(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problems.put(field, "validation.type.object");
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!entry.getValue().isTextual()) {
                problems.put(field, "validation.type.object");
                return Optional.empty();
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return Optional.of(values);
    }

    void problem(String field, String messageKey) {
        problems.putIfAbsent(field, messageKey);
    }

    /** Fails with every type problem found so far; call before acting on the values. */
    void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new AppException(ErrorCode.VALIDATION_FAILED, problems);
        }
    }
}
