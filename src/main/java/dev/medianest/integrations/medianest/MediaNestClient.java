package dev.medianest.integrations.medianest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.assistant.ToolDefinition;
import dev.medianest.platform.i18n.Language;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stateless client of another MediaNest's tools API, {@code GET /api/v1/assistant/tools} and
 * {@code POST /api/v1/assistant/tools/{name}} (described in src/main/resources/openapi.json and
 * docs/api.md). Failures of the gateway itself (no answer, a refused token, a page that is not
 * MediaNest) are {@link MediaNestUnavailable}; a tool that did not run is a {@link Answer.Refused}.
 */
final class MediaNestClient {

    /** A tool call may wait on Radarr or a download client, each with its own timeout on the server. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    private static final String TOOLS = "/api/v1/assistant/tools";

    /** What the server said about one call. */
    sealed interface Answer {
        record Done(JsonNode body) implements Answer {
        }

        /** The tool did not run: {@code code} is the tool error's kind, {@code field} the argument at fault. */
        record Refused(int status, String code, String message, Optional<String> field) implements Answer {
        }
    }

    private final MediaNestServer server;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Language language;

    MediaNestClient(MediaNestServer server, ObjectMapper json, Language language) {
        this.server = server;
        this.json = json;
        this.language = language;
        this.http = HttpClient.newBuilder().connectTimeout(server.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    List<ToolDefinition> tools() {
        HttpResponse<String> response = send(request(TOOLS, server.timeout()).GET().build());
        if (response.statusCode() != 200) {
            throw refusedGateway(response).orElseGet(() -> notMediaNest("GET " + TOOLS + " answered " + response.statusCode(), null));
        }
        JsonNode items = parse(response).path("items");
        if (!items.isArray()) {
            throw notMediaNest("the tool list has no items", null);
        }
        List<ToolDefinition> definitions = new ArrayList<>();
        for (JsonNode item : items) {
            try {
                definitions.add(new ToolDefinition(item.path("name").asText(), item.path("description").asText(),
                        item.path("inputSchema"), item.path("changes").asBoolean()));
            } catch (IllegalArgumentException | NullPointerException unusable) {
                throw notMediaNest("a tool definition is unusable", unusable);
            }
        }
        return List.copyOf(definitions);
    }

    Answer call(String name, JsonNode arguments) {
        String body;
        try {
            body = json.writeValueAsString(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments are not JSON", e);
        }
        String path = TOOLS + "/" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(request(path, CALL_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        if (response.statusCode() == 200) {
            return new Answer.Done(parse(response));
        }
        Optional<MediaNestUnavailable> gateway = refusedGateway(response);
        if (gateway.isPresent()) {
            throw gateway.get();
        }
        JsonNode error = parse(response).path("error");
        if (!error.path("code").isTextual()) {
            throw notMediaNest("POST " + path + " answered " + response.statusCode() + " without an error", null);
        }
        Optional<String> field = error.path("details").properties().stream().map(java.util.Map.Entry::getKey).findFirst();
        return new Answer.Refused(response.statusCode(), error.path("code").asText(), error.path("message").asText(), field);
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + server.token())
                .header("Accept", "application/json")
                .header("Accept-Language", language.code());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException refused) {
            throw new MediaNestUnavailable(MediaNestUnavailable.Kind.UNREACHABLE, server.baseUrl(), refused.toString(), refused);
        } catch (HttpTimeoutException slow) {
            throw new MediaNestUnavailable(MediaNestUnavailable.Kind.TIMEOUT, server.baseUrl(), slow.toString(), slow);
        } catch (IOException failed) {
            throw new MediaNestUnavailable(MediaNestUnavailable.Kind.UNREACHABLE, server.baseUrl(), failed.toString(), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new MediaNestUnavailable(MediaNestUnavailable.Kind.TIMEOUT, server.baseUrl(), "interrupted", interrupted);
        }
    }

    /** The answers of MediaNest's gatekeeper (docs/errors.md) that mean the token, not the tool, was refused. */
    private Optional<MediaNestUnavailable> refusedGateway(HttpResponse<String> response) {
        String code = errorCode(response);
        MediaNestUnavailable.Kind kind = switch (response.statusCode()) {
            case 401 -> code.equals("session_expired") ? MediaNestUnavailable.Kind.TOKEN_EXPIRED : MediaNestUnavailable.Kind.TOKEN_INVALID;
            case 403 -> switch (code) {
                case "account_disabled" -> MediaNestUnavailable.Kind.ACCOUNT_DISABLED;
                case "password_change_required" -> MediaNestUnavailable.Kind.PASSWORD_CHANGE_REQUIRED;
                default -> null;
            };
            case 429 -> MediaNestUnavailable.Kind.RATE_LIMITED;
            default -> null;
        };
        return Optional.ofNullable(kind).map(found -> new MediaNestUnavailable(found, server.baseUrl(),
                "HTTP " + response.statusCode() + " " + code, null));
    }

    private String errorCode(HttpResponse<String> response) {
        try {
            return json.readTree(response.body()).path("error").path("code").asText("");
        } catch (JsonProcessingException notJson) {
            return "";
        }
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            JsonNode body = json.readTree(response.body());
            if (body == null || !body.isObject()) {
                throw notMediaNest("the answer is not a JSON object", null);
            }
            return body;
        } catch (JsonProcessingException notJson) {
            throw notMediaNest("the answer is not JSON", notJson);
        }
    }

    private MediaNestUnavailable notMediaNest(String detail, Throwable cause) {
        return new MediaNestUnavailable(MediaNestUnavailable.Kind.NOT_MEDIANEST, server.baseUrl(), detail, cause);
    }
}
