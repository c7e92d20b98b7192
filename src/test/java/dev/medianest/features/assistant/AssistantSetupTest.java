package dev.medianest.features.assistant;

import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Language;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.Requesters;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings › Assistant as the feature keeps it: validated, the key sealed, history deletable and switchable. */
class AssistantSetupTest {

    private static final String KEY = "sk-test-1234567890abcdef";

    @TempDir
    static Path dataDir;
    static TestApp app;
    static Principal admin;
    static Principal member;

    @BeforeAll
    static void start() {
        app = TestApp.start(dataDir, Map.of(), MutableClock.startingNow());
        admin = Requesters.admin(app.app());
        member = Requesters.member(app.app(), admin, "mira", EnumSet.of(Permission.REQUEST, Permission.ASSISTANT));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Assistant assistant() {
        return app.app().assistant();
    }

    @Test
    void without_saved_settings_the_configuration_file_decides_and_it_is_offline_by_default() {
        AssistantSetup setup;
        try (TestApp fresh = TestApp.start(dataDir.resolve("fresh"), Map.of(), MutableClock.startingNow())) {
            setup = fresh.app().assistant().setup();
        }
        assertThat(setup.saved()).isFalse();
        assertThat(setup.model().provider()).isEqualTo(ModelSettings.Provider.OFFLINE);
        assertThat(setup.history()).isTrue();
        assertThat(setup.messagesPerMinute()).isEqualTo(10);
    }

    @Test
    void a_saved_api_key_is_sealed_in_the_database_and_kept_when_the_form_leaves_it_empty() throws Exception {
        assistant().configure(admin, new SetupChange("openai", "", "gpt-4o-mini", Optional.of(KEY), false, 30, 1, true, 5));
        assertThat(assistant().setup().model().apiKey()).contains(KEY);
        assertThat(Files.readAllBytes(dataDir.resolve("medianest.db"))).asString(java.nio.charset.StandardCharsets.ISO_8859_1).doesNotContain(KEY);

        assistant().configure(admin, new SetupChange("openai", "", "gpt-4o", Optional.empty(), false, 30, 1, true, 5));
        assertThat(assistant().setup().model().apiKey()).contains(KEY);
        assertThat(assistant().setup().model().model()).isEqualTo("gpt-4o");
        assertThat(assistant().setup().saved()).isTrue();

        assistant().configure(admin, new SetupChange("ollama", "http://127.0.0.1:11434", "llama3.1", Optional.empty(), true, 30, 1, true, 5));
        assertThat(assistant().setup().model().apiKey()).isEmpty();
        assertThat(new SetupChange("openai", "", "m", Optional.of(KEY), false, 30, 1, true, 5).toString()).doesNotContain(KEY);
    }

    @Test
    void each_wrong_field_is_named() {
        assertThatThrownBy(() -> assistant().configure(admin, new SetupChange("gemini", "ftp://x", "", Optional.empty(), true, 1, 11, true, 0)))
                .isInstanceOfSatisfying(AppException.class, refused -> assertThat(refused.details())
                        .containsEntry("provider", "assistant.settings.provider")
                        .containsEntry("baseUrl", "assistant.settings.base_url")
                        .containsEntry("timeoutSeconds", "assistant.settings.timeout")
                        .containsEntry("maxRetries", "assistant.settings.retries")
                        .containsEntry("messagesPerMinute", "assistant.settings.per_minute"));
        assertThatThrownBy(() -> assistant().configure(admin, new SetupChange("anthropic", "", "", Optional.empty(), true, 30, 1, true, 5)))
                .isInstanceOfSatisfying(AppException.class, refused -> assertThat(refused.details())
                        .containsEntry("model", "assistant.settings.model").containsEntry("apiKey", "assistant.settings.api_key"));
        assertThatThrownBy(() -> assistant().configure(admin, new SetupChange("openai-compatible", "", "qwen", Optional.empty(), true, 30, 1, true, 5)))
                .isInstanceOfSatisfying(AppException.class, refused -> assertThat(refused.details())
                        .containsEntry("baseUrl", "assistant.settings.base_url_required"));
    }

    @Test
    void only_admins_change_settings_or_read_token_use() {
        assertThatThrownBy(() -> assistant().configure(member, new SetupChange("offline", "", "", Optional.empty(), false, 30, 1, true, 5)))
                .isInstanceOfSatisfying(AppException.class, refused -> assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> assistant().usage(member, 30))
                .isInstanceOfSatisfying(AppException.class, refused -> assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(assistant().usage(admin, 30)).isNotNull();
    }

    @Test
    void an_empty_or_overlong_message_is_refused_saying_why() {
        assertThatThrownBy(() -> assistant().send(member, Language.EN, "   ", ReplyStream.NONE))
                .isInstanceOfSatisfying(AppException.class, refused -> assertThat(refused.details()).containsEntry("message", "assistant.message.empty"));
        assertThatThrownBy(() -> assistant().send(member, Language.EN, "x".repeat(10_000), ReplyStream.NONE))
                .isInstanceOfSatisfying(AppException.class, refused -> {
                    assertThat(refused.details()).containsEntry("message", "assistant.message.too_long");
                    assertThat(refused.args()).containsExactly(Assistant.MAX_MESSAGE, 10_000);
                });
    }

    @Test
    void history_is_kept_per_person_deleted_on_request_and_dropped_when_switched_off() {
        Principal other = Requesters.member(app.app(), admin, "otto", EnumSet.of(Permission.ASSISTANT));
        assistant().configure(admin, new SetupChange("offline", "", "", Optional.empty(), true, 30, 1, true, 5));
        assistant().send(member, Language.EN, "hello there", ReplyStream.NONE);
        assistant().send(other, Language.RU, "привет", ReplyStream.NONE);
        assertThat(assistant().history(member, 100)).extracting(ChatTurn::text).startsWith("hello there").hasSize(2);
        assertThat(assistant().history(other, 100)).extracting(ChatTurn::role).containsExactly(ChatTurn.Role.USER, ChatTurn.Role.ASSISTANT);
        assertThat(assistant().history(other, 100).get(1).text()).as("answered in the message's language").containsPattern("[а-я]");

        assertThat(assistant().deleteHistory(member)).isEqualTo(2);
        assertThat(assistant().history(member, 100)).isEmpty();
        assertThat(assistant().history(other, 100)).hasSize(2);

        assistant().configure(admin, new SetupChange("offline", "", "", Optional.empty(), true, 30, 1, false, 5));
        assertThat(assistant().history(other, 100)).isEmpty();
        assistant().send(other, Language.EN, "hello again", ReplyStream.NONE);
        assertThat(assistant().history(other, 100)).isEmpty();
        assistant().configure(admin, new SetupChange("offline", "", "", Optional.empty(), true, 30, 1, true, 5));
    }
}
