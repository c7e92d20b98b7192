package dev.medianest.integrations.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * LangChain4j's HTTP port for one attempt at one turn, over the JDK client. Owning the HTTP lets the
 * turn see every error status with its Retry-After ({@link StatusFailure}), abandon an answer that
 * stalls at the turn's deadline ({@link #cancel()}), send the tools' schemas exactly as written (the
 * {@code patch} of the request body, see {@link Wire#patch}), and leave the Authorization header out
 * when an OpenAI-compatible server needs no key.
 */
final class LlmHttp implements HttpClient {

    /** An error body is read this far: enough for the provider's message, never a whole HTML page. */
    private static final int ERROR_BODY_LIMIT = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final java.net.http.HttpClient client;
    private final Duration timeout;
    private final UnaryOperator<String> patch;
    private final boolean keyless;
    private final IntConsumer ended;
    private final AtomicInteger events = new AtomicInteger();
    private volatile Thread worker;
    private volatile InputStream body;
    private volatile boolean cancelled;

    /**
     * @param ended told, once the streamed answer is over (read to its end, failed or cancelled), how
     *              many events it held; called after every call LangChain4j made to the model's handler
     */
    LlmHttp(java.net.http.HttpClient client, Duration timeout, UnaryOperator<String> patch, boolean keyless, IntConsumer ended) {
        this.client = client;
        this.timeout = timeout;
        this.patch = patch;
        this.keyless = keyless;
        this.ended = ended;
    }

    /** What a LangChain4j model builder takes: it hands back this client whatever timeouts the model sets. */
    HttpClientBuilder builder() {
        return new HttpClientBuilder() {
            @Override
            public Duration connectTimeout() {
                return timeout;
            }

            @Override
            public HttpClientBuilder connectTimeout(Duration ignored) {
                return this;
            }

            @Override
            public Duration readTimeout() {
                return timeout;
            }

            @Override
            public HttpClientBuilder readTimeout(Duration ignored) {
                return this;
            }

            @Override
            public HttpClient build() {
                return LlmHttp.this;
            }
        };
    }

    /** Never asked for: LangChain4j's streaming models send a turn only through the streamed {@code execute}. */
    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        throw new UnsupportedOperationException("a chat turn is always streamed");
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        worker = Thread.ofVirtual().name("llm-answer").start(() -> stream(request, parser, listener));
    }

    /** How many events of the answer have been read so far. */
    int events() {
        return events.get();
    }

    /** Stops reading the answer (or waiting for it); LangChain4j then sees an error nobody listens to any more. */
    void cancel() {
        cancelled = true;
        InputStream open = body;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // closing is all that was asked; the worker notices on its next read
            }
        }
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }

    private void stream(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        try {
            HttpResponse<InputStream> response = client.send(jdkRequest(request), HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            if (cancelled) {
                body.close();
                return;
            }
            failOnErrorStatus(response);
            listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.statusCode()).headers(response.headers().map()).build());
            try (InputStream in = body) {
                parser.parse(in, counting(listener));
            }
            listener.onClose();
        } catch (InterruptedException e) {
            listener.onError(new InterruptedIOException("the answer was abandoned"));
        } catch (IOException | RuntimeException e) {
            listener.onError(e);
        } finally {
            ended.accept(events.get());
        }
    }

    /**
     * Counts the events, and turns an event that is not JSON, or that LangChain4j cannot read, into an error
     * of the answer. Every event of the three formats is a JSON object (OpenAI's closing {@code [DONE]} aside);
     * LangChain4j skips an Anthropic event of no known type, and its SSE parser logs an exception of the
     * model's listener and goes on (ServerSentEventListenerUtils.ignoringExceptions), so the turn would
     * otherwise end with whatever it had understood so far.
     */
    private ServerSentEventListener counting(ServerSentEventListener listener) {
        return new ServerSentEventListener() {
            @Override
            public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                events.incrementAndGet();
                String data = event.data() == null ? "" : event.data().strip();
                if (!data.equals("[DONE]")) {
                    try {
                        JSON.readTree(data);
                    } catch (IOException notJson) {
                        listener.onError(notJson);
                        return;
                    }
                }
                try {
                    listener.onEvent(event, context);
                } catch (RuntimeException unreadable) {
                    listener.onError(unreadable);
                }
            }

            @Override
            public void onEvent(ServerSentEvent event) {
                onEvent(event, null);
            }

            @Override
            public void onError(Throwable error) {
                listener.onError(error);
            }
        };
    }

    private java.net.http.HttpRequest jdkRequest(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new UnsupportedOperationException("a chat turn sends JSON, not forms");
        }
        java.net.http.HttpRequest.Builder jdk = java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(timeout);
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (keyless && header.getKey().equalsIgnoreCase("Authorization")) {
                continue;
            }
            header.getValue().forEach(value -> jdk.header(header.getKey(), value));
        }
        String text = request.body();
        java.net.http.HttpRequest.BodyPublisher publisher = text == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(patch.apply(text), StandardCharsets.UTF_8);
        return jdk.method(request.method().name(), publisher).build();
    }

    private static void failOnErrorStatus(HttpResponse<InputStream> response) throws IOException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String text;
        try (InputStream in = response.body()) {
            text = new String(in.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        }
        throw StatusFailure.of(status, retryAfter(response.headers()), text);
    }

    /** RFC 9110 §10.2.3 allows seconds or a date; the LLM APIs send seconds, and a date is treated as absent. */
    private static Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(String::strip).filter(value -> value.matches("\\d{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)));
    }
}
