package dev.medianest.features.assistant;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which LLM the assistant uses and how to reach it. {@link Provider#OFFLINE} means none: the
 * built-in understanding answers everything.
 *
 * @param baseUrl    the provider's API root; empty means the provider's public default
 *                   (Ollama: http://localhost:11434)
 * @param apiKey     sealed at rest, never logged or sent to a browser
 * @param timeout    for one whole model turn, streamed or not
 * @param maxRetries extra attempts after a 429 or 5xx, with growing delays
 */
public record ModelSettings(Provider provider, Optional<URI> baseUrl, String model, Optional<String> apiKey, Duration timeout,
                            int maxRetries) {

    public static final ModelSettings OFFLINE = new ModelSettings(Provider.OFFLINE, Optional.empty(), "", Optional.empty(),
            Duration.ofSeconds(60), 2);

    public ModelSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUrl, "baseUrl");
        model = model == null ? "" : model.strip();
        apiKey = apiKey.map(String::strip).filter(key -> !key.isEmpty());
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be 0-10");
        }
    }

    public boolean online() {
        return provider != Provider.OFFLINE;
    }

    /** What speaks to the model. */
    public enum Provider {
        OFFLINE, ANTHROPIC, OPENAI, OLLAMA,
        /** LM Studio, vLLM, llama.cpp server and anything else that speaks OpenAI's /v1/chat/completions. */
        OPENAI_COMPATIBLE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Provider> fromWireName(String name) {
            for (Provider provider : values()) {
                if (provider.wireName().equalsIgnoreCase(name == null ? "" : name.strip())) {
                    return Optional.of(provider);
                }
            }
            return Optional.empty();
        }
    }
}
