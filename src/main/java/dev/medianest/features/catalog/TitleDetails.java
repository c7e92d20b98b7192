package dev.medianest.features.catalog;

import java.net.URI;
import java.time.LocalDate;
import java.util.Comparator;
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
 * @param seasonDetails the same seasons with what the source knows of each (episode count, first air date);
 *                      when only numbers are known, each has an unknown episode count
 */
public record TitleDetails(Title title, OptionalInt runtimeMinutes, Optional<String> certification, List<String> people,
                           List<String> makers, Optional<URI> trailer, List<Integer> seasons, List<Season> seasonDetails) {

    /** One regular season as the metadata source describes it. */
    public record Season(int number, String name, OptionalInt episodeCount, Optional<LocalDate> airDate) {
        public Season {
            if (number < 1 || number > 1000) {
                throw new IllegalArgumentException("regular seasons are numbered from 1");
            }
            if (episodeCount == null || airDate == null) {
                throw new IllegalArgumentException("episode count and air date may be empty but not missing");
            }
            if (episodeCount.isPresent() && episodeCount.getAsInt() < 0) {
                throw new IllegalArgumentException("an episode count cannot be negative");
            }
            name = name == null ? "" : name.strip();
        }

        public static Season numbered(int number) {
            return new Season(number, "", OptionalInt.empty(), Optional.empty());
        }
    }

    public TitleDetails {
        if (title == null) {
            throw new IllegalArgumentException("details belong to a title");
        }
        people = List.copyOf(people);
        makers = List.copyOf(makers);
        if (seasonDetails.isEmpty()) {
            seasonDetails = seasons.stream().filter(number -> number > 0).distinct().sorted().map(Season::numbered).toList();
        } else {
            seasonDetails = seasonDetails.stream().sorted(Comparator.comparingInt(Season::number)).toList();
        }
        seasons = seasonDetails.stream().map(Season::number).toList();
    }

    /** Details whose seasons are known by number only. */
    public TitleDetails(Title title, OptionalInt runtimeMinutes, Optional<String> certification, List<String> people,
                        List<String> makers, Optional<URI> trailer, List<Integer> seasons) {
        this(title, runtimeMinutes, certification, people, makers, trailer, seasons, List.of());
    }
}
