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
    /** "" at the top; "outer." inside a nested object, so a problem names its whole path ("ids.tmdb"). */
    private final String prefix;
    private final Map<String, String> problems;

    private JsonInput(JsonNode root, String prefix, Map<String, String> problems) {
        this.root = root;
        this.prefix = prefix;
        this.problems = problems;
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
        JsonInput input = new JsonInput(root, "", new LinkedHashMap<>());
        input.refuseUnknown(knownFields);
        return input;
    }

    private void refuseUnknown(Set<String> knownFields) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!knownFields.contains(name)) {
                problems.put(prefix + name, "validation.unknown_field");
            }
        }
    }

    /** A nested object, read like the body itself: its unknown fields and wrong types are named after both ("ids.tmdb"). */
    Optional<JsonInput> object(String field, Set<String> knownFields) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problems.put(prefix + field, "validation.type.object");
            return Optional.empty();
        }
        JsonInput nested = new JsonInput(node, prefix + field + ".", problems);
        nested.refuseUnknown(knownFields);
        return Optional.of(nested);
    }

    /** A whole number that may exceed an int (ids). */
    Optional<Long> longValue(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            problems.put(prefix + field, "validation.type.integer");
            return Optional.empty();
        }
        return Optional.of(node.asLong());
    }

    /** An array of whole numbers (ids, season numbers). */
    Optional<List<Long>> longs(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            problems.put(prefix + field, "validation.type.numbers");
            return Optional.empty();
        }
        List<Long> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isIntegralNumber() || !item.canConvertToLong()) {
                problems.put(prefix + field, "validation.type.numbers");
                return Optional.empty();
            }
            values.add(item.asLong());
        }
        return Optional.of(values);
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
            problems.put(prefix + field, "validation.type.string");
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
            problems.put(prefix + field, "validation.type.boolean");
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
            problems.put(prefix + field, "validation.type.integer");
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
            problems.put(prefix + field, "validation.type.array");
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                problems.put(prefix + field, "validation.type.array");
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
            problems.put(prefix + field, "validation.type.object");
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!entry.getValue().isTextual()) {
                problems.put(prefix + field, "validation.type.object");
                return Optional.empty();
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return Optional.of(values);
    }

    void problem(String field, String messageKey) {
        problems.putIfAbsent(prefix + field, messageKey);
    }

    /** Fails with every type problem found so far; call before acting on the values. */
    void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new AppException(ErrorCode.VALIDATION_FAILED, problems);
        }
    }
}
