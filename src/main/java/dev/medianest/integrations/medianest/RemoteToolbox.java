package dev.medianest.integrations.medianest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.features.assistant.ToolCard;
import dev.medianest.features.assistant.ToolDefinition;
import dev.medianest.features.assistant.ToolError;
import dev.medianest.features.assistant.ToolOutcome;
import dev.medianest.features.assistant.ToolProgress;
import dev.medianest.features.assistant.ToolResult;
import dev.medianest.features.assistant.Toolbox;
import dev.medianest.platform.i18n.Messages;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The tools of another MediaNest, as its token's owner sees them: each call is one request to its
 * tools API, and whatever goes wrong on the way comes back as a {@link ToolError} in the caller's
 * language, never as an exception.
 */
final class RemoteToolbox implements Toolbox {

    private final MediaNestClient client;
    private final List<ToolDefinition> definitions;
    private final Messages.Texts texts;
    private final String server;

    RemoteToolbox(MediaNestClient client, List<ToolDefinition> definitions, Messages.Texts texts, String server) {
        this.client = client;
        this.definitions = List.copyOf(definitions);
        this.texts = texts;
        this.server = server;
    }

    @Override
    public List<ToolDefinition> definitions() {
        return definitions;
    }

    @Override
    public ToolOutcome call(String name, JsonNode arguments, ToolProgress progress) {
        try {
            return switch (client.call(name, arguments)) {
                case MediaNestClient.Answer.Done done -> new ToolOutcome.Succeeded(result(done.body()));
                case MediaNestClient.Answer.Refused refused -> new ToolOutcome.Failed(new ToolError(kind(refused.code()),
                        refused.field(), refused.message()));
            };
        } catch (MediaNestUnavailable unavailable) {
            ToolError.Kind kind = switch (unavailable.kind()) {
                case UNREACHABLE, TIMEOUT, NOT_MEDIANEST -> ToolError.Kind.UNAVAILABLE;
                case TOKEN_INVALID, TOKEN_EXPIRED, ACCOUNT_DISABLED, PASSWORD_CHANGE_REQUIRED -> ToolError.Kind.FORBIDDEN;
                case RATE_LIMITED -> ToolError.Kind.CONFLICT;
            };
            return new ToolOutcome.Failed(new ToolError(kind, Optional.empty(), texts.get(unavailable.messageKey(), server)));
        }
    }

    private static ToolError.Kind kind(String code) {
        return Arrays.stream(ToolError.Kind.values()).filter(kind -> kind.wireName().equals(code)).findFirst().orElse(ToolError.Kind.FAILED);
    }

    private static ToolResult result(JsonNode body) {
        List<ToolCard> cards = new ArrayList<>();
        for (JsonNode card : body.path("cards")) {
            List<String> badges = new ArrayList<>();
            card.path("badges").forEach(badge -> badges.add(badge.asText()));
            cards.add(new ToolCard(card.path("kind").asText(), card.path("heading").asText(),
                    card.path("year").isInt() ? OptionalInt.of(card.path("year").asInt()) : OptionalInt.empty(),
                    text(card, "poster"), card.path("detail").asText(""), text(card, "link"),
                    card.path("progress").isNumber() ? Optional.of(card.path("progress").asDouble()) : Optional.empty(), badges));
        }
        return new ToolResult(body.path("structured"), body.path("summary").asText(""), cards);
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.path(field).isTextual() ? Optional.of(node.path(field).asText()) : Optional.empty();
    }
}
