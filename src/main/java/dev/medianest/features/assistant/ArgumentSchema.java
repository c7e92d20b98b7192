package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Builds the JSON Schema (draft 2020-12) of a tool's arguments: an object whose properties each
 * have a type and a description a model understands, the required ones listed, and nothing else
 * accepted ({@code additionalProperties: false}), as the argument records refuse unknown fields too.
 */
final class ArgumentSchema {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode properties = NODES.objectNode();
    private final ArrayNode required = NODES.arrayNode();

    static ArgumentSchema object() {
        return new ArgumentSchema();
    }

    /** The two arguments that name a title, both required: its {@code mediaType} and its {@code id} from search_media. */
    ArgumentSchema title() {
        return choice("mediaType", "The kind of title, from search_media results.", ArgumentChecks.MEDIA_TYPES, true)
                .text("id", "The title's id from search_media results, e.g. \"438631\" or \"tvdb-269613\".", ArgumentChecks.MAX_ID, true);
    }

    /** A string of 1 to {@code maxLength} characters. */
    ArgumentSchema text(String name, String description, int maxLength, boolean mandatory) {
        return property(name, textSchema(description, maxLength), mandatory);
    }

    ArgumentSchema integer(String name, String description, long minimum, long maximum, boolean mandatory) {
        return property(name, integerSchema(description, minimum, maximum), mandatory);
    }

    /** A whole number from 1 with no upper bound worth telling: a request's number, an instance's id. */
    ArgumentSchema id(String name, String description, boolean mandatory) {
        ObjectNode schema = NODES.objectNode().put("type", "integer").put("description", description).put("minimum", 1);
        return property(name, schema, mandatory);
    }

    /** A string that is one of {@code values}. */
    ArgumentSchema choice(String name, String description, List<String> values, boolean mandatory) {
        return property(name, choiceSchema(description, values), mandatory);
    }

    ArgumentSchema flag(String name, String description) {
        ObjectNode schema = NODES.objectNode().put("type", "boolean").put("description", description);
        return property(name, schema, false);
    }

    /** A property with a schema of its own (an array, a union). */
    ArgumentSchema property(String name, ObjectNode schema, boolean mandatory) {
        if (properties.has(name)) {
            throw new IllegalArgumentException("argument " + name + " is declared twice");
        }
        properties.set(name, schema);
        if (mandatory) {
            required.add(name);
        }
        return this;
    }

    JsonNode build() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.set("properties", properties.deepCopy());
        schema.set("required", required.deepCopy());
        schema.put("additionalProperties", false);
        return schema;
    }

    static ObjectNode textSchema(String description, int maxLength) {
        return NODES.objectNode().put("type", "string").put("description", description).put("minLength", 1).put("maxLength", maxLength);
    }

    static ObjectNode integerSchema(String description, long minimum, long maximum) {
        return NODES.objectNode().put("type", "integer").put("description", description).put("minimum", minimum).put("maximum", maximum);
    }

    static ObjectNode choiceSchema(String description, List<String> values) {
        ObjectNode schema = NODES.objectNode().put("type", "string").put("description", description);
        ArrayNode allowed = schema.putArray("enum");
        values.forEach(allowed::add);
        return schema;
    }
}
