package dev.medianest.features.requests;

import dev.medianest.features.catalog.TitleType;

/**
 * What a person asks for, checked on construction: the title, HD or 4K, the seasons of a series
 * and the advanced options. Whether the person may ask for it is decided by {@link Requests}.
 *
 * @param seasonCount the regular seasons the series has as far as the asker's page knew (for the
 *                    quota of an "all seasons" request); 0 when unknown and for movies and books
 */
public record RequestDraft(RequestedTitle title, boolean fourK, SeasonChoice seasons, RequestOptions options, int seasonCount) {

    public RequestDraft {
        if (title == null || seasons == null || options == null) {
            throw new IllegalArgumentException("a request needs a title, a season choice and options");
        }
        if (title.type() != TitleType.SERIES && seasons.mode() != SeasonChoice.Mode.ALL) {
            throw new IllegalArgumentException("only a series has seasons to choose");
        }
        if (seasonCount < 0 || seasonCount > SeasonChoice.MAX_SEASON) {
            throw new IllegalArgumentException("a series has 0 to " + SeasonChoice.MAX_SEASON + " seasons");
        }
        if (title.type() == TitleType.BOOK && fourK) {
            throw new IllegalArgumentException("books have no 4K edition");
        }
    }

    /** A movie or book with the defaults. */
    public static RequestDraft of(RequestedTitle title, boolean fourK) {
        return new RequestDraft(title, fourK, SeasonChoice.all(), RequestOptions.defaults(), 0);
    }

    /** How much the request counts against a quota: 1 for a movie or book, its seasons for a series. */
    public int quotaAmount() {
        return title.type() == TitleType.SERIES ? seasons.count(seasonCount) : 1;
    }
}
