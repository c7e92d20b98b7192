package dev.medianest.integrations.llm;

import dev.medianest.features.assistant.LanguageModel;
import dev.medianest.features.assistant.LanguageModels;
import dev.medianest.features.assistant.ModelSettings;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The assistant's LLM providers: Anthropic, OpenAI, Ollama and any OpenAI-compatible server (LM
 * Studio, vLLM, llama.cpp server), through LangChain4j's streaming chat models (the wire formats are
 * in {@link Wire}). Opening a model only checks the settings; nothing is sent until the first turn.
 */
public final class LlmConnector implements LanguageModels {

    private final Backoff backoff;
    // Made on first use: a server configured offline never starts its selector thread.
    private volatile HttpClient http;

    public LlmConnector() {
        this(Backoff.STANDARD);
    }

    /** With other pauses between attempts: tests use milliseconds. */
    LlmConnector(Backoff backoff) {
        this.backoff = backoff;
    }

    @Override
    public LanguageModel open(ModelSettings settings) {
        return new ProviderModel(LlmEndpoint.of(settings), settings.timeout(), settings.maxRetries(), backoff, this::http);
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    // HTTP/1.1: a plain-http local server (Ollama, LM Studio) is not offered an h2c upgrade it may
                    // mishandle. No redirects: the API key is sent to the configured host and nowhere else.
                    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(Duration.ofSeconds(10)).build();
                }
                client = http;
            }
        }
        return client;
    }
}
