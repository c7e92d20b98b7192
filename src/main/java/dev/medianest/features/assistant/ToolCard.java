package dev.medianest.features.assistant;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One thing a tool result shows as a card in a chat: a title with its poster, year and
 * availability, a download with its progress, a service with its state.
 *
 * @param kind      {@code title}, {@code request}, {@code download} or {@code service}
 * @param heading   the main line ("Dune", "Radarr")
 * @param detail    a short second line, already in the caller's language ("Available in HD", "42 % · 2 MB/s")
 * @param link      a MediaNest path to open it in the web ({@code /title/movie/438631})
 * @param progress  0..1 for downloads, when known
 */
public record ToolCard(String kind, String heading, OptionalInt year, Optional<String> poster, String detail, Optional<String> link,
                       Optional<Double> progress, List<String> badges) {

    public ToolCard {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(heading, "heading");
        Objects.requireNonNull(year, "year");
        Objects.requireNonNull(poster, "poster");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(progress, "progress");
        badges = List.copyOf(badges);
    }
}
