package dev.medianest.integrations.llm;

import dev.medianest.features.assistant.LanguageModel;
import dev.medianest.features.assistant.ModelSettings;
import dev.medianest.features.assistant.ModelSettings.Provider;
import dev.medianest.testing.FakeLlm;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** The four ways MediaNest reaches a model, each against a fake that speaks its wire format. */
enum Speaker {
    ANTHROPIC(Provider.ANTHROPIC, FakeLlm::anthropic, "sk-ant-api03-fake-key-0123456789"),
    OPENAI(Provider.OPENAI, FakeLlm::openAi, "sk-proj-fake-key-0123456789"),
    OLLAMA(Provider.OLLAMA, FakeLlm::ollama, null),
    /** An OpenAI-compatible server that needs no key, at /v1 as LM Studio serves it. */
    LM_STUDIO(Provider.OPENAI_COMPATIBLE, FakeLlm::openAi, null);

    /** Pauses of milliseconds, so retries cost a test little; a Retry-After up to 2 s is still honoured. */
    static final Backoff QUICK = new Backoff(Duration.ofMillis(20), Duration.ofSeconds(2));

    private final Provider provider;
    private final Supplier<FakeLlm> fake;
    private final String key;

    Speaker(Provider provider, Supplier<FakeLlm> fake, String key) {
        this.provider = provider;
        this.fake = fake;
        this.key = key;
    }

    FakeLlm fake() {
        return fake.get();
    }

    Optional<String> key() {
        return Optional.ofNullable(key);
    }

    ModelSettings settings(FakeLlm server, Duration timeout, int maxRetries) {
        return settings(server.baseUrl(), timeout, maxRetries);
    }

    ModelSettings settings(URI baseUrl, Duration timeout, int maxRetries) {
        return new ModelSettings(provider, Optional.of(baseUrl), "test-model", key(), timeout, maxRetries);
    }

    /** Whether its base URL ends in /v1, as OpenAI's and the compatible servers' do. */
    boolean speaksOpenAi() {
        return provider == Provider.OPENAI || provider == Provider.OPENAI_COMPATIBLE;
    }

    LanguageModel model(FakeLlm server) {
        return new LlmConnector(QUICK).open(settings(server, Duration.ofSeconds(20), 2));
    }
}
