package dev.medianest.features.catalog;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a title is named in addresses, the pages' and the API's alike: {@code /title/movie/438631}
 * and {@code /title/series/60622} by TMDb id, {@code /title/series/tvdb-269613} or
 * {@code imdb-tt1160419} when that is the only id known (the Radarr/Sonarr lookup), and
 * {@code /title/book/3634639} by Goodreads work id. The web pages and the assistant's tools name a
 * title the same way, so a tool's id is the one its card links to.
 */
public final class TitleAddress {

    private static final Pattern ID = Pattern.compile("(?:(tmdb|tvdb|imdb|goodreads)-)?(tt\\d{7,10}|[1-9]\\d{0,9})");

    private TitleAddress() {
    }

    public static String segment(TitleType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TitleType> type(String segment) {
        for (TitleType type : TitleType.values()) {
            if (segment(type).equals(segment)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The id part: the plain number for the type's own catalogue (TMDb, Goodreads), else prefixed. */
    public static String id(TitleType type, TitleIds ids) {
        if (type == TitleType.BOOK) {
            return ids.goodreads().isPresent() ? String.valueOf(ids.goodreads().getAsInt()) : "";
        }
        if (ids.tmdb().isPresent()) {
            return String.valueOf(ids.tmdb().getAsInt());
        }
        if (ids.tvdb().isPresent()) {
            return "tvdb-" + ids.tvdb().getAsInt();
        }
        return ids.imdb().map(imdb -> "imdb-" + imdb).orElse("");
    }

    public static String href(Title title) {
        return "/title/" + segment(title.type()) + "/" + id(title.type(), title.ids());
    }

    /** The ids an address names; empty for an id of the wrong shape or catalogue, which the pages answer with 404. */
    public static Optional<TitleIds> ids(TitleType type, String text) {
        Matcher matcher = ID.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String value = matcher.group(2);
        boolean imdbShape = value.startsWith("tt");
        String catalogue = matcher.group(1) != null ? matcher.group(1) : imdbShape ? "imdb" : type == TitleType.BOOK ? "goodreads" : "tmdb";
        if (imdbShape != catalogue.equals("imdb") || (type == TitleType.BOOK) != catalogue.equals("goodreads")) {
            return Optional.empty();
        }
        if (catalogue.equals("imdb")) {
            return Optional.of(new TitleIds(OptionalInt.empty(), OptionalInt.empty(), Optional.of(value)));
        }
        long number = Long.parseLong(value);
        if (number > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        int id = (int) number;
        return Optional.of(switch (catalogue) {
            case "tvdb" -> TitleIds.ofTvdb(id);
            case "goodreads" -> TitleIds.ofGoodreads(id);
            default -> TitleIds.ofTmdb(id);
        });
    }
}
