package dev.medianest.integrations.llm;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.medianest.features.assistant.LanguageModel;
import dev.medianest.features.assistant.LanguageModel.Message;
import dev.medianest.features.assistant.LanguageModel.UserText;
import dev.medianest.features.assistant.ModelFailure;
import dev.medianest.features.assistant.ModelFailure.Kind;
import dev.medianest.testing.FakeLlm;
import dev.medianest.testing.FakeLlm.Turn;
import dev.medianest.testing.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a turn does when the provider misbehaves: which failures are tried again (and only while no
 * text has been shown), how long a turn may take, and what each failure says — never the key.
 */
class ProviderFailureTest {

    private static final List<Message> QUESTION = List.of(new UserText("Is Dune in 4K?"));

    private static LanguageModel model(Speaker speaker, FakeLlm fake, Duration timeout, int retries) {
        return new LlmConnector(Speaker.QUICK).open(speaker.settings(fake, timeout, retries));
    }

    private static ModelFailure failureOf(LanguageModel model, List<String> pieces) {
        return catchThrowableOfType(ModelFailure.class, () -> model.reply(QUESTION, List.of(), pieces::add));
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void a_rate_limit_is_tried_again_and_the_turn_succeeds(Speaker speaker) throws Exception {
        try (FakeLlm fake = speaker.fake()) {
            fake.fail(429).fail(503).replyText("Yes, in 4K.");

            LanguageModel.Reply reply = model(speaker, fake, Duration.ofSeconds(20), 2).reply(QUESTION, List.of(), piece -> { });

            assertThat(reply.text()).isEqualTo("Yes, in 4K.");
            assertThat(fake.requests()).hasSize(3);
            fake.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void server_errors_beyond_the_retries_are_a_server_error(Speaker speaker) {
        try (FakeLlm fake = speaker.fake()) {
            fake.fail(500).fail(500).fail(500).replyText("too late");

            ModelFailure failure = failureOf(model(speaker, fake, Duration.ofSeconds(20), 2), new ArrayList<>());

            assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
            assertThat(failure.getMessage()).contains("HTTP 500").contains("after 3 attempts").contains(fake.baseUrl().toString());
            assertThat(fake.requests()).hasSize(3);
            fake.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void a_rate_limit_that_outlasts_the_retries_says_so(Speaker speaker) {
        try (FakeLlm fake = speaker.fake()) {
            fake.fail(429).fail(429);

            ModelFailure failure = failureOf(model(speaker, fake, Duration.ofSeconds(20), 1), new ArrayList<>());

            assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(fake.requests()).hasSize(2);
            fake.assertAllInSpec();
        }
    }

    @Test
    void a_short_retry_after_is_waited_for_and_a_long_one_is_not() throws Exception {
        try (FakeLlm fake = Speaker.OPENAI.fake()) {
            fake.fail(429, 1).replyText("Waited.");
            long started = System.nanoTime();

            assertThat(model(Speaker.OPENAI, fake, Duration.ofSeconds(20), 2).reply(QUESTION, List.of(), piece -> { }).text()).isEqualTo("Waited.");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
            fake.assertAllInSpec();
        }
        try (FakeLlm fake = Speaker.OPENAI.fake()) {
            fake.fail(429, 60).replyText("never asked for");

            ModelFailure failure = failureOf(model(Speaker.OPENAI, fake, Duration.ofSeconds(20), 2), new ArrayList<>());

            assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(failure.getMessage()).contains("asks to wait 60 s");
            assertThat(fake.requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void a_hang_ends_in_a_timeout_at_the_configured_time(Speaker speaker) {
        try (FakeLlm fake = speaker.fake()) {
            fake.hang();
            long started = System.nanoTime();

            ModelFailure failure = failureOf(model(speaker, fake, Duration.ofSeconds(1), 2), new ArrayList<>());

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(failure.getMessage()).contains("within 1 s");
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
            // At most one: on a cold, loaded machine the request may still be on its way when the second is up.
            assertThat(fake.requests()).hasSizeLessThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void a_stall_after_text_was_shown_times_out_without_a_second_attempt(Speaker speaker) {
        try (FakeLlm fake = speaker.fake()) {
            fake.reply(Turn.text("Dune is in your library in").thenHang()).replyText("a second, different answer");
            List<String> pieces = new ArrayList<>();

            ModelFailure failure = failureOf(model(speaker, fake, Duration.ofSeconds(1), 2), pieces);

            assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(String.join("", pieces)).isEqualTo("Dune is in your library in");
            assertThat(fake.requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void an_answer_cut_short_is_tried_again_only_while_nothing_was_shown(Speaker speaker) throws Exception {
        try (FakeLlm fake = speaker.fake()) {
            fake.reply(Turn.calling("search_media", "{\"query\":\"Dune\"}").thenStop()).replyText("Whole this time.");

            assertThat(model(speaker, fake, Duration.ofSeconds(20), 2).reply(QUESTION, List.of(), piece -> { }).text())
                    .isEqualTo("Whole this time.");
            assertThat(fake.requests()).hasSize(2);
        }
        try (FakeLlm fake = speaker.fake()) {
            fake.reply(Turn.text("Dune is in").thenStop()).replyText("a second, different answer");
            List<String> pieces = new ArrayList<>();

            ModelFailure failure = failureOf(model(speaker, fake, Duration.ofSeconds(20), 2), pieces);

            assertThat(failure.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(failure.getMessage()).contains("stopped before it was complete").contains("part of the answer had been shown");
            assertThat(String.join("", pieces)).isEqualTo("Dune is in");
            assertThat(fake.requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Speaker.class, names = {"ANTHROPIC", "OPENAI"})
    void a_refused_key_is_not_tried_again(Speaker speaker) {
        try (FakeLlm fake = speaker.fake()) {
            fake.fail(401).replyText("never asked for");

            ModelFailure failure = failureOf(model(speaker, fake, Duration.ofSeconds(20), 2), new ArrayList<>());

            assertThat(failure.kind()).isEqualTo(Kind.KEY_REFUSED);
            assertThat(failure.getMessage()).contains("HTTP 401");
            assertThat(fake.requests()).hasSize(1);
            fake.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void an_unknown_model_is_refused_without_a_retry(Speaker speaker) {
        try (FakeLlm fake = speaker.fake()) {
            fake.fail(404).replyText("never asked for");

            ModelFailure failure = failureOf(model(speaker, fake, Duration.ofSeconds(20), 2), new ArrayList<>());

            assertThat(failure.kind()).isEqualTo(Kind.REFUSED);
            assertThat(failure.getMessage()).contains("HTTP 404").contains("not-a-model");
            assertThat(fake.requests()).hasSize(1);
            fake.assertAllInSpec();
        }
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void nothing_listening_is_unreachable_at_once(Speaker speaker) {
        URI nowhere = URI.create("http://127.0.0.1:" + LoopbackPorts.free() + (speaker.speaksOpenAi() ? "/v1" : ""));
        long started = System.nanoTime();

        ModelFailure failure = failureOf(new LlmConnector(Speaker.QUICK).open(speaker.settings(nowhere, Duration.ofSeconds(20), 2)), new ArrayList<>());

        assertThat(failure.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(failure.getMessage()).contains("nothing accepts connections").contains(nowhere.toString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a_connection_reset_before_any_answer_is_tried_again() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        connections.incrementAndGet();
                        socket.getInputStream().read(new byte[1024]);
                        socket.setSoLinger(true, 0);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            URI resetting = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1");

            ModelFailure failure = failureOf(new LlmConnector(Speaker.QUICK).open(Speaker.OPENAI.settings(resetting, Duration.ofSeconds(20), 2)),
                    new ArrayList<>());

            assertThat(failure.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(failure.getMessage()).contains("connection dropped").contains("after 3 attempts");
            assertThat(connections).hasValue(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Speaker.class)
    void an_answer_in_no_known_format_is_malformed(Speaker speaker) {
        // Both answers are deliberately outside the spec, so assertAllInSpec is not called.
        try (FakeLlm fake = speaker.fake()) {
            fake.garbage().replyText("never asked for");

            ModelFailure failure = failureOf(model(speaker, fake, Duration.ofSeconds(20), 2), new ArrayList<>());

            assertThat(failure.kind()).isEqualTo(Kind.MALFORMED);
            assertThat(fake.requests()).hasSize(1);
        }
        try (FakeLlm fake = speaker.fake()) {
            fake.webPage().replyText("never asked for");

            ModelFailure failure = failureOf(model(speaker, fake, Duration.ofSeconds(20), 2), new ArrayList<>());

            assertThat(failure.kind()).isEqualTo(Kind.MALFORMED);
            assertThat(fake.requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Speaker.class, names = {"ANTHROPIC", "OPENAI"})
    void the_key_is_in_no_failure_and_no_log_line(Speaker speaker) {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        String key = speaker.key().orElseThrow();
        try (FakeLlm fake = speaker.fake()) {
            fake.fail(500).fail(429).fail(401);

            ModelFailure failure = failureOf(model(speaker, fake, Duration.ofSeconds(20), 2), new ArrayList<>());

            assertThat(failure.kind()).isEqualTo(Kind.KEY_REFUSED);
            assertThat(fake.lastRequest().apiKey()).contains(key);
            assertThat(failure.getMessage()).contains("Incorrect API key provided: ***").doesNotContain(key);
            assertThat(log.list).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(key));
        } finally {
            root.detachAppender(log);
        }
    }
}
