package dev.medianest.integrations.llm;

import dev.medianest.features.assistant.LanguageModel;
import dev.medianest.features.assistant.ModelFailure;
import dev.medianest.features.assistant.ModelSettings;
import dev.medianest.features.assistant.ModelSettings.Provider;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;
import dev.medianest.testing.FakeLlm;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each provider needs before a model can be opened, and what is assumed when a setting is left empty. */
class LlmSettingsTest {

    private static ModelSettings settings(Provider provider, String baseUrl, String model, String key) {
        return new ModelSettings(provider, Optional.ofNullable(baseUrl).map(URI::create), model, Optional.ofNullable(key), Duration.ofSeconds(30), 2);
    }

    private static void refused(ModelSettings settings, String... saying) {
        assertThatThrownBy(() -> new LlmConnector().open(settings)).isInstanceOf(IllegalArgumentException.class).message().contains(saying);
    }

    @Test
    void anthropic_and_openai_need_a_key_and_say_where_to_get_one() {
        refused(settings(Provider.ANTHROPIC, null, "claude-sonnet-4-5", null), "Anthropic needs an API key", "console.anthropic.com");
        refused(settings(Provider.OPENAI, null, "gpt-4o-mini", " "), "OpenAI needs an API key", "platform.openai.com");
    }

    @Test
    void every_provider_needs_a_model_name_and_is_given_an_example() {
        refused(settings(Provider.ANTHROPIC, null, "", "sk-ant"), "Anthropic needs a model name, for example claude-");
        refused(settings(Provider.OPENAI, null, " ", "sk"), "OpenAI needs a model name, for example gpt-");
        refused(settings(Provider.OLLAMA, null, null, null), "Ollama needs a model name, for example qwen3");
        refused(settings(Provider.OPENAI_COMPATIBLE, "http://localhost:1234/v1", "", null), "needs a model name", "/v1/models");
    }

    @Test
    void an_openai_compatible_server_needs_its_base_url_and_its_key_is_optional() {
        refused(settings(Provider.OPENAI_COMPATIBLE, null, "qwen2.5-7b-instruct", null), "needs its base URL", "http://localhost:1234/v1 (LM Studio)",
                "(vLLM)", "(llama.cpp server)");
        assertThat(LlmEndpoint.of(settings(Provider.OPENAI_COMPATIBLE, "http://gpu-box:8000/v1", "Qwen/Qwen2.5-7B-Instruct", "vllm-secret")).apiKey())
                .contains("vllm-secret");
    }

    @Test
    void a_base_url_is_an_http_or_https_api_root() {
        refused(settings(Provider.OLLAMA, "ftp://nas:11434", "qwen3", null), "must start with http:// or https://", "ftp://nas:11434");
        refused(settings(Provider.OLLAMA, "localhost:11434", "qwen3", null), "must start with http:// or https://", "http://localhost:11434");
        refused(settings(Provider.OPENAI_COMPATIBLE, "http://localhost:1234/v1?key=1", "m", null), "without ?query");
    }

    @Test
    void the_offline_assistant_opens_no_model() {
        refused(ModelSettings.OFFLINE, "offline assistant uses no language model");
    }

    @Test
    void an_empty_base_url_means_the_provider_s_public_one() {
        assertThat(LlmEndpoint.of(settings(Provider.ANTHROPIC, null, "claude-sonnet-4-5", "k")).baseUrl()).hasToString("https://api.anthropic.com");
        assertThat(LlmEndpoint.of(settings(Provider.OPENAI, null, "gpt-4o-mini", "k")).baseUrl()).hasToString("https://api.openai.com/v1");
        assertThat(LlmEndpoint.of(settings(Provider.OLLAMA, null, "qwen3", null)).baseUrl()).hasToString("http://localhost:11434");
        assertThat(LlmEndpoint.of(settings(Provider.OLLAMA, "http://ollama:11434/", "qwen3", null)).baseUrl()).hasToString("http://ollama:11434");
    }

    @Test
    void neither_the_key_nor_a_password_in_the_url_is_ever_shown() {
        LlmEndpoint endpoint = LlmEndpoint.of(settings(Provider.OPENAI_COMPATIBLE, "https://bob:hunter2@llm.home/v1", "m", "sk-very-secret"));

        assertThat(endpoint.toString()).contains("https://llm.home/v1").contains("with an API key").doesNotContain("sk-very-secret", "hunter2");
        assertThat(endpoint.describe()).isEqualTo("The OpenAI-compatible server model m at https://llm.home/v1");
    }

    @Test
    void an_anthropic_base_url_may_be_given_with_or_without_its_v1() throws Exception {
        try (FakeLlm fake = FakeLlm.anthropic()) {
            fake.replyText("Without.").replyText("With.");
            LlmConnector connector = new LlmConnector(Speaker.QUICK);

            for (String base : List.of(fake.baseUrl().toString(), fake.baseUrl() + "/v1")) {
                LanguageModel model = connector.open(settings(Provider.ANTHROPIC, base, "claude-sonnet-4-5", "sk-ant"));
                assertThat(model.reply(List.of(new LanguageModel.UserText("Hi")), List.of(), piece -> { }).text()).isNotEmpty();
            }
            assertThat(fake.requests()).hasSize(2);
            fake.assertAllInSpec();
        }
    }

    @Test
    void every_kind_of_failure_has_the_line_the_assistant_says_in_both_languages() {
        // The assistant owns the lines (assistant.llm.failed.<kind>); every kind a provider's failure is read as needs one.
        for (Language language : Language.values()) {
            Messages.Texts messages = new Messages().in(language);
            for (ModelFailure.Kind kind : ModelFailure.Kind.values()) {
                assertThat(messages.has("assistant.llm.failed." + kind.name().toLowerCase(Locale.ROOT))).as(language + " " + kind).isTrue();
            }
        }
    }
}
