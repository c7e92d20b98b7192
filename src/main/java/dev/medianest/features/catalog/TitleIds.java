package dev.medianest.features.catalog;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The ids other services know a title by: TMDb (Radarr, Seerr), TVDB (Sonarr) and IMDb. At least
 * one is known; numeric ids are positive and an IMDb id looks like {@code tt1160419}.
 */
public record TitleIds(OptionalInt tmdb, OptionalInt tvdb, Optional<String> imdb) {

    private static final Pattern IMDB = Pattern.compile("tt\\d{7,10}");

    public TitleIds {
        if (tmdb.isEmpty() && tvdb.isEmpty() && imdb.isEmpty()) {
            throw new IllegalArgumentException("a title needs at least one id");
        }
        if (tmdb.isPresent() && tmdb.getAsInt() <= 0 || tvdb.isPresent() && tvdb.getAsInt() <= 0) {
            throw new IllegalArgumentException("TMDb and TVDB ids are positive");
        }
        if (imdb.isPresent() && !IMDB.matcher(imdb.get()).matches()) {
            throw new IllegalArgumentException("an IMDb id looks like tt1160419");
        }
    }

    public static TitleIds ofTmdb(int tmdb) {
        return new TitleIds(OptionalInt.of(tmdb), OptionalInt.empty(), Optional.empty());
    }

    /** Builds from ids as services send them: 0, null or blank mean "not known". */
    public static Optional<TitleIds> of(Integer tmdb, Integer tvdb, String imdb) {
        OptionalInt tmdbId = tmdb == null || tmdb <= 0 ? OptionalInt.empty() : OptionalInt.of(tmdb);
        OptionalInt tvdbId = tvdb == null || tvdb <= 0 ? OptionalInt.empty() : OptionalInt.of(tvdb);
        Optional<String> imdbId = Optional.ofNullable(imdb).map(String::strip).filter(id -> IMDB.matcher(id).matches());
        if (tmdbId.isEmpty() && tvdbId.isEmpty() && imdbId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TitleIds(tmdbId, tvdbId, imdbId));
    }
}
