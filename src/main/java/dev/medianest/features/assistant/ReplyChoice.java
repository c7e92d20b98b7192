package dev.medianest.features.assistant;

import java.util.Objects;

/**
 * A button under a reply: pressing it sends {@code message} as the next message, so a chat that
 * has no buttons (a terminal, a plain client) can type the same thing.
 */
public record ReplyChoice(String label, String message) {

    public ReplyChoice {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(message, "message");
    }
}
