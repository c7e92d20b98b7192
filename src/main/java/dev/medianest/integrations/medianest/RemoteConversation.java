package dev.medianest.integrations.medianest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.features.assistant.Assistant;
import dev.medianest.features.assistant.ChatReply;
import dev.medianest.features.assistant.Conversation;
import dev.medianest.features.assistant.ReplyChoice;
import dev.medianest.features.assistant.ReplyStream;
import dev.medianest.features.assistant.ToolCard;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The token owner's conversation with the assistant of a running MediaNest, over
 * {@code POST /api/v1/assistant/messages} as server-sent events: {@code text} (a piece of the
 * reply), {@code card}, {@code status}, then {@code reply} (the whole reply), or {@code error}. The
 * conversation's state (a pending choice or confirmation) lives on the server, as in the web chat.
 */
public final class RemoteConversation implements Conversation {

    static final String MESSAGES = "/api/v1/assistant/messages";
    static final String NEW = "/api/v1/assistant/new";

    private final MediaNestClient client;

    public RemoteConversation(MediaNestClient client) {
        this.client = client;
    }

    @Override
    public ChatReply send(String message, ReplyStream stream) {
        // The server checks the same; checking here too says so without a round trip, as the local assistant does.
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            throw AppException.invalid("message", "assistant.message.empty");
        }
        if (text.length() > Assistant.MAX_MESSAGE) {
            throw new AppException(ErrorCode.VALIDATION_FAILED, Map.of("message", "assistant.message.too_long"), Assistant.MAX_MESSAGE, text.length());
        }
        ReplyStream to = stream == null ? ReplyStream.NONE : stream;
        AtomicReference<ChatReply> whole = new AtomicReference<>();
        AtomicReference<ServerFailure> failed = new AtomicReference<>();
        client.stream(MESSAGES, Map.of("text", text), (event, data) -> {
            switch (event) {
                case "text" -> to.text(textOf(client.parse(data)));
                case "status" -> to.status(textOf(client.parse(data)));
                case "card" -> to.card(card(client.parse(data)));
                case "reply" -> whole.set(reply(client.parse(data)));
                case "error" -> {
                    JsonNode error = client.parse(data).path("error");
                    ServerFailure.Kind kind = "validation_failed".equals(error.path("code").asText()) ? ServerFailure.Kind.INVALID : ServerFailure.Kind.FAILED;
                    failed.set(new ServerFailure(kind, client.server(), Optional.of(MediaNestClient.said(error)), error,
                            "error event " + error.path("code").asText(), null));
                }
                default -> {
                    // An event a newer server adds is not for this client.
                }
            }
        });
        if (failed.get() != null) {
            throw failed.get();
        }
        if (whole.get() == null) {
            throw new ServerFailure(ServerFailure.Kind.FAILED, client.server(), Optional.empty(), "the stream ended without a reply", null);
        }
        return whole.get();
    }

    @Override
    public void startOver() {
        client.post(NEW, Map.of());
    }

    /** A text event is {@code {"text": "..."}}; a bare JSON string is read too. */
    private static String textOf(JsonNode data) {
        return data.isTextual() ? data.asText() : data.path("text").asText("");
    }

    /** A reply as the API writes it: text, cards, choices, mode, notice. */
    static ChatReply reply(JsonNode node) {
        List<ToolCard> cards = new ArrayList<>();
        node.path("cards").forEach(card -> cards.add(card(card)));
        List<ReplyChoice> choices = new ArrayList<>();
        node.path("choices").forEach(choice -> choices.add(new ReplyChoice(choice.path("label").asText(), choice.path("message").asText())));
        ChatReply.Mode mode;
        try {
            mode = ChatReply.Mode.valueOf(node.path("mode").asText("offline").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException newer) {
            mode = ChatReply.Mode.OFFLINE;
        }
        return new ChatReply(node.path("text").asText(""), cards, choices, mode, text(node.path("notice")));
    }

    static ToolCard card(JsonNode node) {
        List<String> badges = new ArrayList<>();
        node.path("badges").forEach(badge -> badges.add(badge.asText()));
        JsonNode year = node.path("year");
        JsonNode progress = node.path("progress");
        return new ToolCard(node.path("kind").asText(""), node.path("heading").asText(""),
                year.canConvertToInt() && year.isNumber() ? OptionalInt.of(year.asInt()) : OptionalInt.empty(), text(node.path("poster")),
                node.path("detail").asText(""), text(node.path("link")), progress.isNumber() ? Optional.of(progress.asDouble()) : Optional.empty(),
                badges);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}
