package dev.medianest.features.assistant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One message of a stored conversation: what the person wrote, or what the assistant answered. */
public record ChatTurn(long id, Role role, String text, List<ToolCard> cards, List<ReplyChoice> choices, Instant at) {

    public ChatTurn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        cards = List.copyOf(cards);
        choices = List.copyOf(choices);
        Objects.requireNonNull(at, "at");
    }

    public enum Role {
        USER, ASSISTANT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
