package dev.medianest.features.catalog;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One movie, series or book as a metadata source describes it, in the language that was asked
 * for where the source has a translation.
 *
 * @param originalTitle the title in its original language; the same as {@code title} when unknown
 * @param overview      the plot summary, empty when the source has none
 * @param poster        a full image address a browser can load
 * @param rating        the source's audience rating on a 0–10 scale
 */
public record Title(TitleType type, TitleIds ids, String title, String originalTitle, OptionalInt year, String overview,
                    Optional<URI> poster, OptionalDouble rating, List<String> genres) {

    public Title {
        if (type == null || ids == null) {
            throw new IllegalArgumentException("a title has a type and ids");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a title has a name");
        }
        title = title.strip();
        originalTitle = originalTitle == null || originalTitle.isBlank() ? title : originalTitle.strip();
        overview = overview == null ? "" : overview.strip();
        if (year.isPresent() && (year.getAsInt() < 1800 || year.getAsInt() > 2200)) {
            throw new IllegalArgumentException("year out of range: " + year.getAsInt());
        }
        if (rating.isPresent() && (rating.getAsDouble() < 0 || rating.getAsDouble() > 10)) {
            throw new IllegalArgumentException("ratings run from 0 to 10");
        }
        genres = List.copyOf(genres);
    }
}
