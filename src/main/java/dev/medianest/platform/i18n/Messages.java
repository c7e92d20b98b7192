package dev.medianest.platform.i18n;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every text a person reads, from the {@code i18n/messages} bundles (English and Russian, UTF-8).
 * The web pages, the JSON API errors and the CLI all read from here.
 */
public final class Messages {

    /**
     * One bundle per area, so that areas built side by side do not edit one file; a key lives in
     * exactly one of them (a test checks). {@code messages} holds the foundation's texts.
     */
    public static final List<String> BUNDLES = List.of("messages", "services", "arr", "metadata", "dashboard", "downloads", "transmission", "deluge", "board", "requests", "tracking", "requestpages", "discover", "assistant", "assistanttools", "understanding", "chat", "cli", "mcp");

    private final Map<Language, List<ResourceBundle>> bundles = new EnumMap<>(Language.class);

    public Messages() {
        ResourceBundle.Control control = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        for (Language language : Language.values()) {
            List<ResourceBundle> found = new ArrayList<>();
            for (String name : BUNDLES) {
                try {
                    found.add(ResourceBundle.getBundle("i18n." + name, language.locale(), control));
                } catch (MissingResourceException absent) {
                    // an area without texts of its own yet
                }
            }
            bundles.put(language, List.copyOf(found));
        }
    }

    /** The texts in one language, for a page or a command. */
    public Texts in(Language language) {
        return new Texts(language, bundles.get(language));
    }

    /** An argument that is itself a text to translate, such as the name of a state inside an error message. */
    public record Key(String key) {
        @Override
        public String toString() {
            return key;
        }
    }

    /** Texts of one language; a missing key shows itself in brackets rather than failing a page. */
    public record Texts(Language language, List<ResourceBundle> bundles) {
        private static final java.time.format.DateTimeFormatter MOMENT =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

        public String get(String key, Object... args) {
            String pattern = null;
            for (ResourceBundle bundle : bundles) {
                if (bundle.containsKey(key)) {
                    pattern = bundle.getString(key);
                    break;
                }
            }
            if (pattern == null) {
                return "[" + key + "]";
            }
            if (args.length == 0) {
                return pattern;
            }
            Object[] shown = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                shown[i] = switch (args[i]) {
                    case Key nested -> get(nested.key());
                    // A moment reads as the pages show it, not as ISO text with nanoseconds.
                    case java.time.Instant instant -> MOMENT.format(instant);
                    case null, default -> args[i];
                };
            }
            return new MessageFormat(pattern, language.locale()).format(shown);
        }

        /** "1.2 TB", "850 GB": sizes in decimal units, as disk makers, the *arr apps and download clients print them. */
        public String bytes(long bytes) {
            String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
            double value = Math.max(0, bytes);
            int unit = 0;
            while (value >= 1000 && unit < units.length - 1) {
                value /= 1000;
                unit++;
            }
            String pattern = value < 10 && unit > 0 ? "%.1f %s" : "%.0f %s";
            return String.format(language.locale(), pattern, value, get("unit." + units[unit]));
        }

        /** "45 s", "12 min", "3 h 5 min", "2 d 4 h": a time left, as torrent ETAs are shown. */
        public String duration(java.time.Duration duration) {
            long seconds = Math.max(0, duration.toSeconds());
            if (seconds < 60) {
                return get("unit.duration.seconds", seconds);
            }
            if (seconds < 3600) {
                return get("unit.duration.minutes", seconds / 60);
            }
            if (seconds < 86_400) {
                return get("unit.duration.hours", seconds / 3600, seconds % 3600 / 60);
            }
            return get("unit.duration.days", seconds / 86_400, seconds % 86_400 / 3600);
        }

        public boolean has(String key) {
            return bundles.stream().anyMatch(bundle -> bundle.containsKey(key));
        }
    }
}
