package dev.medianest.integrations.seerr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.WebhookEvent;
import dev.medianest.features.requests.WebhookFormat;
import dev.medianest.features.services.ServiceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook notification of Seerr, Overseerr and Jellyseerr with their default JSON payload (the
 * template in server/lib/notifications/agents/webhook.ts, the same in the three): it is not in their
 * OpenAPI specs. Read here, and nothing else:
 * <ul>
 *   <li>{@code notification_type}: MEDIA_PENDING, MEDIA_APPROVED, MEDIA_AUTO_APPROVED, MEDIA_AVAILABLE,
 *       MEDIA_DECLINED, MEDIA_FAILED, TEST_NOTIFICATION; the others (MEDIA_AUTO_REQUESTED, ISSUE_…)
 *       are ignored;</li>
 *   <li>{@code media}: {@code media_type} ("movie" or "tv"), {@code tmdbId}, {@code tvdbId},
 *       {@code status} (the MediaStatus name, "AVAILABLE", "PARTIALLY_AVAILABLE", …);</li>
 *   <li>{@code request.request_id}.</li>
 * </ul>
 * The template fills its placeholders as text ({@code "tmdbId": "438631"}), and an admin may have
 * edited it to send numbers, so ids are read from either; unknown fields are ignored.
 */
final class SeerrWebhook implements WebhookFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ServiceKind kind() {
        return ServiceKind.SEERR;
    }

    @Override
    public WebhookEvent read(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isObject() || !root.path("notification_type").isTextual()) {
            throw new IllegalArgumentException("no notification_type");
        }
        String type = root.get("notification_type").asText();
        if (type.equals("TEST_NOTIFICATION")) {
            return new WebhookEvent.Test(type);
        }
        Optional<WebhookEvent.Portal> news = switch (type) {
            case "MEDIA_PENDING" -> Optional.of(WebhookEvent.Portal.PENDING);
            case "MEDIA_APPROVED", "MEDIA_AUTO_APPROVED" -> Optional.of(WebhookEvent.Portal.APPROVED);
            case "MEDIA_AVAILABLE" -> Optional.of("PARTIALLY_AVAILABLE".equals(root.path("media").path("status").asText())
                    ? WebhookEvent.Portal.PARTIALLY_AVAILABLE : WebhookEvent.Portal.AVAILABLE);
            case "MEDIA_DECLINED" -> Optional.of(WebhookEvent.Portal.DECLINED);
            case "MEDIA_FAILED" -> Optional.of(WebhookEvent.Portal.FAILED);
            default -> Optional.empty();
        };
        if (news.isEmpty()) {
            return new WebhookEvent.Ignored(type);
        }
        JsonNode media = root.path("media");
        if (!media.isObject()) {
            throw new IllegalArgumentException(type + " without media");
        }
        TitleType titleType = switch (media.path("media_type").asText()) {
            case "movie" -> TitleType.MOVIE;
            case "tv" -> TitleType.SERIES;
            default -> throw new IllegalArgumentException("media_type is neither movie nor tv");
        };
        List<ExternalId> ids = new ArrayList<>();
        number(media.path("tmdbId")).ifPresent(id -> ids.add(ExternalId.tmdb(id)));
        number(media.path("tvdbId")).ifPresent(id -> ids.add(ExternalId.tvdb(id)));
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(type + " names no TMDb or TVDB id");
        }
        Optional<Integer> requestId = number(root.path("request").path("request_id"));
        return new WebhookEvent.PortalNews(type, new WebhookEvent.Title(titleType, ids, Optional.empty(), Set.of()), requestId, news.get());
    }

    /** A positive id given as a number or as text; blank (the template's value for a missing one) is none. */
    private static Optional<Integer> number(JsonNode node) {
        if (node.isInt() && node.asInt() > 0) {
            return Optional.of(node.asInt());
        }
        if (node.isTextual() && node.asText().strip().matches("[1-9][0-9]{0,8}")) {
            return Optional.of(Integer.parseInt(node.asText().strip()));
        }
        return Optional.empty();
    }
}
