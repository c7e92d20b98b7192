package dev.medianest.features.services;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Something wrong with a configured service, in words a person can act on: a message key
 * ({@code remote.unauthorized}, {@code service.version_too_old} …) and its arguments.
 */
public record ServiceProblem(String messageKey, List<String> args) {

    public ServiceProblem {
        args = List.copyOf(args);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ServiceProblem of(String messageKey, String... args) {
        return new ServiceProblem(messageKey, List.of(args));
    }

    /** The stored form, {@code {"key": "...", "args": [...]}}: kept as key and arguments so it is translated when shown, not when stored. */
    public String stored() {
        ObjectNode node = JSON.createObjectNode();
        node.put("key", messageKey);
        args.forEach(node.putArray("args")::add);
        return node.toString();
    }

    /** Reads the stored form; text in another shape (from an older release) reads as absent rather than failing a page. */
    public static Optional<ServiceProblem> fromStored(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.path("key").isTextual()) {
                return Optional.empty();
            }
            List<String> args = new ArrayList<>();
            node.path("args").forEach(arg -> args.add(arg.asText()));
            return Optional.of(new ServiceProblem(node.get("key").asText(), args));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
