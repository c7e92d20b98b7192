package dev.medianest.features.requests;

import dev.medianest.features.catalog.TitleType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How much one person may ask for: so many movies, seasons and books within a number of days.
 * 0 means no limit. The configured defaults apply unless an admin set an override for the person.
 */
public record QuotaPolicy(int movies, int seasons, int books, int days) {

    public static final int MAX_LIMIT = 10_000;
    public static final int MAX_DAYS = 365;

    public QuotaPolicy {
        if (movies < 0 || seasons < 0 || books < 0 || movies > MAX_LIMIT || seasons > MAX_LIMIT || books > MAX_LIMIT) {
            throw new IllegalArgumentException("quota limits run from 0 (none) to " + MAX_LIMIT);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("a quota period runs from 1 to " + MAX_DAYS + " days");
        }
    }

    public int limit(TitleType type) {
        return switch (type) {
            case MOVIE -> movies;
            case SERIES -> seasons;
            case BOOK -> books;
        };
    }

    /** The defaults with a person's own values where an admin set them. */
    public QuotaPolicy with(Override override) {
        return new QuotaPolicy(override.movies().orElse(movies), override.seasons().orElse(seasons), override.books().orElse(books),
                override.days().orElse(days));
    }

    /** A person's own limits; each empty value falls back to the default. */
    public record Override(Optional<Integer> movies, Optional<Integer> seasons, Optional<Integer> books, Optional<Integer> days) {
        public Override {
            if (movies.filter(v -> v < 0 || v > MAX_LIMIT).isPresent() || seasons.filter(v -> v < 0 || v > MAX_LIMIT).isPresent()
                    || books.filter(v -> v < 0 || v > MAX_LIMIT).isPresent()) {
                throw new IllegalArgumentException("quota limits run from 0 (none) to " + MAX_LIMIT);
            }
            if (days.filter(v -> v < 1 || v > MAX_DAYS).isPresent()) {
                throw new IllegalArgumentException("a quota period runs from 1 to " + MAX_DAYS + " days");
            }
        }

        public static Override none() {
            return new Override(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        public boolean isEmpty() {
            return movies.isEmpty() && seasons.isEmpty() && books.isEmpty() && days.isEmpty();
        }
    }

    /**
     * Where a person stands for one type: used of the limit within the period, and when the
     * oldest counted request leaves the period (the earliest a request over the limit becomes possible).
     */
    public record Standing(TitleType type, int limit, int used, int days, Optional<Instant> nextFreeAt) {
        public boolean unlimited() {
            return limit == 0;
        }

        public int remaining() {
            return unlimited() ? Integer.MAX_VALUE : Math.max(0, limit - used);
        }
    }

    /** The standing given what was asked within the period, oldest first. */
    Standing standing(TitleType type, List<RequestStore.QuotaUse> uses, int wanted) {
        List<RequestStore.QuotaUse> ofType = uses.stream().filter(use -> use.type() == type).toList();
        int used = ofType.stream().mapToInt(RequestStore.QuotaUse::amount).sum();
        int limit = limit(type);
        Optional<Instant> next = Optional.empty();
        if (limit > 0 && used + wanted > limit) {
            // Requests leave the period oldest first; the next request fits once enough of them have.
            int toFree = used + wanted - limit;
            int freed = 0;
            for (RequestStore.QuotaUse use : ofType) {
                freed += use.amount();
                if (freed >= toFree) {
                    next = Optional.of(use.at().plus(Duration.ofDays(days)));
                    break;
                }
            }
        }
        return new Standing(type, limit, used, days, next);
    }
}
