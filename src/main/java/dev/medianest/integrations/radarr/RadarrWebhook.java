package dev.medianest.integrations.radarr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.features.catalog.MediaKeeper.Catalogue;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.WebhookEvent;
import dev.medianest.features.requests.WebhookFormat;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.integrations.arr.ArrWebhook;

import java.util.Map;
import java.util.Set;

/**
 * Radarr's webhook (Settings › Connect › Webhook). Besides what {@link ArrWebhook} reads, the title
 * is {@code movie}: {@code id} (Radarr's library id), {@code tmdbId}, {@code imdbId}
 * (src/NzbDrone.Core/Notifications/Webhook/WebhookMovie.cs).
 */
final class RadarrWebhook implements WebhookFormat {

    @Override
    public ServiceKind kind() {
        return ServiceKind.RADARR;
    }

    @Override
    public WebhookEvent read(String body) {
        return ArrWebhook.read(body, root -> {
            JsonNode movie = ArrWebhook.object(root, "movie");
            return new WebhookEvent.Title(TitleType.MOVIE, ArrWebhook.ids(movie, Map.of(Catalogue.TMDB, "tmdbId", Catalogue.IMDB, "imdbId")),
                    ArrWebhook.libraryId(movie), Set.of());
        });
    }
}
