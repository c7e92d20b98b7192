package dev.medianest.integrations.medianest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.features.assistant.ToolCard;
import dev.medianest.features.assistant.ToolDefinition;
import dev.medianest.features.assistant.ToolError;
import dev.medianest.features.assistant.ToolOutcome;
import dev.medianest.features.assistant.ToolProgress;
import dev.medianest.features.assistant.ToolResult;
import dev.medianest.features.assistant.Toolbox;
import dev.medianest.platform.i18n.Messages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools of another MediaNest, as its token's owner sees them, for {@code medianest mcp
 * --server}: {@code GET /api/v1/assistant/tools} once, then one {@code POST
 * /api/v1/assistant/tools/{name}} per call (openapi.json, docs/api.md). Whatever goes wrong on the
 * way comes back as a {@link ToolError} in the caller's language, never as an exception.
 */
public final class RemoteToolbox implements Toolbox {

    private static final String TOOLS = "/api/v1/assistant/tools";

    private final MediaNestClient client;
    private final List<ToolDefinition> definitions;
    private final Messages.Texts texts;

    private RemoteToolbox(MediaNestClient client, List<ToolDefinition> definitions, Messages.Texts texts) {
        this.client = client;
        this.definitions = List.copyOf(definitions);
        this.texts = texts;
    }

    /**
     * Lists the server's tools once with the token, so a wrong address or a refused token is told
     * at once instead of at the first call.
     *
     * @throws ServerFailure when the server does not answer, refuses the token or is not MediaNest
     */
    public static RemoteToolbox listed(MediaNestClient client, Messages.Texts texts) {
        JsonNode items = client.get(TOOLS).path("items");
        if (!items.isArray()) {
            throw new ServerFailure(ServerFailure.Kind.NOT_MEDIANEST, client.server(), Optional.empty(), "the tool list has no items", null);
        }
        List<ToolDefinition> definitions = new ArrayList<>();
        for (JsonNode item : items) {
            try {
                definitions.add(new ToolDefinition(item.path("name").asText(), item.path("description").asText(),
                        item.path("inputSchema"), item.path("changes").asBoolean()));
            } catch (IllegalArgumentException | NullPointerException unusable) {
                throw new ServerFailure(ServerFailure.Kind.NOT_MEDIANEST, client.server(), Optional.empty(), "a tool definition is unusable", unusable);
            }
        }
        return new RemoteToolbox(client, definitions, texts);
    }

    @Override
    public List<ToolDefinition> definitions() {
        return definitions;
    }

    @Override
    public ToolOutcome call(String name, JsonNode arguments, ToolProgress progress) {
        try {
            return new ToolOutcome.Succeeded(result(client.post(TOOLS + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8), arguments)));
        } catch (ServerFailure failure) {
            return new ToolOutcome.Failed(toolError(failure));
        }
    }

    /** A tool that did not run says so with its error's kind as the code; anything else is the server or the token failing. */
    private ToolError toolError(ServerFailure failure) {
        JsonNode error = failure.error();
        Optional<ToolError.Kind> refused = Arrays.stream(ToolError.Kind.values())
                .filter(kind -> kind.wireName().equals(error.path("code").asText())).findFirst();
        if (refused.isPresent()) {
            Optional<String> field = error.path("details").properties().stream().map(Map.Entry::getKey).findFirst();
            return new ToolError(refused.get(), field, error.path("message").asText());
        }
        ToolError.Kind kind = switch (failure.kind()) {
            case UNREACHABLE, TIMEOUT, MOVED, TOO_OLD, NOT_MEDIANEST, FAILED -> ToolError.Kind.UNAVAILABLE;
            case TOKEN_REFUSED, TOKEN_EXPIRED, FORBIDDEN -> ToolError.Kind.FORBIDDEN;
            case INVALID -> ToolError.Kind.INVALID_ARGUMENTS;
            case RATE_LIMITED -> ToolError.Kind.CONFLICT;
        };
        return new ToolError(kind, Optional.empty(), failure.text(texts));
    }

    private static ToolResult result(JsonNode body) {
        List<ToolCard> cards = new ArrayList<>();
        body.path("cards").forEach(card -> cards.add(RemoteConversation.card(card)));
        return new ToolResult(body.path("structured"), body.path("summary").asText(""), cards);
    }
}
