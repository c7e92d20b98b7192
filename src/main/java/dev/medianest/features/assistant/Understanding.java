package dev.medianest.features.assistant;

import dev.medianest.features.catalog.TitleType;
import dev.medianest.platform.i18n.Language;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the offline parser read in one message: the intent and the slots the message names. Only
 * what the message says is present; nothing is guessed from earlier messages here (the
 * conversation does that).
 *
 * @param title      the title as the user wrote it (inflected Russian stays inflected), without
 *                   filler words
 * @param choice     a pick among numbered choices offered before ("the second one", "второй", "2")
 * @param reference  the message points back at the title talked about ("that movie", "его")
 * @param answer     a yes or no to a pending confirmation
 * @param everything the message means every item ("resume everything", "все")
 * @param language   the language the message is written in
 */
public record Understanding(Intent intent, Optional<TitleType> mediaType, Optional<String> title, OptionalInt year,
                            Optional<Quality> quality, boolean hdr, OptionalInt season, Optional<String> url, boolean audioOnly,
                            OptionalInt choice, boolean reference, Optional<Boolean> answer, boolean everything, Language language) {

    public Understanding {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(year, "year");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(season, "season");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(language, "language");
        title = title.map(String::strip).filter(text -> !text.isEmpty());
    }

    /** Nothing understood, in the given language. */
    public static Understanding unknown(Language language) {
        return only(Intent.UNKNOWN, language);
    }

    /** An intent with no slots ({@code /help} is {@code only(HELP, …)}). */
    public static Understanding only(Intent intent, Language language) {
        return new Understanding(intent, Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), false,
                OptionalInt.empty(), Optional.empty(), false, OptionalInt.empty(), false, Optional.empty(), false, language);
    }

    /**
     * The public form printed by {@code medianest query --dry-run --json}: {@code intent} always,
     * then {@code mediaType}, {@code title}, {@code year}, {@code quality}, {@code hdr},
     * {@code season}, {@code url}, {@code audioOnly}, each only when the message says it.
     */
    public Map<String, Object> slots() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("intent", intent.wireName());
        mediaType.ifPresent(type -> shown.put("mediaType", type.name().toLowerCase(Locale.ROOT)));
        title.ifPresent(text -> shown.put("title", text));
        year.ifPresent(value -> shown.put("year", value));
        quality.ifPresent(value -> shown.put("quality", value.wireName()));
        if (hdr) {
            shown.put("hdr", true);
        }
        season.ifPresent(value -> shown.put("season", value));
        url.ifPresent(value -> shown.put("url", value));
        if (audioOnly) {
            shown.put("audioOnly", true);
        }
        return shown;
    }
}
