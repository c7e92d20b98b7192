package dev.medianest.features.assistant;

import dev.medianest.features.catalog.TitleAddress;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleType;

import java.util.List;
import java.util.Optional;

/** Checks the argument records share: media types, title ids, optional texts, "exactly one of". */
final class ArgumentChecks {

    /** The media types as the schemas name them. */
    static final List<String> MEDIA_TYPES = List.of("movie", "series", "book");
    /** The types that have recommendations (TMDb has none for books). */
    static final List<String> SCREEN_TYPES = List.of("movie", "series");
    /** Words and titles a person would type; longer is not a title. */
    static final int MAX_QUERY = 200;
    /** Longer than any title id ("imdb-tt1234567890"). */
    static final int MAX_ID = 40;

    private ArgumentChecks() {
    }

    static TitleType mediaType(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidArgument(field, "tool.argument.required");
        }
        return TitleAddress.type(value.strip().toLowerCase(java.util.Locale.ROOT))
                .orElseThrow(() -> new InvalidArgument(field, "tools.argument.one_of", String.join(", ", MEDIA_TYPES)));
    }

    static Optional<TitleType> optionalMediaType(String field, String value) {
        return value == null ? Optional.empty() : Optional.of(mediaType(field, value));
    }

    /** A title id as search results give it ("438631", "tvdb-269613", a Goodreads work id for a book). */
    static TitleIds titleIds(TitleType type, String field, String id) {
        String given = InvalidArgument.requireText(field, id, MAX_ID);
        return TitleAddress.ids(type, given).orElseThrow(() -> new InvalidArgument(field, "tools.argument.title_id", given,
                TitleAddress.segment(type)));
    }

    /** Absent stays absent; present must be a non-blank text of at most {@code max} characters. */
    static Optional<String> optionalText(String field, String value, int max) {
        return value == null ? Optional.empty() : Optional.of(InvalidArgument.requireText(field, value, max));
    }

    /** Exactly one of the named arguments is given; the first of them names the fault. */
    static void exactlyOne(List<String> fields, boolean... given) {
        int count = 0;
        for (boolean one : given) {
            count += one ? 1 : 0;
        }
        if (count != 1) {
            throw new InvalidArgument(fields.getFirst(), "tools.argument.exactly_one", String.join(", ", fields));
        }
    }
}
