package dev.medianest.integrations.tmdb;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.medianest.platform.http.RemoteFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * The reference data every TMDb answer is read with: the image configuration and the genre
 * names. TMDb's guides ask clients to cache both rather than fetch them per request (they change
 * a few times a year), so they are kept a day per TMDb address and language.
 * When a fetch fails, the documented image defaults stand in and genres stay unnamed; neither
 * failure is cached, so the next request tries again.
 */
final class TmdbReference {

    private static final Logger LOG = LoggerFactory.getLogger(TmdbReference.class);

    private final TmdbClient client;
    private final Cache<String, TmdbImages> images = Caffeine.newBuilder().expireAfterWrite(Duration.ofDays(1)).maximumSize(16).build();
    private final Cache<String, Map<Integer, String>> genres = Caffeine.newBuilder().expireAfterWrite(Duration.ofDays(1)).maximumSize(64).build();

    TmdbReference(TmdbClient client) {
        this.client = client;
    }

    TmdbImages images(TmdbSettings settings) {
        String key = settings.endpoint().baseUrl().toString();
        TmdbImages cached = images.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        try {
            TmdbImages fetched = TmdbImages.from(client.configuration(settings));
            images.put(key, fetched);
            return fetched;
        } catch (RemoteFailure failure) {
            LOG.warn("TMDb configuration unavailable at {}, using the documented image address: {}", key, failure.getMessage());
            return TmdbImages.DEFAULT;
        }
    }

    Map<Integer, String> genres(TmdbSettings settings, TmdbClient.Media media, String language) {
        String key = settings.endpoint().baseUrl() + " " + media + " " + language;
        Map<Integer, String> cached = genres.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        try {
            Map<Integer, String> fetched = Map.copyOf(client.genres(settings, media, language).byId());
            genres.put(key, fetched);
            return fetched;
        } catch (RemoteFailure failure) {
            LOG.warn("TMDb genre list unavailable at {}: {}", settings.endpoint().baseUrl(), failure.getMessage());
            return Map.of();
        }
    }
}
