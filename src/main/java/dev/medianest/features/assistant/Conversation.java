package dev.medianest.features.assistant;

/**
 * One person's chat with the assistant, in this process or with a running MediaNest over its API;
 * the terminal chat and the one-shot query work with either.
 */
public interface Conversation {

    /**
     * Answers one message. Refuses an empty or too long message with an
     * {@link dev.medianest.platform.errors.AppException} ({@code validation_failed}) saying so.
     */
    ChatReply send(String message, ReplyStream stream);

    /** Forgets the pending choice or confirmation and the title talked about ({@code /new}). */
    void startOver();
}
