package dev.medianest.features.requests;

import java.util.List;
import java.util.OptionalInt;

/**
 * How far the household has one title, in HD (the ordinary instances) and in 4K (the instances
 * marked 4K), and for a series each regular season.
 *
 * @param seasons the regular seasons the library or an open request knows, by number; empty for movies and books
 */
public record TitleAvailability(Availability hd, Availability fourK, List<SeasonAvailability> seasons) {

    public TitleAvailability {
        if (hd == null || fourK == null) {
            throw new IllegalArgumentException("a title's availability has an HD and a 4K side");
        }
        seasons = List.copyOf(seasons);
    }

    /** Nothing known: no instance has it and nobody asked. */
    public static TitleAvailability none() {
        return new TitleAvailability(Availability.NOT_REQUESTED, Availability.NOT_REQUESTED, List.of());
    }

    /** One season's state; the episode counts come from the instance's library, when it keeps the series. */
    public record SeasonAvailability(int season, Availability hd, Availability fourK, OptionalInt episodesWithFiles,
                                     OptionalInt episodesWanted) {
        public SeasonAvailability {
            if (season < 1 || hd == null || fourK == null || episodesWithFiles == null || episodesWanted == null) {
                throw new IllegalArgumentException("a regular season has a number from 1 and both sides");
            }
        }

        public static SeasonAvailability none(int season) {
            return new SeasonAvailability(season, Availability.NOT_REQUESTED, Availability.NOT_REQUESTED, OptionalInt.empty(), OptionalInt.empty());
        }
    }

    /** The season's state, or nothing known about it. */
    public SeasonAvailability season(int number) {
        return seasons.stream().filter(season -> season.season() == number).findFirst().orElse(SeasonAvailability.none(number));
    }
}
