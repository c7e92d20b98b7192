package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.accounts.Permission;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.HttpSession.Reply;
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.OpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/assistant} over real HTTP, every call held against openapi.json, with TMDb and the
 * *arr apps as fakes held to their specs: messages (whole and streamed), one's history, and for
 * admins the settings and the token use.
 */
class AssistantApiTest {

    /** The part of openapi.json this suite covers (JsonApiTest covers the rest). */
    static final String PATHS = "/api/v1/assistant";

    private static final OpenApiContract CONTRACT = new OpenApiContract();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String MESSAGES = PATHS + "/messages";

    @TempDir
    static Path dataDir;

    @AutoClose("closeAfterCheckingSpecs")
    private static DiscoverStack stack;

    @BeforeAll
    static void start() {
        stack = new DiscoverStack(dataDir);
    }

    @AfterAll
    static void stop() {
        // The tools' own operations are AssistantToolsApiTest's.
        assertThat(CONTRACT.unexercisedUnder(PATHS)).as("assistant operations of openapi.json no test called")
                .allMatch(operation -> java.util.Arrays.stream(AssistantToolsApiTest.PATHS).anyMatch(operation::contains));
    }

    /** A new account that may use the assistant, signed in, so each test has a conversation of its own. */
    private static HttpSession chatter() {
        return RequestApiTest.user(stack.app, CONTRACT, "chatter" + NAMES.incrementAndGet(), EnumSet.of(Permission.ASSISTANT, Permission.REQUEST));
    }

    private static HttpSession admin() {
        return stack.signIn("admin", CONTRACT);
    }

    @Test
    void a_member_with_the_assistant_permission_gets_a_reply() {
        HttpSession victor = stack.signIn(DiscoverStack.VIEWER, CONTRACT);

        Reply reply = victor.api("POST", MESSAGES, Map.of("text", "search for Dune"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("text").asText()).isNotBlank();
        assertThat(reply.json().get("mode").asText()).isEqualTo("offline");
        assertThat(reply.json().get("notice").isNull()).isTrue();
    }

    @Test
    void with_accept_event_stream_the_reply_streams_as_cards_and_text_events_then_the_whole_reply() {
        HttpSession chatter = chatter();

        Reply streamed = chatter.rawApi("POST", MESSAGES, "application/json", "{\"text\":\"/services\"}", Map.of("Accept", "text/event-stream"));

        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.header("content-type")).startsWith("text/event-stream");
        List<Map.Entry<String, JsonNode>> events = events(streamed.body());
        List<String> names = events.stream().map(Map.Entry::getKey).toList();
        assertThat(names).contains("text").endsWith("reply");
        assertThat(names.indexOf("text")).isLessThan(names.indexOf("reply"));
        JsonNode reply = events.getLast().getValue();
        String said = events.stream().filter(event -> event.getKey().equals("text")).map(event -> event.getValue().get("text").asText())
                .reduce("", String::concat);
        assertThat(reply.get("text").asText()).isEqualTo(said);
        assertThat(reply.get("mode").asText()).isEqualTo("offline");
        List<JsonNode> cards = events.stream().filter(event -> event.getKey().equals("card")).map(Map.Entry::getValue).toList();
        assertThat(cards).as("a card per service, as soon as the tool ran").hasSize(5);
        assertThat(names.indexOf("card")).isLessThan(names.indexOf("reply"));
        assertThat(cards.getFirst().get("kind").asText()).isEqualTo("service");
        assertThat(reply.get("cards")).hasSize(5);
        assertThat(reply.at("/cards/0")).isEqualTo(cards.getFirst());
    }

