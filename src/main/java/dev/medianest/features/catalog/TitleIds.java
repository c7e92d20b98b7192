package dev.medianest.features.catalog;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The ids other services know a title by: TMDb (Radarr, Seerr), TVDB (Sonarr), IMDb, and for a
 * book the Goodreads work id (Readarr's {@code foreignBookId}). At least one is known; numeric ids
 * are positive and an IMDb id looks like {@code tt1160419}.
 */
public record TitleIds(OptionalInt tmdb, OptionalInt tvdb, Optional<String> imdb, OptionalInt goodreads) {

    private static final Pattern IMDB = Pattern.compile("tt\\d{7,10}");

    public TitleIds {
        if (tmdb == null || tvdb == null || imdb == null || goodreads == null) {
            throw new IllegalArgumentException("ids may be empty but not missing");
        }
        if (tmdb.isEmpty() && tvdb.isEmpty() && imdb.isEmpty() && goodreads.isEmpty()) {
            throw new IllegalArgumentException("a title needs at least one id");
        }
        if (tmdb.isPresent() && tmdb.getAsInt() <= 0 || tvdb.isPresent() && tvdb.getAsInt() <= 0
                || goodreads.isPresent() && goodreads.getAsInt() <= 0) {
            throw new IllegalArgumentException("TMDb, TVDB and Goodreads ids are positive");
        }
        if (imdb.isPresent() && !IMDB.matcher(imdb.get()).matches()) {
            throw new IllegalArgumentException("an IMDb id looks like tt1160419");
        }
    }

    /** The ids of a movie or series, which has no Goodreads id. */
    public TitleIds(OptionalInt tmdb, OptionalInt tvdb, Optional<String> imdb) {
        this(tmdb, tvdb, imdb, OptionalInt.empty());
    }

    public static TitleIds ofTmdb(int tmdb) {
        return new TitleIds(OptionalInt.of(tmdb), OptionalInt.empty(), Optional.empty());
    }

    public static TitleIds ofTvdb(int tvdb) {
        return new TitleIds(OptionalInt.empty(), OptionalInt.of(tvdb), Optional.empty());
    }

    public static TitleIds ofGoodreads(int workId) {
        return new TitleIds(OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), OptionalInt.of(workId));
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

    /** Whether the two share any id: then they name the same title. */
    public boolean overlaps(TitleIds other) {
        return same(tmdb, other.tmdb) || same(tvdb, other.tvdb) || same(goodreads, other.goodreads)
                || imdb.isPresent() && imdb.equals(other.imdb);
    }

    /** These ids with the ones only {@code other} knows added. */
    public TitleIds with(TitleIds other) {
        return new TitleIds(tmdb.isPresent() ? tmdb : other.tmdb, tvdb.isPresent() ? tvdb : other.tvdb,
                imdb.isPresent() ? imdb : other.imdb, goodreads.isPresent() ? goodreads : other.goodreads);
    }

    private static boolean same(OptionalInt a, OptionalInt b) {
        return a.isPresent() && a.equals(b);
    }
}
