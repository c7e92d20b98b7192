package dev.medianest.features.requests;

import dev.medianest.features.catalog.MediaKeeper.Catalogue;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleType;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The title a request is for, as the requester saw it. Its ids are what the *arr apps and Seerr
 * key on: TMDb for movies (Radarr, Seerr), TVDB or TMDb for series (Sonarr, Seerr), Goodreads for
 * books (Readarr). Two requests are for the same title when they share any id.
 */
public record RequestedTitle(TitleType type, List<ExternalId> ids, String name, OptionalInt year, Optional<URI> poster) {

    public static final int MAX_NAME = 300;

    public RequestedTitle {
        if (type == null || ids == null || name == null || year == null || poster == null) {
            throw new IllegalArgumentException("a requested title has a type, ids, a name, and optionally a year and a poster");
        }
        name = name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a title name is 1 to " + MAX_NAME + " printable characters");
        }
        ids = ids.stream().distinct().toList();
        boolean usable = switch (type) {
            case MOVIE -> has(ids, Catalogue.TMDB);
            case SERIES -> has(ids, Catalogue.TVDB) || has(ids, Catalogue.TMDB);
            case BOOK -> has(ids, Catalogue.GOODREADS);
        };
        if (!usable) {
            throw new IllegalArgumentException(switch (type) {
                case MOVIE -> "a movie request needs the TMDb id";
                case SERIES -> "a series request needs the TVDB or the TMDb id";
                case BOOK -> "a book request needs the Goodreads id";
            });
        }
        if (year.isPresent() && (year.getAsInt() < 1000 || year.getAsInt() > 2200)) {
            throw new IllegalArgumentException("year out of range: " + year.getAsInt());
        }
        if (poster.isPresent() && !List.of("http", "https").contains(String.valueOf(poster.get().getScheme()))) {
            throw new IllegalArgumentException("a poster is an http or https address");
        }
    }

    private static boolean has(List<ExternalId> ids, Catalogue catalogue) {
        return ids.stream().anyMatch(id -> id.catalogue() == catalogue);
    }

    public Optional<ExternalId> id(Catalogue catalogue) {
        return ids.stream().filter(id -> id.catalogue() == catalogue).findFirst();
    }

    /** The id the backend looks the title up by: TMDb for movies, TVDB (else TMDb) for series, Goodreads for books. */
    public ExternalId primaryId() {
        return switch (type) {
            case MOVIE -> id(Catalogue.TMDB).orElseThrow();
            case SERIES -> id(Catalogue.TVDB).or(() -> id(Catalogue.TMDB)).orElseThrow();
            case BOOK -> id(Catalogue.GOODREADS).orElseThrow();
        };
    }

    /** The ids as a catalog title carries them, to look the title up again or name its page; there is always one. */
    public TitleIds titleIds() {
        return new TitleIds(number(Catalogue.TMDB), number(Catalogue.TVDB), id(Catalogue.IMDB).map(ExternalId::value), number(Catalogue.GOODREADS));
    }

    private OptionalInt number(Catalogue catalogue) {
        return id(catalogue).map(id -> OptionalInt.of(id.number())).orElse(OptionalInt.empty());
    }

    /** A stable text key for the title ("MOVIE:TMDB:438631"), for logs and indexes. */
    public String key() {
        ExternalId id = primaryId();
        return type + ":" + id.catalogue() + ":" + id.value();
    }

    public String display() {
        return year.isPresent() ? name + " (" + year.getAsInt() + ")" : name;
    }
}
