package dev.medianest.integrations.medianest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.platform.i18n.Language;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * A running MediaNest's JSON API, called with a personal API token (docs/api.md; the contract is
 * src/main/resources/openapi.json): what {@code chat}, {@code query}, {@code status} and
 * {@code mcp --server} use. Stateless apart from its connection pool. Redirects are not followed,
 * so the token never travels to another address. Every failure is a {@link ServerFailure}.
 *
 * <p>Errors come as {@code {"error": {"code", "message", "details"}}} with the message in the
 * language of {@code Accept-Language}; a streamed answer ({@code Accept: text/event-stream}) sends
 * its status and headers with the first event, so a message refused before anything was said still
 * gets that error shape, and a failure after that comes as an {@code error} event of the same shape.
 */
public final class MediaNestClient implements AutoCloseable {

    /** How long a connection may take to open before the server counts as unreachable, unless told otherwise. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A call may wait on Radarr or a download client, each with its own timeout on the server. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    /** A streamed reply may wait for an LLM (whose own timeout is at most 10 minutes) before its first event. */
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(11);

    private final URI server;
    private final String token;
    private final Language language;
    private final ObjectMapper json;
    private final Duration connectTimeout;
    private final HttpClient http;

    /**
     * @param server the address MediaNest answers at ({@code http://nas:8080}, or behind a proxy {@code https://media.example.org/nest})
     * @param language the language of the server's messages ({@code Accept-Language})
     */
    public MediaNestClient(URI server, String token, Language language, ObjectMapper json, Duration connectTimeout) {
        String text = Objects.requireNonNull(server, "server").toString();
        this.server = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = Objects.requireNonNull(token, "token");
        this.language = Objects.requireNonNull(language, "language");
        this.json = json;
        this.connectTimeout = connectTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI server() {
        return server;
    }

    /** GET, answering the JSON body. */
    public JsonNode get(String pathAndQuery) {
        return exchange(request(pathAndQuery, CALL_TIMEOUT).GET().build());
    }

    /** POST with a body written as JSON (a map or a record), answering the JSON body (an empty object for 204). */
    public JsonNode post(String path, Object body) {
        return exchange(request(path, CALL_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    /**
     * POST with a JSON body, asking for server-sent events: each event's name and data go to
     * {@code events} as they arrive. Returns when the server ends the stream.
     */
    public void stream(String path, Object body, BiConsumer<String, String> events) {
        HttpRequest request = request(path, STREAM_TIMEOUT).header("Content-Type", "application/json").setHeader("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build();
        HttpResponse<Stream<String>> response = send(request, HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                throw refusal(response.statusCode(), String.join("\n", (Iterable<String>) lines::iterator), response, path);
            }
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                throw new ServerFailure(ServerFailure.Kind.NOT_MEDIANEST, server, Optional.empty(), "no event stream from " + path, null);
            }
            read(lines.iterator(), events);
        } catch (java.io.UncheckedIOException broken) {
            throw new ServerFailure(ServerFailure.Kind.FAILED, server, Optional.empty(), "the event stream broke off: " + broken.getMessage(), broken);
        }
    }

    /** Server-sent events (the HTML standard's "event stream interpretation"): event and data lines, a blank line ends one. */
    private static void read(Iterator<String> lines, BiConsumer<String, String> events) {
        String event = "message";
        StringBuilder data = new StringBuilder();
        boolean any = false;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (any) {
                    events.accept(event, data.toString());
                }
                event = "message";
                data.setLength(0);
                any = false;
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                value = value.startsWith(" ") ? value.substring(1) : value;
                if (field.equals("event")) {
                    event = value;
                } else if (field.equals("data")) {
                    if (any) {
                        data.append('\n');
                    }
                    data.append(value);
                    any = true;
                }
            }
        }
        if (any) {
            events.accept(event, data.toString());
        }
    }

    /** Drops the connections; a stream still open (a reply no longer waited for) is cut off rather than waited for. */
    @Override
    public void close() {
        http.shutdownNow();
    }

    /** Reads an event's data as JSON; data that is not JSON is the server's mistake. */
    public JsonNode parse(String data) {
        try {
            return json.readTree(data);
        } catch (JsonProcessingException malformed) {
            throw new ServerFailure(ServerFailure.Kind.NOT_MEDIANEST, server, Optional.empty(), "an event is not JSON: " + malformed.getOriginalMessage(),
                    malformed);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(server + pathAndQuery))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept-Language", language.code())
                .header("Accept", "application/json");
    }

    private JsonNode exchange(HttpRequest request) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        String path = request.uri().getPath();
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw refusal(status, response.body(), response, path);
        }
        if (status == 204 || response.body().isBlank()) {
            return json.createObjectNode();
        }
        JsonNode body = jsonOrNull(response.body());
        if (body == null || !response.headers().firstValue("Content-Type").orElse("").contains("json")) {
            throw new ServerFailure(ServerFailure.Kind.NOT_MEDIANEST, server, Optional.empty(), "no JSON from " + path, null);
        }
        return body;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException slow) {
            throw new ServerFailure(ServerFailure.Kind.UNREACHABLE, server, Optional.empty(), "no connection within " + connectTimeout, slow);
        } catch (HttpTimeoutException slow) {
            throw new ServerFailure(ServerFailure.Kind.TIMEOUT, server, Optional.empty(), "no answer within " + request.timeout().orElseThrow(), slow);
        } catch (ConnectException refused) {
            throw new ServerFailure(ServerFailure.Kind.UNREACHABLE, server, Optional.empty(), "connection refused", refused);
        } catch (SSLException tls) {
            throw new ServerFailure(ServerFailure.Kind.UNREACHABLE, server, Optional.of(tls.getMessage()), "TLS failed", tls);
        } catch (IOException broken) {
            throw new ServerFailure(broken.getCause() instanceof UnresolvedAddressException ? ServerFailure.Kind.UNREACHABLE : ServerFailure.Kind.FAILED,
                    server, Optional.empty(), String.valueOf(broken.getMessage()), broken);
        } catch (UnresolvedAddressException unknownHost) {
            throw new ServerFailure(ServerFailure.Kind.UNREACHABLE, server, Optional.empty(), "unknown host", unknownHost);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ServerFailure(ServerFailure.Kind.FAILED, server, Optional.empty(), "interrupted", interrupted);
        }
    }

    /** A non-2xx answer as the failure it stands for, with the server's own message when it gave one. */
    private ServerFailure refusal(int status, String body, HttpResponse<?> response, String path) {
        JsonNode error = Optional.ofNullable(jsonOrNull(body)).map(node -> node.path("error")).orElse(json.missingNode());
        Optional<String> said = error.path("message").isTextual() ? Optional.of(said(error)) : Optional.empty();
        String detail = "HTTP " + status + " from " + path + (error.path("code").isTextual() ? " (" + error.path("code").asText() + ")" : "");
        ServerFailure.Kind kind = switch (status) {
            case 301, 302, 303, 307, 308 -> ServerFailure.Kind.MOVED;
            // The server names an expired API token as it names an expired session (docs/errors.md).
            case 401 -> "session_expired".equals(error.path("code").asText()) ? ServerFailure.Kind.TOKEN_EXPIRED : ServerFailure.Kind.TOKEN_REFUSED;
            case 403 -> ServerFailure.Kind.FORBIDDEN;
            case 404, 405 -> ServerFailure.Kind.TOO_OLD;
            case 400, 413, 415, 422 -> ServerFailure.Kind.INVALID;
            case 429 -> ServerFailure.Kind.RATE_LIMITED;
            default -> ServerFailure.Kind.FAILED;
        };
        if (kind == ServerFailure.Kind.MOVED) {
            said = response.headers().firstValue("Location");
        } else if (said.isEmpty() && kind != ServerFailure.Kind.TOO_OLD) {
            // Our server always answers its error shape; anything else is a proxy or another program.
            kind = status >= 500 ? ServerFailure.Kind.FAILED : ServerFailure.Kind.NOT_MEDIANEST;
        }
        return new ServerFailure(kind, server, said, error, detail, null);
    }

    /** The server's message, with what it said about each field ("text: at most 4000 characters"). */
    static String said(JsonNode error) {
        StringBuilder text = new StringBuilder(error.path("message").asText());
        error.path("details").properties().forEach(field -> text.append(" (").append(field.getKey()).append(": ")
                .append(field.getValue().asText()).append(')'));
        return text.toString();
    }

    private JsonNode jsonOrNull(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
