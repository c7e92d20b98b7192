package dev.medianest.integrations.sonarr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.features.catalog.MediaKeeper.Catalogue;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.WebhookEvent;
import dev.medianest.features.requests.WebhookFormat;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.integrations.arr.ArrWebhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sonarr's webhook (Settings › Connect › Webhook). Besides what {@link ArrWebhook} reads, the title
 * is {@code series}: {@code id} (Sonarr's library id), {@code tvdbId}, {@code tmdbId} (Sonarr 4 only),
 * {@code imdbId} (src/NzbDrone.Core/Notifications/Webhook/WebhookSeries.cs), and the seasons are
 * those of {@code episodes[].seasonNumber} (WebhookEpisode.cs).
 */
final class SonarrWebhook implements WebhookFormat {

    @Override
    public ServiceKind kind() {
        return ServiceKind.SONARR;
    }

    @Override
    public WebhookEvent read(String body) {
        return ArrWebhook.read(body, root -> {
            JsonNode series = ArrWebhook.object(root, "series");
            Map<Catalogue, String> fields = new LinkedHashMap<>();
            fields.put(Catalogue.TVDB, "tvdbId");
            fields.put(Catalogue.TMDB, "tmdbId");
            fields.put(Catalogue.IMDB, "imdbId");
            Set<Integer> seasons = new TreeSet<>();
            root.path("episodes").forEach(episode -> {
                if (episode.path("seasonNumber").canConvertToInt() && episode.path("seasonNumber").asInt() >= 0) {
                    seasons.add(episode.path("seasonNumber").asInt());
                }
            });
            return new WebhookEvent.Title(TitleType.SERIES, ArrWebhook.ids(series, fields), ArrWebhook.libraryId(series), seasons);
        });
    }
}
