package dev.medianest.integrations.llm;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.medianest.features.assistant.LanguageModel;
import dev.medianest.features.assistant.ModelFailure;
import dev.medianest.features.assistant.ModelFailure.Kind;
import dev.medianest.features.assistant.ToolDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One configured model. A turn is tried again after a rate limit, a server error or a dropped
 * connection, with growing pauses, as long as none of its text has reached the caller yet (the
 * caller cannot take back what a person has already read); the whole turn, attempts and pauses
 * together, ends at the configured timeout. LangChain4j's own retries are not used: they cannot
 * know whether text was shown. Text is handed to the caller on the caller's own thread.
 */
final class ProviderModel implements LanguageModel {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderModel.class);

    private final LlmEndpoint endpoint;
    private final Duration timeout;
    private final int maxRetries;
    private final Backoff backoff;
    private final Supplier<java.net.http.HttpClient> http;

    ProviderModel(LlmEndpoint endpoint, Duration timeout, int maxRetries, Backoff backoff, Supplier<java.net.http.HttpClient> http) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.http = http;
    }

    /** What one attempt came to. */
    private sealed interface Outcome {
    }

    private record Answered(Reply reply) implements Outcome {
    }

    /** {@code streamed}: some of the text had already been handed to the caller. */
    private record Failed(Setback setback, boolean streamed) implements Outcome {
    }

    /** What the answer's reader tells the waiting turn, in order. */
    private sealed interface Signal {
    }

    private record Piece(String text) implements Signal {
    }

    private record Done(ChatResponse response) implements Signal {
    }

    private record Broken(Throwable error) implements Signal {
    }

    /** The answer is over; sent after whatever LangChain4j made of it. */
    private record Ended(int events) implements Signal {
    }

    @Override
    public Reply reply(List<Message> conversation, List<ToolDefinition> tools, Consumer<String> partialText) throws ModelFailure {
        ChatRequest request;
        try {
            request = ChatMapping.request(conversation, tools);
        } catch (RuntimeException e) {
            throw failure(Setback.of(Kind.REFUSED, false, "the conversation could not be put in LangChain4j's terms: " + e.getMessage()), 1, "");
        }
        UnaryOperator<String> patch = endpoint.wire().patch(tools, conversation);
        long deadline = System.nanoTime() + timeout.toNanos();
        LOG.debug("{}: a turn of {} messages and {} tools", endpoint.describe(), conversation.size(), tools.size());
        for (int attempt = 0; ; attempt++) {
            Outcome outcome = attempt(request, patch, deadline, partialText);
            if (outcome instanceof Answered answered) {
                Reply reply = answered.reply();
                LOG.debug("{}: {} characters, {} tool calls, {} tokens in, {} out", endpoint.describe(), reply.text().length(),
                        reply.calls().size(), reply.usage().input(), reply.usage().output());
                return reply;
            }
            Failed failed = (Failed) outcome;
            Setback setback = failed.setback().redacted(endpoint.apiKey());
            if (!setback.retryable() || attempt >= maxRetries) {
                throw failure(setback, attempt + 1, "");
            }
            if (failed.streamed()) {
                throw failure(setback, attempt + 1, "; not tried again, part of the answer had been shown");
            }
            Optional<Duration> pause = backoff.pause(attempt, setback.retryAfter());
            if (pause.isEmpty()) {
                throw failure(setback, attempt + 1, "; it asks to wait " + setback.retryAfter().orElseThrow().toSeconds()
                        + " s, longer than a turn waits");
            }
            if (System.nanoTime() + pause.get().toNanos() >= deadline) {
                throw failure(setback, attempt + 1, "; no time was left for another attempt within " + seconds(timeout));
            }
            LOG.info("{} {}; trying again in {} ms (retry {} of {})", endpoint.describe(), setback.detail(), pause.get().toMillis(),
                    attempt + 1, maxRetries);
            try {
                Thread.sleep(pause.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(Setback.of(Kind.TIMEOUT, false, "the turn was interrupted"), attempt + 1, "");
            }
        }
    }

    private Outcome attempt(ChatRequest request, UnaryOperator<String> patch, long deadline, Consumer<String> partialText) {
        BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        LlmHttp exchange = new LlmHttp(http.get(), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), patch,
                endpoint.apiKey().isEmpty(), events -> signals.add(new Ended(events)));
        boolean streamed = false;
        boolean answered = false;
        try {
            start(request, exchange, signals);
        } catch (RuntimeException e) {
            exchange.cancel();
            return new Failed(Setback.of(Kind.REFUSED, false, "the request could not be made: " + e.getMessage()), false);
        }
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Signal signal = left <= 0 ? null : signals.poll(left, TimeUnit.NANOSECONDS);
                switch (signal) {
                    case null -> {
                        return new Failed(Setback.of(Kind.TIMEOUT, false, "no complete answer within " + seconds(timeout)), streamed);
                    }
                    case Piece piece -> {
                        if (!piece.text().isEmpty()) {
                            streamed = true;
                            partialText.accept(piece.text());
                        }
                    }
                    case Done done -> {
                        Optional<Setback> incomplete = incomplete(done.response(), exchange.events());
                        if (incomplete.isPresent()) {
                            return new Failed(incomplete.get(), streamed);
                        }
                        answered = true;
                        return new Answered(ChatMapping.reply(done.response()));
                    }
                    case Broken broken -> {
                        return new Failed(Setback.of(broken.error()), streamed);
                    }
                    case Ended ended -> {
                        return new Failed(ended.events() == 0 ? notTheFormat() : cutShort(), streamed);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(Setback.of(Kind.TIMEOUT, false, "the turn was interrupted"), streamed);
        } finally {
            // An answered turn's reader finishes on its own, so the connection can serve the next turn.
            if (!answered) {
                exchange.cancel();
            }
        }
    }

    /** Sends the request; what comes back arrives as signals, on the answer reader's thread. */
    private void start(ChatRequest request, LlmHttp exchange, BlockingQueue<Signal> signals) {
        StreamingChatModel model = endpoint.wire().model(endpoint, exchange.builder());
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
                signals.add(new Piece(text == null ? "" : text));
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                signals.add(new Done(response));
            }

            @Override
            public void onError(Throwable error) {
                signals.add(new Broken(error));
            }
        });
    }

    /** A completed answer that is not one: nothing in the provider's format, or no sign of its end. */
    private Optional<Setback> incomplete(ChatResponse response, int events) {
        if (events == 0) {
            return Optional.of(notTheFormat());
        }
        if (response.finishReason() == null) {
            return Optional.of(cutShort());
        }
        return Optional.empty();
    }

    private Setback notTheFormat() {
        return Setback.of(Kind.MALFORMED, false, "the answer held nothing in " + endpoint.wire().title() + "'s streaming format");
    }

    private static Setback cutShort() {
        return Setback.of(Kind.UNREACHABLE, true, "the answer stopped before it was complete");
    }

    private ModelFailure failure(Setback setback, int attempts, String note) {
        String detail = endpoint.describe() + ": " + setback.detail() + (attempts > 1 ? " (after " + attempts + " attempts)" : "") + note;
        LOG.debug("language model turn failed: {}", detail);
        return new ModelFailure(setback.kind(), detail, null);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
