package dev.medianest.channels.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.assistant.ChatReply;
import dev.medianest.features.assistant.Conversation;
import dev.medianest.features.assistant.ReplyChoice;
import dev.medianest.features.assistant.ReplyStream;
import dev.medianest.features.assistant.ToolCard;
import dev.medianest.integrations.medianest.MediaNestClient;
import dev.medianest.integrations.medianest.RemoteConversation;
import dev.medianest.platform.i18n.Language;
import dev.medianest.testing.Await;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.FakeTmdb;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.LoopbackPorts;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code medianest query}: one message and its answer, on the data directory of a running stack
 * (TMDb and the *arr apps are fakes held to their specs) or through that server's API with a token.
 */
class QueryAnswersTest {

    @TempDir
    static Path dataDir;

    @AutoClose("closeAfterCheckingSpecs")
    private static DiscoverStack stack;

    @BeforeAll
    static void start() {
        stack = new DiscoverStack(dataDir);
        stack.configureUltraHdRadarr();
    }

    private static Commands.Ran query(String stdin, String... args) {
        return Commands.run(Commands.environment(dataDir), stdin, args);
    }

    private static Map<String, String> remote(String token) {
        Map<String, String> env = new HashMap<>(Commands.environment(dataDir));
        env.put("MEDIANEST_SERVER", stack.app.baseUrl());
        env.put("MEDIANEST_TOKEN", token);
        return env;
    }

    @Test
    void yes_answers_the_confirmation_so_the_request_reaches_radarr_in_one_go() throws Exception {
        Commands.Ran ran = query("", "query", "--yes", "--user", "admin", "download Dune 2021 in 4K");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("Dune (2021)").contains("[1] Yes  [2] No").contains("› Yes");
        List<JsonNode> added = Await.until(stack.radarr4k::added, list -> !list.isEmpty());
        assertThat(added.getFirst().get("tmdbId").asInt()).isEqualTo(FakeTmdb.DUNE);
        assertThat(stack.radarr.added()).isEmpty();
    }

    @Test
    void json_prints_the_reply_as_one_line_of_json() throws Exception {
        Commands.Ran ran = query("", "query", "--json", "--user", "admin", "what can you do?");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ran.out().strip().lines()).hasSize(1);
        JsonNode reply = new ObjectMapper().readTree(ran.out());
        assertThat(reply.get("text").asText()).isNotBlank();
        assertThat(reply.get("cards").isArray()).isTrue();
        assertThat(reply.get("choices").isArray()).isTrue();
        assertThat(reply.get("mode").asText()).isEqualTo("offline");
        assertThat(reply.has("notice")).isTrue();
    }

    @Test
    void messages_from_standard_input_are_one_conversation() {
        Commands.Ran ran = query("search for Dune\n\n1\n", "query", "--user", "admin", "-");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("› search for Dune").contains("[1]");
        String afterChoice = ran.out().substring(ran.out().indexOf("› 1"));
        assertThat(afterChoice).contains("Dune").contains("2021");
    }

    @Test
    void an_empty_message_exits_2_and_says_what_to_type() {
        Commands.Ran ran = query("", "query", "--user", "admin", "  ");

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("The message is empty");
        assertThat(ran.out()).isEmpty();
    }

    @Test
    void a_message_of_ten_thousand_characters_exits_2_with_the_limit() {
        Commands.Ran ran = query("", "query", "--user", "admin", "a".repeat(10_000));

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("at most 4,000 characters, this one has 10,000");
    }

    @Test
    void without_a_user_or_a_server_it_says_whom_to_act_as() {
        Commands.Ran ran = query("", "query", "hello");

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("--user NAME").contains("--server URL");
    }

    @Test
    void an_unknown_account_exits_2() {
        Commands.Ran ran = query("", "query", "--user", "nobody", "hello");

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("There is no account named \"nobody\"");
    }

    @Test
    void a_malformed_token_is_refused_before_anything_is_sent() {
        Commands.Ran ran = Commands.run(remote("not-a-token"), "", "query", "hello");

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("does not look like a MediaNest API token").contains("mnt_");
    }

    @Test
    void a_token_the_server_does_not_know_exits_2_naming_the_server() {
        Commands.Ran ran = Commands.run(remote("mnt_" + "x".repeat(43)), "", "query", "hello");

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("MediaNest at " + stack.app.baseUrl() + " refused the token");
    }

    @Test
    void an_unreachable_server_exits_1() {
        Map<String, String> env = remote("mnt_" + "x".repeat(43));
        env.put("MEDIANEST_SERVER", "http://127.0.0.1:" + LoopbackPorts.free());

        Commands.Ran ran = Commands.run(env, "", "query", "hello");

        assertThat(ran.status()).isEqualTo(1);
        assertThat(ran.err()).contains("cannot be reached");
    }

    @Test
    void a_running_server_answers_with_the_token_owners_rights() throws Exception {
        String token = Commands.token(stack.signIn("admin", null), true, List.of());

        Commands.Ran json = Commands.run(remote(token), "", "query", "--json", "search for Dune");
        Commands.Ran conversation = Commands.run(remote(token), "search for Dune\n2\n", "query", "-");

        assertThat(json.status()).as(json.err()).isZero();
        JsonNode reply = new ObjectMapper().readTree(json.out());
        assertThat(reply.get("text").asText()).contains("Dune");
        assertThat(reply.get("choices")).isNotEmpty();
        assertThat(conversation.status()).as(conversation.err()).isZero();
        assertThat(conversation.out()).contains("Searching for \"Dune\"…").contains("[1]  [2]");
        assertThat(conversation.out().substring(conversation.out().indexOf("› 2"))).contains("Dune: Part Two (2024)");
    }

    @Test
    void the_remote_conversation_streams_its_reply_and_starts_over_on_the_server() {
        String token = Commands.token(stack.signIn("admin", null), true, List.of());
        Conversation remote = new RemoteConversation(new MediaNestClient(URI.create(stack.app.baseUrl()), token, Language.EN, new ObjectMapper(), MediaNestClient.CONNECT_TIMEOUT));
        List<String> seen = new ArrayList<>();
        ReplyStream stream = new ReplyStream() {
            @Override
            public void text(String piece) {
                seen.add("text " + piece);
            }

            @Override
            public void status(String line) {
                seen.add("status " + line);
            }
        };

        ChatReply found = remote.send("search for Dune", stream);
        remote.startOver();
        ChatReply afterwards = remote.send("1", ReplyStream.NONE);

        assertThat(seen.getFirst()).isEqualTo("status Searching for \"Dune\"…");
        assertThat(seen).contains("text " + found.text());
        assertThat(found.cards()).extracting(ToolCard::heading).contains("Dune", "Dune: Part Two");
        assertThat(found.choices()).extracting(ReplyChoice::message).startsWith("1", "2");
        assertThat(found.mode()).isEqualTo(ChatReply.Mode.OFFLINE);
        assertThat(afterwards.text()).as("the pending choice was forgotten").doesNotContain("2021");
    }

    @Test
    void a_token_without_the_assistant_permission_exits_2_saying_so() {
        HttpSession member = stack.signIn(DiscoverStack.MEMBER, null);
        String token = Commands.token(member, false, List.of());

        Commands.Ran ran = Commands.run(remote(token), "", "query", "hello");

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("MediaNest at " + stack.app.baseUrl() + " refused");
    }
}
