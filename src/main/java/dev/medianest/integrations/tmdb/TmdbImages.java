package dev.medianest.integrations.tmdb;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Full image addresses from the {@code poster_path}-style paths TMDb returns: base URL + size +
 * path, as TMDb's "Image Basics" guide describes. The base URL and sizes come from
 * GET /3/configuration; {@link #DEFAULT} holds the values the guide documents, for when that call
 * has not been made or failed.
 */
public record TmdbImages(String baseUrl, List<String> posterSizes, List<String> backdropSizes) {

    public static final TmdbImages DEFAULT = new TmdbImages("https://image.tmdb.org/t/p/",
            List.of("w92", "w154", "w185", "w342", "w500", "w780", "original"), List.of("w300", "w780", "w1280", "original"));

    /** The poster width the catalog pages show; sharp on a phone, small on the wire. */
    public static final String POSTER_SIZE = "w342";

    public TmdbImages {
        if (baseUrl == null || !(baseUrl.startsWith("https://") || baseUrl.startsWith("http://"))) {
            throw new IllegalArgumentException("the image base URL is an http(s) address");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        posterSizes = List.copyOf(posterSizes);
        backdropSizes = List.copyOf(backdropSizes);
    }

    /** From the configuration answer, preferring its https base URL. */
    public static TmdbImages from(TmdbClient.Configuration configuration) {
        TmdbClient.ImageConfiguration images = configuration.images();
        if (images == null) {
            return DEFAULT;
        }
        String base = images.secureBaseUrl() != null ? images.secureBaseUrl() : images.baseUrl();
        if (base == null) {
            return DEFAULT;
        }
        return new TmdbImages(base, images.posterSizes() == null ? DEFAULT.posterSizes : images.posterSizes(),
                images.backdropSizes() == null ? DEFAULT.backdropSizes : images.backdropSizes());
    }

    public Optional<URI> poster(String path) {
        return url(path, pick(posterSizes, POSTER_SIZE));
    }

    public Optional<URI> backdrop(String path) {
        return url(path, pick(backdropSizes, "w780"));
    }

    /** {@code size} is one of the configuration's sizes ("w500", "original"); an empty path means no image. */
    public Optional<URI> url(String path, String size) {
        if (path == null || path.isBlank() || !path.startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(URI.create(baseUrl + size + path));
    }

    /** "original" is always served; it stands in when TMDb ever drops the size asked for. */
    private static String pick(List<String> sizes, String wanted) {
        return sizes.isEmpty() || sizes.contains(wanted) ? wanted : "original";
    }
}
