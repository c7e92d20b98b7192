package dev.medianest.features.catalog;

import java.util.Locale;
import java.util.Optional;

/**
 * A search of the metadata source: the words, optionally one type, and the language of the person
 * asking (titles and overviews come back in it where the source has them).
 */
public record TitleQuery(String text, Optional<TitleType> type, Locale language) {

    public static final int MAX_LENGTH = 200;

    public TitleQuery {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a search needs words to look for");
        }
        text = text.strip();
        if (text.length() > MAX_LENGTH || text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a search is at most " + MAX_LENGTH + " printable characters");
        }
        if (type == null || language == null) {
            throw new IllegalArgumentException("type may be empty but not missing; language is required");
        }
    }

    public static TitleQuery of(String text, Locale language) {
        return new TitleQuery(text, Optional.empty(), language);
    }
}
