package dev.medianest.features.assistant;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The assistant's answer to one message.
 *
 * @param text    what it says, in the language of the message
 * @param cards   titles, requests, downloads or services the answer is about
 * @param choices buttons for numbered choices or a yes/no confirmation
 * @param mode    who answered: the offline understanding, the LLM, or the offline understanding
 *                because the LLM failed
 * @param notice  a line about how it was answered ("Claude did not answer in time; answering
 *                offline"), shown apart from the text
 */
public record ChatReply(String text, List<ToolCard> cards, List<ReplyChoice> choices, Mode mode, Optional<String> notice) {

    public ChatReply {
        Objects.requireNonNull(text, "text");
        cards = List.copyOf(cards);
        choices = List.copyOf(choices);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(notice, "notice");
    }

    public enum Mode {
        OFFLINE, LLM, FALLBACK;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    ChatReply withNotice(String line) {
        return new ChatReply(text, cards, choices, mode, Optional.of(line));
    }

    ChatReply inMode(Mode newMode) {
        return new ChatReply(text, cards, choices, newMode, notice);
    }
}
