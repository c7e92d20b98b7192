package dev.medianest.integrations.llm;

import dev.medianest.features.assistant.ModelSettings;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Where and how one model is reached, checked: the provider's wire format, the base URL (the
 * provider's public one when the settings leave it empty), the model name, and the API key — a
 * secret, which {@link #toString()} and {@link #describe()} never show.
 */
record LlmEndpoint(Wire wire, URI baseUrl, String model, Optional<String> apiKey) {

    /**
     * @throws IllegalArgumentException when the settings cannot work, saying what is missing and what to enter
     */
    static LlmEndpoint of(ModelSettings settings) {
        Wire wire = Wire.of(settings.provider()).orElseThrow(() -> new IllegalArgumentException(
                "The offline assistant uses no language model; choose Anthropic, OpenAI, Ollama or an OpenAI-compatible server."));
        if (settings.model().isEmpty()) {
            throw new IllegalArgumentException(wire.title() + " needs a model name, for example " + wire.exampleModel() + ".");
        }
        if (wire.needsKey() && settings.apiKey().isEmpty()) {
            throw new IllegalArgumentException(wire.title() + " needs an API key; create one at " + wire.keyPage() + ".");
        }
        URI baseUrl = settings.baseUrl().or(wire::defaultBaseUrl).orElseThrow(() -> new IllegalArgumentException(
                "An OpenAI-compatible server needs its base URL, for example http://localhost:1234/v1 (LM Studio), "
                        + "http://localhost:8000/v1 (vLLM) or http://localhost:8080/v1 (llama.cpp server)."));
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("The base URL of " + wire.title() + " must start with http:// or https:// and name a host, "
                    + "for example " + wire.defaultBaseUrl().orElse(URI.create("http://localhost:1234/v1")) + "; it is " + shown(baseUrl) + ".");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("The base URL of " + wire.title() + " is the API root, without ?query or #fragment: " + shown(baseUrl) + ".");
        }
        String text = baseUrl.toString();
        return new LlmEndpoint(wire, URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text), settings.model(),
                settings.apiKey());
    }

    /** "OpenAI model gpt-4o-mini at https://api.openai.com/v1", for logs and failure details. */
    String describe() {
        return wire.title() + " model " + model + " at " + shown(baseUrl);
    }

    @Override
    public String toString() {
        return describe() + (apiKey.isPresent() ? " (with an API key)" : "");
    }

    /** A URL as it may be shown: without any user:password part. */
    private static String shown(URI url) {
        return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "");
    }
}
