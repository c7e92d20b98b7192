package dev.medianest.features.assistant;

/**
 * Where a reply goes while it is being made, so a chat can show it as it arrives: the LLM's text
 * piece by piece, each card as its tool finishes.
 */
public interface ReplyStream {

    ReplyStream NONE = new ReplyStream() {
    };

    /** More text of the reply. */
    default void text(String piece) {
    }

    /** A card, as soon as the tool that made it has run. */
    default void card(ToolCard card) {
    }

    /** A line about what is happening ("Searching TMDb…"), not part of the reply. */
    default void status(String line) {
    }
}
