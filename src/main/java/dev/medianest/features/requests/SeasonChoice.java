package dev.medianest.features.requests;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which seasons of a series a request asks for: every season there is, only the ones still to
 * come, or chosen ones. Movies and books carry {@link #all()} and ignore it.
 *
 * @param chosen season numbers, 0 being specials; present only in the CHOSEN mode
 */
public record SeasonChoice(Mode mode, SortedSet<Integer> chosen) {

    public static final int MAX_SEASON = 200;

    public enum Mode { ALL, FUTURE, CHOSEN }

    public SeasonChoice {
        if (mode == null || chosen == null) {
            throw new IllegalArgumentException("a season choice has a mode");
        }
        if (chosen.stream().anyMatch(season -> season == null || season < 0 || season > MAX_SEASON)) {
            throw new IllegalArgumentException("season numbers run from 0 to " + MAX_SEASON);
        }
        if ((mode == Mode.CHOSEN) == chosen.isEmpty()) {
            throw new IllegalArgumentException(mode == Mode.CHOSEN ? "choose at least one season" : "only chosen seasons list numbers");
        }
        chosen = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(chosen));
    }

    public static SeasonChoice all() {
        return new SeasonChoice(Mode.ALL, new TreeSet<>());
    }

    public static SeasonChoice future() {
        return new SeasonChoice(Mode.FUTURE, new TreeSet<>());
    }

    public static SeasonChoice of(Set<Integer> seasons) {
        return new SeasonChoice(Mode.CHOSEN, new TreeSet<>(seasons));
    }

    /** How many seasons count against a quota, given the series' known regular seasons. */
    public int count(int knownSeasons) {
        return switch (mode) {
            case ALL -> Math.max(1, knownSeasons);
            case FUTURE -> 1;
            case CHOSEN -> chosen.size();
        };
    }

    /** Stored form: "" or "1,3". */
    String encode() {
        return chosen.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static SeasonChoice decode(String mode, String seasons) {
        TreeSet<Integer> numbers = new TreeSet<>();
        if (seasons != null) {
            for (String part : seasons.split(",")) {
                if (!part.isBlank()) {
                    numbers.add(Integer.parseInt(part.strip()));
                }
            }
        }
        return new SeasonChoice(Mode.valueOf(mode), numbers);
    }
}
