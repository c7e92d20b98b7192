package dev.medianest.platform.i18n;

import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every text a person reads, from the {@code i18n/messages} bundles (English and Russian, UTF-8).
 * The web pages, the JSON API errors and the CLI all read from here.
 */
public final class Messages {

    private static final String BUNDLE = "i18n.messages";

    private final Map<Language, ResourceBundle> bundles = new EnumMap<>(Language.class);

    public Messages() {
        for (Language language : Language.values()) {
            bundles.put(language, ResourceBundle.getBundle(BUNDLE, language.locale(), ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }
    }

    /** The texts in one language, for a page or a command. */
    public Texts in(Language language) {
        return new Texts(language, bundles.get(language));
    }

    /** Texts of one language; a missing key shows itself in brackets rather than failing a page. */
    public record Texts(Language language, ResourceBundle bundle) {
        public String get(String key, Object... args) {
            String pattern;
            try {
                pattern = bundle.getString(key);
            } catch (MissingResourceException e) {
                return "[" + key + "]";
            }
            if (args.length == 0) {
                return pattern;
            }
            return new MessageFormat(pattern, language.locale()).format(args);
        }

        public boolean has(String key) {
            return bundle.containsKey(key);
        }
    }
}
