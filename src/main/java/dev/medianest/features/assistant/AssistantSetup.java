package dev.medianest.features.assistant;

import java.util.Objects;

/**
 * How the assistant is set up: the model, whether conversations are kept, and how many messages a
 * person may send the LLM per minute.
 *
 * @param saved whether an admin saved it in Settings › Assistant (else it comes from the configuration file)
 */
public record AssistantSetup(ModelSettings model, boolean history, int messagesPerMinute, boolean saved) {

    public AssistantSetup {
        Objects.requireNonNull(model, "model");
        if (messagesPerMinute < 1 || messagesPerMinute > 1000) {
            throw new IllegalArgumentException("messagesPerMinute must be 1-1000");
        }
    }
}
