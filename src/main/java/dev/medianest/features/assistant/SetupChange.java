package dev.medianest.features.assistant;

import java.util.Objects;
import java.util.Optional;

/**
 * What an admin saves in Settings › Assistant. The API key is write-only: empty keeps the saved
 * one, {@code clearKey} removes it.
 */
public record SetupChange(String provider, String baseUrl, String model, Optional<String> apiKey, boolean clearKey, int timeoutSeconds,
                          int maxRetries, boolean history, int messagesPerMinute) {

    public SetupChange {
        provider = provider == null ? "" : provider.strip();
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        model = model == null ? "" : model.strip();
        Objects.requireNonNull(apiKey, "apiKey");
        apiKey = apiKey.map(String::strip).filter(key -> !key.isEmpty());
    }

    @Override
    public String toString() {
        return "SetupChange[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey.isPresent() ? "***" : "")
                + ", clearKey=" + clearKey + "]";
    }
}
