package dev.medianest.integrations.arr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.catalog.MediaKeeper.Catalogue;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.requests.WebhookEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What Radarr's and Sonarr's webhook payloads share. They are not in the OpenAPI specs: both apps
 * post their WebhookPayload classes as camel-case JSON (Radarr and Sonarr
 * src/NzbDrone.Core/Notifications/Webhook/WebhookPayload.cs, WebhookBase.cs, WebhookEventType.cs).
 * Read here, and nothing else: {@code eventType} ("Test", "Grab", "Download", "ImportComplete",
 * "MovieFileDelete", "EpisodeFileDelete", "Health", "HealthRestored", "ApplicationUpdate",
 * "ManualInteractionRequired"; any other is ignored), {@code downloadId} (the download client's id:
 * a torrent's info hash, upper case for qBittorrent) and {@code message} of health events. The
 * title is read by each app's own format; unknown fields are ignored.
 */
public final class ArrWebhook {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArrWebhook() {
    }

    /**
     * The event in a payload; {@code title} reads the app's own title object (movie, series) and
     * fails with IllegalArgumentException when it is missing.
     */
    public static WebhookEvent read(String body, Function<JsonNode, WebhookEvent.Title> title) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isObject() || !root.path("eventType").isTextual()) {
            throw new IllegalArgumentException("no eventType");
        }
        String type = root.get("eventType").asText();
        Optional<String> downloadId = Optional.ofNullable(root.get("downloadId")).filter(JsonNode::isTextual).map(JsonNode::asText);
        return switch (type) {
            case "Test" -> new WebhookEvent.Test(type);
            case "Health", "HealthRestored", "ApplicationUpdate", "ManualInteractionRequired" ->
                    new WebhookEvent.Health(type, root.path("message").asText(""));
            case "Grab" -> new WebhookEvent.Grabbed(type, title.apply(root), downloadId);
            case "Download", "ImportComplete", "MovieFileDelete", "EpisodeFileDelete" ->
                    new WebhookEvent.FilesChanged(type, title.apply(root), downloadId);
            default -> new WebhookEvent.Ignored(type);
        };
    }

    /** The object a title lives in ("movie", "series"), required. */
    public static JsonNode object(JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (!node.isObject()) {
            throw new IllegalArgumentException(root.path("eventType").asText() + " without " + field);
        }
        return node;
    }

    /** The app's own id of the title, when positive. */
    public static Optional<Long> libraryId(JsonNode title) {
        return title.path("id").canConvertToLong() && title.path("id").asLong() > 0 ? Optional.of(title.path("id").asLong()) : Optional.empty();
    }

    /** The public ids among {@code fields} (catalogue to field name) that hold a usable value. */
    public static List<ExternalId> ids(JsonNode title, Map<Catalogue, String> fields) {
        List<ExternalId> ids = new ArrayList<>();
        fields.forEach((catalogue, field) -> {
            JsonNode value = title.path(field);
            if (value.isNumber() || value.isTextual()) {
                ExternalId.parse(catalogue, value.asText()).ifPresent(ids::add);
            }
        });
        return ids;
    }
}
