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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

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
        return value(field, JsonNode::isObject, node -> {
            JsonInput nested = new JsonInput(node, prefix + field + ".", problems);
            nested.refuseUnknown(knownFields);
            return nested;
        }, "validation.type.object");
    }

    boolean has(String field) {
        return root.has(field);
    }

    Optional<String> string(String field) {
        return value(field, JsonNode::isTextual, JsonNode::asText, "validation.type.string");
    }

    Optional<Boolean> bool(String field) {
        return value(field, JsonNode::isBoolean, JsonNode::asBoolean, "validation.type.boolean");
    }

    Optional<Integer> integer(String field) {
        return value(field, JsonNode::isInt, JsonNode::asInt, "validation.type.integer");
    }

    /** A whole number that may exceed an int (ids). */
    Optional<Long> longValue(String field) {
        return value(field, JsonInput::isLong, JsonNode::asLong, "validation.type.integer");
    }

    Optional<List<String>> strings(String field) {
        return list(field, JsonNode::isTextual, JsonNode::asText, "validation.type.array");
    }

    /** An array of whole numbers (ids, season numbers). */
    Optional<List<Long>> longs(String field) {
        return list(field, JsonInput::isLong, JsonNode::asLong, "validation.type.numbers");
    }

    private static boolean isLong(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong();
    }

    /** The field's value when present (null counts as absent); a value of the wrong kind is a problem named after the field. */
    private <T> Optional<T> value(String field, Predicate<JsonNode> fits, Function<JsonNode, T> read, String problem) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!fits.test(node)) {
            problems.put(prefix + field, problem);
            return Optional.empty();
        }
        return Optional.of(read.apply(node));
    }

    /** An array whose every item fits; one item that does not makes the whole field a problem. */
    private <T> Optional<List<T>> list(String field, Predicate<JsonNode> fits, Function<JsonNode, T> read, String problem) {
        Optional<JsonNode> array = value(field, JsonNode::isArray, node -> node, problem);
        if (array.isEmpty()) {
            return Optional.empty();
        }
        List<T> values = new ArrayList<>();
        for (JsonNode item : array.get()) {
            if (!fits.test(item)) {
                problems.put(prefix + field, problem);
                return Optional.empty();
            }
            values.add(read.apply(item));
        }
        return Optional.of(values);
    }

    /** An object whose values are all strings (a service's options or secrets). */
    Optional<Map<String, String>> stringMap(String field) {
        Optional<JsonNode> object = value(field, JsonNode::isObject, node -> node, "validation.type.object");
        if (object.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = object.get().fields();
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