    @Test
    void an_empty_or_too_long_message_is_refused_naming_the_field_and_the_limit() {
        HttpSession chatter = chatter();

        Reply empty = chatter.invalidApi("POST", MESSAGES, Map.of("text", "   "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.errorCode()).isEqualTo("validation_failed");
        assertThat(empty.json().at("/error/details/text").asText()).contains("empty");

        Reply tooLong = chatter.invalidApi("POST", MESSAGES, Map.of("text", "a".repeat(10_000)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().at("/error/details/text").asText()).contains("4,000").contains("10,000");

        Reply missing = chatter.invalidApi("POST", MESSAGES, Map.of());
        assertThat(missing.json().at("/error/details/text").asText()).isNotBlank();
        Reply unknown = chatter.invalidApi("POST", MESSAGES, Map.of("text", "hi", "message", "hi"));
        assertThat(unknown.json().at("/error/details/message").asText()).isNotBlank();

        Reply streamed = chatter.rawApi("POST", MESSAGES, "application/json", "{\"text\":\"\"}", Map.of("Accept", "text/event-stream"));
        assertThat(streamed.status()).as("refused before streaming: the usual JSON error").isEqualTo(400);
        assertThat(streamed.errorCode()).isEqualTo("validation_failed");

        assertThat(chatter.api("GET", PATHS + "/history").json().get("items")).as("nothing refused is stored").isEmpty();
    }

    @Test
    void a_member_without_the_assistant_permission_is_told_so() {
        HttpSession alice = stack.signIn(DiscoverStack.MEMBER, CONTRACT);

        for (Reply refused : List.of(alice.api("POST", MESSAGES, Map.of("text", "search for Dune")), alice.api("GET", PATHS + "/history"),
                alice.api("GET", PATHS + "/history/export"), alice.api("DELETE", PATHS + "/history"), alice.api("POST", PATHS + "/new"))) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("forbidden");
            assertThat(refused.json().at("/error/details/permission").asText()).contains("assistant");
        }
        assertThat(alice.get("/assistant").status()).isEqualTo(403);
        assertThat(alice.get("/").body()).as("no Assistant in the navigation").doesNotContain("href=\"/assistant\"");
    }

    @Test
    void history_keeps_both_sides_exports_them_as_a_file_and_can_be_deleted() {
        HttpSession chatter = chatter();
        chatter.api("POST", MESSAGES, Map.of("text", "/help"));
        chatter.api("POST", MESSAGES, Map.of("text", "/status"));

        JsonNode history = chatter.api("GET", PATHS + "/history").json();
        assertThat(history.get("history").asBoolean()).isTrue();
        assertThat(history.get("items")).hasSize(4);
        assertThat(history.at("/items/0/role").asText()).isEqualTo("user");
        assertThat(history.at("/items/0/text").asText()).isEqualTo("/help");
        assertThat(history.at("/items/1/role").asText()).isEqualTo("assistant");
        assertThat(chatter.api("GET", PATHS + "/history?limit=1").json().get("items")).hasSize(1);
        Reply badLimit = chatter.rawApi("GET", PATHS + "/history?limit=0", null, null, Map.of());
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().at("/error/details/limit").asText()).contains("10,000");

        Reply export = chatter.api("GET", PATHS + "/history/export");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("content-disposition")).matches("attachment; filename=\"medianest-assistant-chatter\\d+\\.json\"");
        assertThat(export.json().get("items")).hasSize(4);

        assertThat(chatter.api("POST", PATHS + "/new").status()).isEqualTo(204);
        assertThat(chatter.api("GET", PATHS + "/history").json().get("items")).as("a new conversation keeps the history").hasSize(4);

