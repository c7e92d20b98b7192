package dev.medianest.features.downloads;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the Downloads board is sorted and filtered, read from the query string so a link (and the
 * live stream opened with the same query) shows the same view.
 *
 * @param sort     a column key from {@link #COLUMNS}
 * @param desc     descending
 * @param client   only this instance, when present
 * @param state    only torrents in this state (lower-case TorrentState name), when present
 * @param category only torrents in this category, when present
 */
public record BoardView(String sort, boolean desc, Optional<Long> client, Optional<String> state, Optional<String> category) {

    public static final List<String> COLUMNS = List.of("name", "state", "progress", "size", "down", "up", "eta", "ratio", "seeds",
            "category", "added");

    private static final Map<String, Comparator<Torrent>> ORDER = Map.ofEntries(
            Map.entry("name", Comparator.comparing((Torrent t) -> t.name().toLowerCase(Locale.ROOT))),
            Map.entry("state", Comparator.comparing(Torrent::state)),
            Map.entry("progress", Comparator.comparingDouble(Torrent::progress)),
            Map.entry("size", Comparator.comparingLong(Torrent::size)),
            Map.entry("down", Comparator.comparingLong(Torrent::downloadSpeed)),
            Map.entry("up", Comparator.comparingLong(Torrent::uploadSpeed)),
            Map.entry("eta", Comparator.comparingLong((Torrent t) -> t.eta().map(java.time.Duration::toSeconds).orElse(Long.MAX_VALUE))),
            Map.entry("ratio", Comparator.comparingDouble(Torrent::ratio)),
            Map.entry("seeds", Comparator.comparingInt(Torrent::seeds)),
            Map.entry("category", Comparator.comparing((Torrent t) -> t.category().orElse(""))),
            Map.entry("added", Comparator.comparing(Torrent::addedAt)));

    public static BoardView of(java.util.function.UnaryOperator<String> param) {
        String sort = Optional.ofNullable(param.apply("sort")).filter(COLUMNS::contains).orElse("added");
        boolean desc = param.apply("dir") == null ? sort.equals("added") : "desc".equals(param.apply("dir"));
        Optional<Long> client = Optional.ofNullable(param.apply("client")).flatMap(text -> {
            try {
                return Optional.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
        Optional<String> state = Optional.ofNullable(param.apply("state")).map(s -> s.toLowerCase(Locale.ROOT))
                .filter(s -> !s.isBlank());
        Optional<String> category = Optional.ofNullable(param.apply("category")).map(String::strip).filter(s -> !s.isEmpty());
        return new BoardView(sort, desc, client, state, category);
    }

    public boolean shows(DownloadBoard.Group group) {
        return client.isEmpty() || client.get() == group.instance().id();
    }

    public List<Torrent> apply(List<Torrent> torrents) {
        Comparator<Torrent> order = ORDER.get(sort);
        if (desc) {
            order = order.reversed();
        }
        return torrents.stream()
                .filter(t -> state.isEmpty() || t.state().name().equalsIgnoreCase(state.get()))
                .filter(t -> category.isEmpty() || category.equals(t.category()))
                .sorted(order).toList();
    }

    /** The query string of this view with another sort column (clicking the sorted column flips the direction). */
    public String sortLink(String column) {
        boolean flip = column.equals(sort) ? !desc : column.equals("added");
        return "?" + query(column, flip);
    }

    public String query() {
        return query(sort, desc);
    }

    private String query(String column, boolean descending) {
        StringBuilder query = new StringBuilder("sort=").append(column).append("&dir=").append(descending ? "desc" : "asc");
        client.ifPresent(id -> query.append("&client=").append(id));
        state.ifPresent(s -> query.append("&state=").append(enc(s)));
        category.ifPresent(c -> query.append("&category=").append(enc(c)));
        return query.toString();
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
