package dev.medianest.features.assistant;

/** Opens a {@link LanguageModel} for settings; the llm integration implements it. */
@FunctionalInterface
public interface LanguageModels {

    /**
     * @throws IllegalArgumentException when the settings cannot work (an online provider without a
     *                                  model name, OpenAI without a key); the message says which
     */
    LanguageModel open(ModelSettings settings);
}
