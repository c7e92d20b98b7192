package dev.medianest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Some paths of a large OpenAPI document, with just the components they reference. openai.openapi.yml
 * has 182 paths and 1 422 schemas; the validator resolves every one of them on loading, which takes
 * half a minute, while /chat/completions needs 75.
 *
 * <p>Three things the published documents say in a way the validator cannot read are restated on the way:
 * OpenAPI 3.1 reserves the {@code x-oai-} and {@code x-oas-} extension prefixes and swagger-parser refuses
 * a document that uses them (openai.openapi.yml marks its beta schemas {@code x-oai-beta}), so those
 * annotations, which constrain nothing, are dropped; and a 3.1 document that still writes OpenAPI 3.0's
 * {@code nullable: true} (openai.openapi.yml does, on {@code finish_reason}, {@code content}, …) gets the
 * 3.1 form it stands for, {@code null} among the allowed types, which 3.1 schema validation otherwise ignores.
 * The validator also closes every object schema to properties it does not name; it closes each part of an
 * {@code allOf} on its own, which refuses every property another part names ({@code CreateChatCompletionRequest}
 * is such a composition), unless the composition says {@code unevaluatedProperties: false}, JSON Schema
 * 2020-12's closing of a whole composition, which it is given here.
 */
final class SpecExcerpt {

    private SpecExcerpt() {
    }

    /** The document of {@code file} cut to {@code paths} and the named {@code schemas}, as JSON text. */
    static String of(Path file, Set<String> paths, Set<String> schemas) {
        ObjectNode spec = read(file);
        ObjectNode allPaths = (ObjectNode) spec.path("paths");
        ObjectNode kept = spec.objectNode();
        for (String path : paths) {
            JsonNode item = allPaths.get(path);
            if (item == null) {
                throw new IllegalArgumentException(file.getFileName() + " has no path " + path);
            }
            kept.set(path, item);
        }
        spec.set("paths", kept);
        spec.remove("webhooks");
        for (String schema : schemas) {
            if (spec.path("components").path("schemas").path(schema).isMissingNode()) {
                throw new IllegalArgumentException(file.getFileName() + " has no schema " + schema);
            }
        }
        keepReferencedComponents(spec, schemas);
        boolean openApi31 = spec.path("openapi").asText().startsWith("3.1");
        restate(spec, openApi31, parts(spec), false);
        return spec.toString();
    }

    private static ObjectNode read(Path file) {
        // The 3 MB YAML is above SnakeYAML's default limit of 3 MiB code points once it counts them all.
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 << 20);
        ObjectMapper mapper = file.toString().endsWith(".json") ? new ObjectMapper()
                : new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
        try {
            return (ObjectNode) mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void keepReferencedComponents(ObjectNode spec, Set<String> schemas) {
        Set<String> reachable = new HashSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.add(spec.path("paths"));
        for (String schema : schemas) {
            reachable.add("#/components/schemas/" + schema);
            todo.add(spec.path("components").path("schemas").path(schema));
        }
        while (!todo.isEmpty()) {
            for (String ref : references(todo.pop())) {
                if (ref.startsWith("#/components/") && reachable.add(ref)) {
                    todo.add(spec.at(ref.substring(1)));
                }
            }
        }
        JsonNode components = spec.path("components");
        for (Iterator<Map.Entry<String, JsonNode>> sections = components.properties().iterator(); sections.hasNext(); ) {
            Map.Entry<String, JsonNode> section = sections.next();
            if (section.getKey().equals("securitySchemes") || !section.getValue().isObject()) {
                continue;
            }
            section.getValue().properties().removeIf(entry ->
                    !reachable.contains("#/components/" + section.getKey() + "/" + entry.getKey().replace("~", "~0").replace("/", "~1")));
        }
    }

    private static Set<String> references(JsonNode node) {
        Set<String> found = new HashSet<>();
        everyNode(node, next -> {
            if (next.path("$ref").isTextual()) {
                found.add(next.path("$ref").asText());
            }
        });
        return found;
    }

    private static void everyNode(JsonNode root, Consumer<JsonNode> visit) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            JsonNode next = todo.pop();
            visit.accept(next);
            next.forEach(todo::add);
        }
    }

    /** The components that are parts of an {@code allOf}: closed on their own, they would refuse what the other parts name. */
    private static Set<String> parts(JsonNode spec) {
        Set<String> parts = new HashSet<>();
        everyNode(spec, next -> next.path("allOf").forEach(part -> {
            if (part.path("$ref").isTextual()) {
                parts.add(part.path("$ref").asText());
            }
        }));
        return parts;
    }

    /**
     * @param parts    the components used as parts of an {@code allOf} (see {@link #parts})
     * @param inAllOf  whether {@code node} is itself a part of an {@code allOf}
     */
    private static void restate(JsonNode node, boolean openApi31, Set<String> parts, boolean inAllOf) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            object.properties().removeIf(entry -> entry.getKey().startsWith("x-oai-") || entry.getKey().startsWith("x-oas-"));
            JsonNode nullable = object.get("nullable");
            if (openApi31 && nullable != null && nullable.isBoolean()) {
                object.remove("nullable");
                if (nullable.asBoolean()) {
                    allowNull(object);
                }
            }
            if (openApi31 && !inAllOf && object.path("allOf").isArray() && !object.has("unevaluatedProperties") && !object.has("additionalProperties")) {
                object.put("unevaluatedProperties", false);
            }
        }
        if (node.isObject() && node.path("components").path("schemas").isObject()) {
            node.properties().forEach(entry -> {
                if (!entry.getKey().equals("components")) {
                    restate(entry.getValue(), openApi31, parts, false);
                }
            });
            node.path("components").properties().forEach(section -> section.getValue().properties().forEach(component -> restate(component.getValue(),
                    openApi31, parts, parts.contains("#/components/" + section.getKey() + "/" + component.getKey()))));
            return;
        }
        node.properties().forEach(entry -> {
            if (entry.getKey().equals("allOf")) {
                entry.getValue().forEach(part -> restate(part, openApi31, parts, true));
            } else {
                restate(entry.getValue(), openApi31, parts, false);
            }
        });
        if (node.isArray()) {
            node.forEach(item -> restate(item, openApi31, parts, false));
        }
    }

    private static void allowNull(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            schema.putArray("type").add(type.asText()).add("null");
        } else if (type != null && type.isArray() && !contains((ArrayNode) type, "null")) {
            ((ArrayNode) type).add("null");
        } else if (type == null) {
            ObjectNode original = schema.deepCopy();
            schema.removeAll();
            ArrayNode anyOf = schema.putArray("anyOf");
            anyOf.add(original);
            anyOf.addObject().put("type", "null");
            return;
        }
        JsonNode values = schema.get("enum");
        if (values instanceof ArrayNode list && !list.isEmpty() && !hasNull(list)) {
            list.addNull();
        }
    }

    private static boolean contains(ArrayNode list, String text) {
        for (JsonNode item : list) {
            if (item.isTextual() && item.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNull(ArrayNode list) {
        for (JsonNode item : list) {
            if (item.isNull()) {
                return true;
            }
        }
        return false;
    }
}
