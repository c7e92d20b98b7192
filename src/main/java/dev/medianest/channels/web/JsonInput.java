package dev.medianest.channels.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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
        return parse(ctx.body(), mapper, knownFields);
    }

    /**
     * Reads a body that may be larger than {@code server.maxRequestBytes}, up to {@code maxBytes}; a
     * longer one (sent in chunks, so the Gatekeeper saw no length) fails with {@code tooLarge}.
     */
    static JsonInput read(Context ctx, ObjectMapper mapper, Set<String> knownFields, long maxBytes, Supplier<AppException> tooLarge) {
        if (!Gatekeeper.isJson(ctx)) {
            throw new AppException(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new AppException(ErrorCode.MALFORMED_JSON);
        }
        if (body.length > maxBytes) {
            throw tooLarge.get();
        }
        return parse(new String(body, StandardCharsets.UTF_8), mapper, knownFields);
    }

    private static JsonInput parse(String body, ObjectMapper mapper, Set<String> knownFields) {
        JsonNode root;
        try {
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