        Reply deleted = chatter.api("DELETE", PATHS + "/history");
        assertThat(deleted.json().get("deleted").asInt()).isEqualTo(4);
        assertThat(chatter.api("GET", PATHS + "/history").json().get("items")).isEmpty();
    }

    @Test
    void settings_never_show_the_api_key_and_name_each_wrong_field() {
        HttpSession admin = admin();
        String key = "sk-test-" + "k".repeat(24);

        JsonNode before = admin.api("GET", PATHS + "/settings").json();
        assertThat(before.get("provider").asText()).isEqualTo("offline");
        assertThat(before.get("source").asText()).isEqualTo("config");
        assertThat(before.get("apiKeySet").asBoolean()).isFalse();

        // A free loopback port: the Test below finds nothing there and never leaves the machine.
        String nowhere = "http://127.0.0.1:" + LoopbackPorts.free() + "/v1";
        Reply saved = admin.api("PUT", PATHS + "/settings", Map.of("provider", "openai", "baseUrl", nowhere, "model", "gpt-4o-mini",
                "apiKey", key, "maxRetries", 0));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("apiKeySet").asBoolean()).isTrue();
        assertThat(saved.json().get("source").asText()).isEqualTo("saved");
        assertThat(saved.body()).doesNotContain(key);
        assertThat(admin.api("GET", PATHS + "/settings").body()).doesNotContain(key).contains("\"apiKeySet\":true");
        assertThat(admin.get("/settings/assistant").body()).doesNotContain(key).contains("saved — leave empty to keep");

        Map<String, Object> wrong = new LinkedHashMap<>();
        wrong.put("provider", "skynet");
        wrong.put("baseUrl", "ftp://somewhere");
        wrong.put("timeoutSeconds", 1);
        wrong.put("maxRetries", 11);
        wrong.put("messagesPerMinute", 0);
        Reply refused = admin.invalidApi("PUT", PATHS + "/settings", wrong);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/details").properties().stream().map(Map.Entry::getKey).toList())
                .containsExactlyInAnyOrder("provider", "baseUrl", "timeoutSeconds", "maxRetries", "messagesPerMinute");
        Reply both = admin.api("PUT", PATHS + "/settings", Map.of("apiKey", "sk-other", "clearApiKey", true));
        assertThat(both.json().at("/error/details/clearApiKey").asText()).isNotBlank();
        Reply wrongType = admin.invalidApi("PUT", PATHS + "/settings", Map.of("history", "yes"));
        assertThat(wrongType.json().at("/error/details/history").asText()).isNotBlank();

        Reply tested = admin.api("POST", PATHS + "/settings/test", Map.of());
        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.json().get("ok").asBoolean()).as("no model is reachable from the test machine").isFalse();
        assertThat(tested.json().get("problem").asText()).isNotBlank().doesNotContain(key);
        Reply offline = admin.api("POST", PATHS + "/settings/test", Map.of("provider", "offline"));
        assertThat(offline.json().get("ok").asBoolean()).isTrue();

        Reply cleared = admin.api("PUT", PATHS + "/settings", Map.of("provider", "offline", "baseUrl", "", "model", "", "clearApiKey", true,
                "maxRetries", 2));
        assertThat(cleared.json().get("apiKeySet").asBoolean()).isFalse();
        assertThat(cleared.json().get("provider").asText()).isEqualTo("offline");
    }

    @Test
    void members_may_not_read_or_change_the_settings_or_the_token_use() {
        HttpSession victor = stack.signIn(DiscoverStack.VIEWER, CONTRACT);

        for (Reply refused : List.of(victor.api("GET", PATHS + "/settings"), victor.api("PUT", PATHS + "/settings", Map.of("provider", "offline")),
                victor.api("POST", PATHS + "/settings/test", Map.of()), victor.api("GET", PATHS + "/usage"))) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("forbidden");
        }
        assertThat(victor.get("/settings/assistant").status()).as("a page sends members home").isEqualTo(303);
    }

    @Test
    void admins_see_the_token_use_per_person_day_and_model() {
        long victorId = stack.app.app().accounts().findByUsername(DiscoverStack.VIEWER).orElseThrow().id();
        LocalDate day = LocalDate.ofInstant(MutableClock.startingNow().instant(), ZoneOffset.UTC);
        String today = day.toString();
        // As the LLM agent records a turn; no model answers on the test machine.
        stack.app.app().database().writeVoid(handle -> {
            handle.execute("INSERT INTO assistant_usage (user_id, day, model, turns, input_tokens, output_tokens) VALUES (?, ?, ?, 3, 1200, 300)",
                    victorId, today, "anthropic:claude-sonnet-4-5");
            handle.execute("INSERT INTO assistant_usage (user_id, day, model, turns, input_tokens, output_tokens) VALUES (?, ?, ?, 1, 100, 20)",
                    victorId, day.minusDays(40).toString(), "anthropic:claude-sonnet-4-5");
        });

        JsonNode usage = admin().api("GET", PATHS + "/usage?days=30").json();

        assertThat(usage.get("days").asInt()).isEqualTo(30);
        assertThat(usage.get("items")).hasSize(1);
        assertThat(usage.at("/items/0/username").asText()).isEqualTo(DiscoverStack.VIEWER);
        assertThat(usage.at("/items/0/day").asText()).isEqualTo(today);
        assertThat(usage.at("/items/0/inputTokens").asLong()).isEqualTo(1200);
        assertThat(usage.at("/totals/0/turns").asLong()).isEqualTo(3);
        assertThat(admin().api("GET", PATHS + "/usage?days=60").json().at("/totals/0/inputTokens").asLong()).isEqualTo(1300);
        assertThat(admin().rawApi("GET", PATHS + "/usage?days=0", null, null, Map.of()).json().at("/error/details/days").asText()).contains("366");
        String page = admin().get("/settings/assistant").body();
        assertThat(page).contains("anthropic:claude-sonnet-4-5").contains("1200");
    }

    /** The events of a whole stream, in order: name and data. */
    static List<Map.Entry<String, JsonNode>> events(String body) {
        List<Map.Entry<String, JsonNode>> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (name != null && data != null) {
                try {
                    events.add(Map.entry(name, JSON.readTree(data)));
                } catch (java.io.IOException e) {
                    throw new AssertionError("event data is not JSON: " + data, e);
                }
            }
        }
        return events;
    }
}
