package dev.medianest.features.catalog;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A title with what a details page adds to the summary.
 *
 * @param certification the age rating in the asked language's country ("PG-13", "16+"), when known
 * @param people        leading cast, top-billed first
 * @param makers        directors of a movie, creators of a series
 * @param trailer       a video page (YouTube) with the trailer
 * @param seasons       season numbers of a series, specials (0) excluded; empty for a movie
 */
public record TitleDetails(Title title, OptionalInt runtimeMinutes, Optional<String> certification, List<String> people,
                           List<String> makers, Optional<URI> trailer, List<Integer> seasons) {

    public TitleDetails {
        if (title == null) {
            throw new IllegalArgumentException("details belong to a title");
        }
        people = List.copyOf(people);
        makers = List.copyOf(makers);
        seasons = List.copyOf(seasons);
    }
}
