package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.features.accounts.Permission;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page and Settings › Assistant as a browser without JavaScript uses them (plain form
 * posts), and the chat's streamed form post that app.js reads.
 */
class AssistantPagesTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dataDir;

    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "100000"), MutableClock.startingNow());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpSession chatter() {
        return RequestApiTest.user(app, null, "talker" + NAMES.incrementAndGet(), EnumSet.of(Permission.ASSISTANT));
    }

    private static HttpSession admin() {
        HttpSession admin = new HttpSession(app.baseUrl(), null);
        assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
        return admin;
    }

    @Test
    void the_chat_works_without_javascript_as_a_form_post_that_answers_with_the_page() {
        HttpSession talker = chatter();
        String empty = talker.get("/assistant").body();
        assertThat(empty).contains("id=\"chat-empty\"").contains("action=\"/assistant\"").contains("maxlength=\"4000\"");

        Reply answered = talker.form("/assistant", Map.of("text", "/frobnicate"));

        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.body()).contains("data-role=\"user\"").contains("/frobnicate").contains("data-role=\"assistant\"")
                .contains("There is no command /frobnicate").doesNotContain("id=\"chat-empty\"");
        assertThat(talker.get("/assistant").body()).as("kept in the history").contains("There is no command /frobnicate");
        assertThat(talker.get("/").body()).as("in the navigation").contains("href=\"/assistant\"");
    }

    @Test
    void an_empty_message_from_the_form_says_why_and_keeps_nothing() {
        HttpSession talker = chatter();

        Reply refused = talker.form("/assistant", Map.of("text", "  "));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("The message is empty").contains("id=\"chat-empty\"");
    }

    @Test
    void the_enhanced_form_post_streams_text_then_the_finished_turn_as_html() {
        HttpSession talker = chatter();

        Reply streamed = streamedForm(talker, "/frobnicate");

        assertThat(streamed.header("content-type")).startsWith("text/event-stream");
        List<Map.Entry<String, JsonNode>> events = AssistantApiTest.events(streamed.body());
        assertThat(events.stream().map(Map.Entry::getKey).toList()).containsSubsequence("text", "reply").endsWith("reply");
        String html = events.getLast().getValue().get("html").asText();
        assertThat(html).startsWith("<li class=\"chat-turn chat-assistant\"").contains("There is no command /frobnicate");

        List<Map.Entry<String, JsonNode>> refused = AssistantApiTest.events(streamedForm(talker, "").body());
        assertThat(refused).hasSize(1);
        assertThat(refused.getFirst().getKey()).isEqualTo("failed");
        assertThat(refused.getFirst().getValue().get("message").asText()).contains("The message is empty");
    }

    @Test
    void a_new_conversation_clears_the_page_but_the_history_keeps_everything_until_deleted() {
        HttpSession talker = chatter();
        talker.form("/assistant", Map.of("text", "/first"));

        Reply restarted = talker.form("/assistant/new", Map.of());
        assertThat(restarted.status()).isEqualTo(303);
        assertThat(restarted.header("location")).isEqualTo("/assistant?done=new");
        String page = talker.get("/assistant?done=new").body();
        assertThat(page).contains("id=\"chat-done\"").contains("id=\"chat-cut\"").doesNotContain("/first");
        talker.form("/assistant", Map.of("text", "/second"));
        assertThat(talker.get("/assistant").body()).contains("/second").doesNotContain("/first");
        assertThat(talker.api("GET", "/api/v1/assistant/history/export").body()).contains("/first").contains("/second");

        Reply deleted = talker.form("/assistant/history/delete", Map.of());
        assertThat(deleted.header("location")).isEqualTo("/assistant?done=deleted");
        assertThat(talker.api("GET", "/api/v1/assistant/history").json().get("items")).isEmpty();
        assertThat(talker.get("/assistant").body()).contains("id=\"chat-empty\"").doesNotContain("id=\"chat-cut\"");
    }

    @Test
    void settings_save_from_the_form_never_send_the_key_back_and_turning_history_off_forgets_everything() {
        HttpSession admin = admin();
        HttpSession talker = chatter();
        talker.form("/assistant", Map.of("text", "/remember-me"));
        String key = "sk-page-" + "p".repeat(24);
        String form = admin.get("/settings/assistant").body();
        assertThat(form).contains("id=\"assistant-source\" data-source=\"config\"").contains("data-key-saved=\"false\"");
        assertThat(admin.get("/").body()).contains("href=\"/settings/assistant\"");

        Reply invalid = admin.form("/settings/assistant", settings("openai", "", key, false, "3", true));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("id=\"model-error\"").contains("id=\"timeoutSeconds-error\"").doesNotContain(key);

        Reply saved = admin.form("/settings/assistant", settings("openai", "gpt-4o-mini", key, false, "30", true));
        assertThat(saved.status()).isEqualTo(303);
        String after = admin.get(saved.header("location")).body();
        assertThat(after).contains("id=\"assistant-done\"").contains("data-key-saved=\"true\"").contains("saved — leave empty to keep")
                .contains("data-source=\"saved\"").contains("value=\"gpt-4o-mini\"").doesNotContain(key);

        Reply kept = admin.form("/settings/assistant", settings("offline", "", "", false, "30", false));
        assertThat(kept.status()).isEqualTo(303);
        assertThat(admin.get("/settings/assistant").body()).as("an empty key field keeps the key").contains("data-key-saved=\"true\"");
        assertThat(talker.api("GET", "/api/v1/assistant/history").json().get("items")).as("history off deletes conversations").isEmpty();
        assertThat(talker.get("/assistant").body()).contains("id=\"chat-history-off\"");
        assertThat(talker.form("/assistant", Map.of("text", "/unkept")).body()).as("the exchange is shown once").contains("/unkept")
                .contains("There is no command /unkept");
        assertThat(talker.get("/assistant").body()).doesNotContain("/unkept");

        assertThat(admin.form("/settings/assistant", settings("offline", "", "", true, "60", true)).status()).isEqualTo(303);
        assertThat(admin.get("/settings/assistant").body()).contains("data-key-saved=\"false\"");
    }

    @Test
    void the_test_button_checks_the_unsaved_form_in_place() {
        HttpSession admin = admin();
        Map<String, String> fields = settings("offline", "", "", false, "60", true);
        String before = admin.api("GET", "/api/v1/assistant/settings").body();

        Reply offline = admin.rawApi("POST", "/settings/assistant/test", "application/x-www-form-urlencoded", encoded(admin, fields),
                Map.of("HX-Request", "true"));
        assertThat(offline.status()).isEqualTo(200);
        assertThat(offline.body()).contains("class=\"success\"").doesNotContain("<html");

        Reply incomplete = admin.rawApi("POST", "/settings/assistant/test", "application/x-www-form-urlencoded",
                encoded(admin, settings("anthropic", "", "", false, "60", true)), Map.of("HX-Request", "true"));
        assertThat(incomplete.body()).contains("Model:").contains("API key:");

        Map<String, String> ollama = settings("ollama", "llama3.1", "", false, "5", true);
        ollama.put("baseUrl", "http://127.0.0.1:" + LoopbackPorts.free());
        Reply whole = admin.form("/settings/assistant/test", ollama);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).as("without JavaScript the form comes back with the result").contains("<html").contains("class=\"error\"")
                .contains("value=\"llama3.1\"");
        assertThat(admin.api("GET", "/api/v1/assistant/settings").body()).as("testing saves nothing").isEqualTo(before);
    }

    private static Map<String, String> settings(String provider, String model, String key, boolean clear, String timeout, boolean history) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("provider", provider);
        fields.put("baseUrl", "");
        fields.put("model", model);
        fields.put("apiKey", key);
        if (clear) {
            fields.put("clearApiKey", "on");
        }
        fields.put("timeoutSeconds", timeout);
        fields.put("maxRetries", "2");
        fields.put("messagesPerMinute", "10");
        if (history) {
            fields.put("history", "on");
        }
        return fields;
    }

    /** The chat form's POST as app.js sends it, asking for server-sent events. */
    private static Reply streamedForm(HttpSession session, String text) {
        return session.rawApi("POST", "/assistant", "application/x-www-form-urlencoded", encoded(session, Map.of("text", text)),
                Map.of("Accept", "text/event-stream"));
    }

    private static String encoded(HttpSession session, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", session.csrf());
        return String.join("&", all.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).toList());
    }
}
