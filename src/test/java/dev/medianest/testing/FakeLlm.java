package dev.medianest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LLM provider on 127.0.0.1 that speaks one of the three wire formats for real — OpenAI's Chat
 * Completions (openai.openapi.yml), Anthropic's Messages (anthropic.openapi.json) or Ollama's chat
 * (ollama.openapi.yml) — and answers from a script: each request takes the next scripted step (a
 * text, tool calls, an error status, a hang). Answers stream as the real services stream them:
 * OpenAI's server-sent {@code data: {chunk}} lines ending in {@code data: [DONE]}, with tool calls as
 * {@code tool_calls} deltas; Anthropic's {@code message_start}, {@code content_block_start},
 * {@code content_block_delta} ({@code text_delta}, {@code input_json_delta}), {@code content_block_stop},
 * {@code message_delta} and {@code message_stop} events; Ollama's NDJSON lines with
 * {@code message.tool_calls}. Every request is held to its spec by {@link SpecFake}; a streamed answer
 * cannot be validated whole, so each event is held to the schema the spec gives the stream's parts
 * ({@code CreateChatCompletionStreamResponse}, {@code MessageStreamEvent}, {@code ChatStreamEvent}), and
 * each error body to the spec's {@code ErrorResponse}. Only the streamed form is spoken: LangChain4j's
 * streaming models never ask for another; a request that does is reported by {@link #assertAllInSpec()}.
 *
 * <p>What the model was sent can be read back per request, the same way whatever the format:
 * {@link Received#toolResults()}, {@link Received#toolSchema(String)}, {@link Received#apiKey()} and so on.
 */
public final class FakeLlm implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The schema of an error body: each of the three specs names it so. */
    private static final String ERRORS = "ErrorResponse";

    /** A wire format: its spec, the path the fake serves, and the schemas of its stream's parts and of its errors. */
    public enum Format {
        OPENAI("openai.openapi.yml", "/chat/completions", "/v1", "CreateChatCompletionStreamResponse"),
        ANTHROPIC("anthropic.openapi.json", "/v1/messages", "", "MessageStreamEvent"),
        OLLAMA("ollama.openapi.yml", "/api/chat", "", "ChatStreamEvent");

        private final String specFile;
        private final String specPath;
        private final String basePath;
        private final String eventSchema;

        Format(String specFile, String specPath, String basePath, String eventSchema) {
            this.specFile = specFile;
            this.specPath = specPath;
            this.basePath = basePath;
            this.eventSchema = eventSchema;
        }

        String path() {
            return basePath + specPath;
        }
    }

    /** One tool call the model makes: {@code argumentsJson} is an object, as text. */
    public record Call(String name, String argumentsJson) {
    }

    /**
     * One scripted model turn: its text (streamed word by word), the tools it calls, the tokens it
     * reports, and how the stream ends.
     */
    public record Turn(String text, List<Call> calls, int inputTokens, int outputTokens, Ending ending) {
        public Turn {
            calls = List.copyOf(calls);
        }

        public static Turn text(String text) {
            return new Turn(text, List.of(), 25, Math.max(1, text.split("\\s+").length), Ending.COMPLETE);
        }

        public static Turn calling(String name, String argumentsJson) {
            return new Turn("", List.of(new Call(name, argumentsJson)), 25, 12, Ending.COMPLETE);
        }

        public Turn call(String name, String argumentsJson) {
            List<Call> more = new ArrayList<>(calls);
            more.add(new Call(name, argumentsJson));
            return new Turn(text, more, inputTokens, outputTokens, ending);
        }

        public Turn usage(int input, int output) {
            return new Turn(text, calls, input, output, ending);
        }

        /**
         * The answer reports no token counts, as an OpenAI-compatible server that ignores
         * {@code stream_options} and an Ollama line without them do; Anthropic's spec requires usage, so
         * its fake reports zeros.
         */
        public Turn withoutUsage() {
            return new Turn(text, calls, -1, -1, ending);
        }

        boolean reportsUsage() {
            return inputTokens >= 0;
        }

        /** The text streams, then nothing more comes and the connection stays open. */
        public Turn thenHang() {
            return new Turn(text, calls, inputTokens, outputTokens, Ending.HANG);
        }

        /** The text streams, then the answer ends without the format's closing events. */
        public Turn thenStop() {
            return new Turn(text, calls, inputTokens, outputTokens, Ending.CUT_SHORT);
        }
    }

    /** How a turn's stream ends. */
    public enum Ending { COMPLETE, HANG, CUT_SHORT }

    /** What the fake does with one request. */
    private sealed interface Step {
    }

    private record Answer(Turn turn) implements Step {
    }

    private record Failure(int status, Optional<Integer> retryAfterSeconds) implements Step {
    }

    private record Hang() implements Step {
    }

    /** A 200 whose body is not the format: {@code html} a web page, otherwise stream lines that are not JSON. */
    private record Garbage(boolean html) implements Step {
    }

    /**
     * ollama.openapi.yml's ChatMessage has no {@code tool_name}, but the API reference and the tool-calling
     * guide have a tool result carry it, and Ollama matches results to calls by it.
     */
    private static final SpecFake.KnownGap OLLAMA_TOOL_NAME = new SpecFake.KnownGap("POST", "/api/chat", "property 'tool_name' is not defined",
            "ollama-api.md, Chat, the message object: \"tool_name (optional): add the name of the tool that was executed\"; "
                    + "ollama-tool-calling.md sends {\"role\": \"tool\", \"tool_name\": …, \"content\": …}");

    /** ToolCall.function in ollama.openapi.yml has no {@code index}; Ollama numbers a turn's calls with it. */
    private static final SpecFake.KnownGap OLLAMA_CALL_INDEX = new SpecFake.KnownGap("POST", "/api/chat", "property 'index' is not defined",
            "ollama-tool-calling.md, parallel tool calling: each call's function has \"index\": 0, 1, 2, …");

    private final Format format;
    private final SpecFake spec;
    private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger ids = new AtomicInteger();

    private FakeLlm(Format format) {
        this.format = format;
        this.spec = SpecFake.start(format.specFile, Set.of(format.specPath), Set.of(format.eventSchema, ERRORS),
                routes -> routes.post(format.path(), this::answer));
        if (format == Format.OLLAMA) {
            spec.tolerating(OLLAMA_TOOL_NAME, OLLAMA_CALL_INDEX);
        }
    }

    /** OpenAI's Chat Completions at {@code <baseUrl>/chat/completions}, the base URL ending in /v1 as LM Studio's and vLLM's do. */
    public static FakeLlm openAi() {
        return new FakeLlm(Format.OPENAI);
    }

    /** Anthropic's Messages at {@code <baseUrl>/v1/messages}. */
    public static FakeLlm anthropic() {
        return new FakeLlm(Format.ANTHROPIC);
    }

    /** Ollama's native chat at {@code <baseUrl>/api/chat}. */
    public static FakeLlm ollama() {
        return new FakeLlm(Format.OLLAMA);
    }

    public Format format() {
        return format;
    }

    /** What the model settings name as the provider's base URL. */
    public URI baseUrl() {
        return URI.create(spec.baseUrl() + format.basePath);
    }

    /** The next turn answers {@code text}. */
    public FakeLlm replyText(String text) {
        return reply(Turn.text(text));
    }

    /** The next turn calls one tool. */
    public FakeLlm callTool(String name, String argumentsJson) {
        return reply(Turn.calling(name, argumentsJson));
    }

    public FakeLlm reply(Turn turn) {
        script.add(new Answer(turn));
        return this;
    }

    /** The next request is refused with {@code status} and the format's error body. */
    public FakeLlm fail(int status) {
        script.add(new Failure(status, Optional.empty()));
        return this;
    }

    /** The next request is refused with {@code status}, asking to wait (Retry-After, in seconds). */
    public FakeLlm fail(int status, int retryAfterSeconds) {
        script.add(new Failure(status, Optional.of(retryAfterSeconds)));
        return this;
    }

    /** The next request is accepted and never answered (until the fake closes). */
    public FakeLlm hang() {
        script.add(new Hang());
        return this;
    }

    /**
     * The next request gets a 200 whose stream lines are not JSON. Deliberately outside the spec: a
     * test that scripts it does not call {@link #assertAllInSpec()}.
     */
    public FakeLlm garbage() {
        script.add(new Garbage(false));
        return this;
    }

    /** The next request gets a 200 web page instead of a stream (a proxy or a captive portal); outside the spec, like {@link #garbage()}. */
    public FakeLlm webPage() {
        script.add(new Garbage(true));
        return this;
    }

    /** Every request so far, oldest first, counted from its arrival (before it is checked against the spec). */
    public List<Received> requests() {
        return spec.received().stream().filter(request -> request.path().equals(format.path())).map(this::received).toList();
    }

    public Received lastRequest() {
        List<Received> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("the fake " + format + " received no request");
        }
        return all.getLast();
    }

    private Received received(SpecFake.Recorded request) {
        return received(request.headers(), request.body());
    }

    private Received received(Map<String, String> headers, String body) {
        Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        return new Received(format, Collections.unmodifiableMap(caseless), parse(body, "the request body"));
    }

    /** Fails when a request or an answer left the spec, a request found no scripted step, or asked for no stream. */
    public void assertAllInSpec() {
        if (!problems.isEmpty()) {
            throw new AssertionError("the fake " + format + ": " + String.join("; ", problems));
        }
        spec.assertAllInSpec();
    }

    @Override
    public void close() {
        closing.countDown();
        spec.close();
    }

    // ---- answering

    private void answer(Context ctx) throws IOException {
        Received request = received(ctx.headerMap(), ctx.body());
        int number = requests().size();
        if (!request.streamed()) {
            problems.add("request " + number + " asked for an answer that is not streamed");
        }
        Step step = script.poll();
        if (step == null) {
            problems.add("request " + number + " found no scripted turn");
            step = new Failure(500, Optional.empty());
        }
        switch (step) {
            case Answer answer -> stream(ctx, answer.turn(), request);
            case Failure failure -> refuse(ctx, failure);
            case Hang hang -> awaitClosing();
            case Garbage garbage -> {
                if (garbage.html()) {
                    ctx.status(200).contentType("text/html").result("<html><body><h1>Sign in to the network</h1></body></html>");
                } else {
                    ctx.status(200).contentType(streamType());
                    String lines = format == Format.OLLAMA ? "<html>\n<body>oops</body>\n" : "data: <html>\n\ndata: {\"broken\": \n\n";
                    ctx.result(lines);
                }
            }
        }
    }

    private void awaitClosing() {
        try {
            closing.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String streamType() {
        return format == Format.OLLAMA ? "application/x-ndjson" : "text/event-stream";
    }

    private void refuse(Context ctx, Failure failure) {
        // A 401 repeats the key it was given, as careless servers do, so tests can see that it goes no further.
        String message = switch (failure.status()) {
            case 401 -> "Incorrect API key provided: " + received(ctx.headerMap(), ctx.body()).apiKey().orElse("(none)");
            case 404 -> "model: not-a-model";
            case 429 -> "Rate limit reached; please slow down";
            default -> failure.status() >= 500 ? "Internal server error" : "Bad request";
        };
        ObjectNode error = NODES.objectNode();
        switch (format) {
            case OPENAI -> error.putObject("error").put("message", message).put("type", openAiErrorType(failure.status()))
                    .putNull("param").putNull("code");
            case ANTHROPIC -> {
                error.put("type", "error");
                error.putObject("error").put("type", anthropicErrorType(failure.status())).put("message", message);
                error.put("request_id", "req_" + ids.incrementAndGet());
            }
            case OLLAMA -> error.put("error", message);
        }
        spec.holdToSchema(ctx, ERRORS, error.toString());
        // openai.openapi.yml documents Retry-After (seconds) on its 429; Anthropic and Ollama send it the same way.
        failure.retryAfterSeconds().ifPresent(seconds -> ctx.header("Retry-After", String.valueOf(seconds)));
        ctx.status(failure.status()).contentType("application/json").result(error.toString());
    }

    private static String openAiErrorType(int status) {
        return switch (status) {
            case 401 -> "invalid_request_error";
            case 429 -> "requests";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    /** The error types of anthropic.openapi.json's ErrorResponse, by the status Anthropic sends each with. */
    private static String anthropicErrorType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            case 504 -> "timeout_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private void stream(Context ctx, Turn turn, Received request) throws IOException {
        ctx.status(200).contentType(streamType()).header("Cache-Control", "no-cache");
        OutputStream out = ctx.res().getOutputStream();
        List<Event> events = switch (format) {
            case OPENAI -> openAiEvents(turn, request);
            case ANTHROPIC -> anthropicEvents(turn, request);
            case OLLAMA -> ollamaEvents(turn, request);
        };
        int shown = turn.ending() == Ending.COMPLETE ? events.size() : textEvents(events);
        for (Event event : events.subList(0, shown)) {
            if (event.json() != null) {
                spec.holdToSchema(ctx, event.schema() == null ? format.eventSchema : event.schema(), event.json().toString());
            }
            out.write(event.wire(format).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (turn.ending() == Ending.HANG) {
            awaitClosing();
        }
    }

    /** How many events, from the start, carry the text (and what comes before it): where a cut-off stream stops. */
    private static int textEvents(List<Event> events) {
        int last = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).text()) {
                last = i + 1;
            }
        }
        return Math.max(last, 1);
    }

    /**
     * One event of a stream: its SSE event name, its JSON (null for OpenAI's closing [DONE]), whether it
     * carries text, and the schema it is held to when not the format's event schema.
     */
    private record Event(String name, JsonNode json, boolean text, String schema) {
        Event(String name, JsonNode json, boolean text) {
            this(name, json, text, null);
        }

        String wire(Format format) {
            String data = json == null ? "[DONE]" : json.toString();
            return switch (format) {
                case OPENAI -> "data: " + data + "\n\n";
                case ANTHROPIC -> "event: " + name + "\ndata: " + data + "\n\n";
                case OLLAMA -> data + "\n";
            };
        }
    }

    /** The text in the pieces it streams in: a word and the space after it. */
    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        for (String piece : text.split("(?<= )")) {
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
        }
        return pieces;
    }

    /** An argument object streamed in two halves, as models write them. */
    private static List<String> halves(String argumentsJson) {
        int middle = argumentsJson.length() / 2;
        return List.of(argumentsJson.substring(0, middle), argumentsJson.substring(middle));
    }

    /** openai.openapi.yml, CreateChatCompletionStreamResponse and ChatCompletionMessageToolCallChunk. */
    private List<Event> openAiEvents(Turn turn, Received request) {
        String id = "chatcmpl-" + ids.incrementAndGet();
        long created = System.currentTimeMillis() / 1000;
        List<Event> events = new ArrayList<>();
        ObjectNode opening = NODES.objectNode().put("role", "assistant").put("content", "");
        events.add(new Event(null, openAiChunk(id, created, request.model(), opening, null), false));
        for (String piece : pieces(turn.text())) {
            events.add(new Event(null, openAiChunk(id, created, request.model(), NODES.objectNode().put("content", piece), null), true));
        }
        for (int index = 0; index < turn.calls().size(); index++) {
            Call call = turn.calls().get(index);
            ObjectNode first = NODES.objectNode();
            first.putArray("tool_calls").addObject().put("index", index).put("id", "call_" + ids.incrementAndGet()).put("type", "function")
                    .putObject("function").put("name", call.name()).put("arguments", "");
            events.add(new Event(null, openAiChunk(id, created, request.model(), first, null), false));
            for (String half : halves(call.argumentsJson())) {
                ObjectNode delta = NODES.objectNode();
                delta.putArray("tool_calls").addObject().put("index", index).putObject("function").put("arguments", half);
                events.add(new Event(null, openAiChunk(id, created, request.model(), delta, null), false));
            }
        }
        String finish = turn.calls().isEmpty() ? "stop" : "tool_calls";
        events.add(new Event(null, openAiChunk(id, created, request.model(), NODES.objectNode(), finish), false));
        // Usage comes in a last chunk with no choices, only when the request asks for it (stream_options.include_usage).
        if (turn.reportsUsage() && request.body().path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usage = openAiChunk(id, created, request.model(), null, null);
            usage.putObject("usage").put("prompt_tokens", turn.inputTokens()).put("completion_tokens", turn.outputTokens())
                    .put("total_tokens", turn.inputTokens() + turn.outputTokens());
            events.add(new Event(null, usage, false));
        }
        events.add(new Event(null, null, false));
        return events;
    }

    private static ObjectNode openAiChunk(String id, long created, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = NODES.objectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
        ArrayNode choices = chunk.putArray("choices");
        if (delta != null) {
            ObjectNode choice = choices.addObject().put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            if (finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason);
            }
        }
        return chunk;
    }

    /** anthropic.openapi.json, MessageStreamEvent and the events it is one of. */
    private List<Event> anthropicEvents(Turn turn, Received request) {
        List<Event> events = new ArrayList<>();
        ObjectNode start = NODES.objectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message").put("id", "msg_" + ids.incrementAndGet()).put("type", "message")
                .put("role", "assistant").put("model", request.model());
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        anthropicUsage(message.putObject("usage"), Math.max(0, turn.inputTokens()), turn.reportsUsage() ? 1 : 0);
        events.add(new Event("message_start", start, false));
        int index = 0;
        if (!turn.text().isEmpty()) {
            ObjectNode text = NODES.objectNode().put("type", "text").put("text", "").putNull("citations");
            anthropicBlock(events, index++, text, "text_delta", "text", pieces(turn.text()), true);
        }
        for (Call call : turn.calls()) {
            ObjectNode use = NODES.objectNode().put("type", "tool_use").put("id", "toolu_" + ids.incrementAndGet()).put("name", call.name());
            use.putObject("input");
            anthropicBlock(events, index++, use, "input_json_delta", "partial_json", halves(call.argumentsJson()), false);
        }
        ObjectNode end = NODES.objectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", turn.calls().isEmpty() ? "end_turn" : "tool_use").putNull("stop_sequence");
        ObjectNode usage = end.putObject("usage");
        usage.putNull("cache_creation_input_tokens").putNull("cache_read_input_tokens").putNull("input_tokens")
                .put("output_tokens", Math.max(0, turn.outputTokens())).putNull("server_tool_use");
        events.add(new Event("message_delta", end, false));
        events.add(new Event("message_stop", NODES.objectNode().put("type", "message_stop"), false));
        return events;
    }

    /** One content block: its start, a delta of {@code deltaType} for each part (the part under {@code field}), its stop. */
    private static void anthropicBlock(List<Event> events, int index, ObjectNode block, String deltaType, String field, List<String> parts,
                                       boolean text) {
        ObjectNode start = NODES.objectNode().put("type", "content_block_start").put("index", index);
        start.set("content_block", block);
        events.add(new Event("content_block_start", start, false));
        for (String part : parts) {
            ObjectNode delta = NODES.objectNode().put("type", "content_block_delta").put("index", index);
            delta.putObject("delta").put("type", deltaType).put(field, part);
            events.add(new Event("content_block_delta", delta, text));
        }
        events.add(new Event("content_block_stop", NODES.objectNode().put("type", "content_block_stop").put("index", index), false));
    }

    private static void anthropicUsage(ObjectNode usage, int input, int output) {
        usage.putNull("cache_creation").putNull("cache_creation_input_tokens").putNull("cache_read_input_tokens")
                .put("input_tokens", input).put("output_tokens", output).putNull("server_tool_use").putNull("service_tier");
    }

    /** ollama.openapi.yml: ChatStreamEvent lines, the last of them a ChatResponse with the counts. */
    private List<Event> ollamaEvents(Turn turn, Received request) {
        List<Event> events = new ArrayList<>();
        String created = java.time.Instant.now().toString();
        for (String piece : pieces(turn.text())) {
            ObjectNode line = NODES.objectNode().put("model", request.model()).put("created_at", created);
            line.putObject("message").put("role", "assistant").put("content", piece);
            events.add(new Event(null, line.put("done", false), true));
        }
        if (!turn.calls().isEmpty()) {
            // Ollama sends all of a turn's calls in one line, their arguments as objects, without ids (ToolCall)
            // and numbered by function.index (ollama-tool-calling.md), which is what tells two calls apart.
            ObjectNode line = NODES.objectNode().put("model", request.model()).put("created_at", created);
            ArrayNode calls = line.putObject("message").put("role", "assistant").put("content", "").putArray("tool_calls");
            for (int index = 0; index < turn.calls().size(); index++) {
                Call call = turn.calls().get(index);
                calls.addObject().putObject("function").put("index", index).put("name", call.name()).set("arguments", parse(call.argumentsJson(), "a scripted call's arguments"));
            }
            events.add(new Event(null, line.put("done", false), false));
        }
        ObjectNode last = NODES.objectNode().put("model", request.model()).put("created_at", created);
        last.putObject("message").put("role", "assistant").put("content", "");
        last.put("done", true).put("done_reason", "stop").put("total_duration", 1_000_000L);
        if (turn.reportsUsage()) {
            last.put("prompt_eval_count", turn.inputTokens()).put("eval_count", turn.outputTokens());
        }
        // "The final response object will include statistics" (ollama-api.md, Chat): the fields of ChatResponse.
        events.add(new Event(null, last, false, "ChatResponse"));
        return events;
    }

    private static JsonNode parse(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " is not JSON: " + json, e);
        }
    }

    // ---- what the model was sent

    /** A tool result the model received: the call it answers ({@code callId}; Ollama matches by {@code toolName} instead). */
    public record ToolResult(String callId, String toolName, String content, boolean error) {
    }

    /** A tool call repeated back to the model in the conversation. */
    public record SentCall(String id, String name, JsonNode arguments) {
    }

    /** One request as the fake received it, read the same way whatever the format. */
    public record Received(Format format, Map<String, String> headers, JsonNode body) {

        /** The key as sent: OpenAI's {@code Authorization: Bearer}, Anthropic's {@code x-api-key}; empty when none. */
        public Optional<String> apiKey() {
            return switch (format) {
                case ANTHROPIC -> Optional.ofNullable(headers.get("x-api-key"));
                case OPENAI, OLLAMA -> Optional.ofNullable(headers.get("Authorization")).filter(value -> value.startsWith("Bearer "))
                        .map(value -> value.substring("Bearer ".length()));
            };
        }

        public String model() {
            return body.path("model").asText();
        }

        /** Whether it asked for a streamed answer (Ollama streams unless told not to). */
        public boolean streamed() {
            return body.path("stream").asBoolean(format == Format.OLLAMA);
        }

        /** The names of the tools offered, in order. */
        public List<String> toolNames() {
            List<String> names = new ArrayList<>();
            body.path("tools").forEach(tool -> names.add(declared(tool).path("name").asText()));
            return names;
        }

        /** The JSON Schema of a tool's arguments as the model was given it. */
        public JsonNode toolSchema(String name) {
            for (JsonNode tool : body.path("tools")) {
                if (declared(tool).path("name").asText().equals(name)) {
                    return declared(tool).path(format == Format.ANTHROPIC ? "input_schema" : "parameters");
                }
            }
            throw new AssertionError("no tool " + name + " was offered; the tools were " + toolNames());
        }

        /** Where a tool's name and schema are: Anthropic's tool itself, OpenAI's and Ollama's {@code function}. */
        private JsonNode declared(JsonNode tool) {
            return format == Format.ANTHROPIC ? tool : tool.path("function");
        }

        /** The system prompt: Anthropic's top-level {@code system}, else the system messages, joined. */
        public String system() {
            List<String> parts = new ArrayList<>();
            if (format == Format.ANTHROPIC) {
                JsonNode system = body.path("system");
                if (system.isTextual()) {
                    parts.add(system.asText());
                }
                system.forEach(block -> parts.add(block.path("text").asText()));
            } else {
                for (JsonNode message : body.path("messages")) {
                    if (message.path("role").asText().equals("system")) {
                        parts.add(text(message.path("content")));
                    }
                }
            }
            return String.join("\n", parts);
        }

        /** The texts of the user's messages, in order (tool results, which Anthropic sends as user messages, left out). */
        public List<String> userTexts() {
            List<String> texts = new ArrayList<>();
            for (JsonNode message : body.path("messages")) {
                if (message.path("role").asText().equals("user")) {
                    String text = text(message.path("content"));
                    if (!text.isEmpty()) {
                        texts.add(text);
                    }
                }
            }
            return texts;
        }

        /** The tool calls the conversation repeats back, in order. */
        public List<SentCall> sentCalls() {
            List<SentCall> calls = new ArrayList<>();
            for (JsonNode message : body.path("messages")) {
                if (!message.path("role").asText().equals("assistant")) {
                    continue;
                }
                if (format == Format.ANTHROPIC) {
                    for (JsonNode block : message.path("content")) {
                        if (block.path("type").asText().equals("tool_use")) {
                            calls.add(new SentCall(block.path("id").asText(), block.path("name").asText(), block.path("input")));
                        }
                    }
                    continue;
                }
                for (JsonNode call : message.path("tool_calls")) {
                    JsonNode arguments = call.path("function").path("arguments");
                    calls.add(new SentCall(call.path("id").isMissingNode() ? null : call.path("id").asText(), call.path("function").path("name").asText(),
                            arguments.isTextual() ? parse(arguments.asText(), "a call's arguments") : arguments));
                }
            }
            return calls;
        }

        /** The tool results the model received, in order; the tool's name is read from the call a result answers where the format gives only the id. */
        public List<ToolResult> toolResults() {
            Map<String, String> namesById = new LinkedHashMap<>();
            sentCalls().forEach(call -> namesById.put(call.id(), call.name()));
            List<ToolResult> results = new ArrayList<>();
            for (JsonNode message : body.path("messages")) {
                String role = message.path("role").asText();
                if (format == Format.ANTHROPIC && role.equals("user")) {
                    for (JsonNode block : message.path("content")) {
                        if (block.path("type").asText().equals("tool_result")) {
                            String id = block.path("tool_use_id").asText();
                            results.add(new ToolResult(id, namesById.get(id), text(block.path("content")), block.path("is_error").asBoolean(false)));
                        }
                    }
                } else if (role.equals("tool")) {
                    String id = message.path("tool_call_id").isMissingNode() ? null : message.path("tool_call_id").asText();
                    String name = message.path("tool_name").isMissingNode() ? namesById.get(id) : message.path("tool_name").asText();
                    results.add(new ToolResult(id, name, text(message.path("content")), false));
                }
            }
            return results;
        }

        /** A message's content as text: a string, or the text of its text blocks. */
        private static String text(JsonNode content) {
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder text = new StringBuilder();
            content.forEach(block -> {
                if (block.path("type").asText().equals("text")) {
                    text.append(block.path("text").asText());
                }
            });
            return text.toString();
        }
    }
}
