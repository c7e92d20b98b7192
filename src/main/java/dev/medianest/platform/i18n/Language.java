package dev.medianest.platform.i18n;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The languages every text of MediaNest is written in. */
public enum Language {
    EN("en", Locale.ENGLISH, "English"),
    RU("ru", Locale.forLanguageTag("ru"), "Русский");

    private final String code;
    private final Locale locale;
    private final String nativeName;

    Language(String code, Locale locale, String nativeName) {
        this.code = code;
        this.locale = locale;
        this.nativeName = nativeName;
    }

    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    public String nativeName() {
        return nativeName;
    }

    public static Optional<Language> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String normalized = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(language -> language.code.equals(normalized)).findFirst();
    }

    /**
     * The best supported language for an HTTP {@code Accept-Language} header (RFC 9110 §12.5.4),
     * honouring q-values; empty when the browser asks for none of ours.
     */
    public static Optional<Language> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Locale.LanguageRange.parse(header).stream()
                    .filter(range -> range.getWeight() > 0)
                    .sorted(Comparator.comparingDouble(Locale.LanguageRange::getWeight).reversed())
                    .map(range -> fromCode(range.getRange().split("-")[0]))
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** The language of a terminal, from {@code LC_ALL}, {@code LC_MESSAGES} or {@code LANG} ("ru_RU.UTF-8"). */
    public static Language fromPosixEnvironment(java.util.Map<String, String> environment, Language fallback) {
        for (String name : new String[]{"MEDIANEST_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return fromCode(value.split("[_.@-]")[0]).orElse(fallback);
            }
        }
        return fallback;
    }
}
