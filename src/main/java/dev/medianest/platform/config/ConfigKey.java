package dev.medianest.platform.config;

import java.util.List;
import java.util.Objects;

/**
 * One documented configuration key: its dotted path in the YAML file, the value type, the default,
 * what is allowed, and whether the value is a secret (never echoed back in error messages).
 *
 * <p>The environment variable that overrides a key is derived from the path by one rule:
 * {@code MEDIANEST_} followed by the path with dots as underscores and camelCase split into
 * upper-case words, so {@code security.apiRequestsPerMinute} becomes
 * {@code MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE}.
 */
public record ConfigKey(String path, ValueType type, Object defaultValue, String allowed, String description,
                        boolean secret, long min, long max, List<String> choices) {

    /** The kinds of values a key may hold. */
    public enum ValueType { STRING, INTEGER, BOOLEAN, CHOICE, STRING_LIST, URL, PATH }

    public ConfigKey {
        Objects.requireNonNull(path);
        Objects.requireNonNull(type);
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public String environmentVariable() {
        StringBuilder name = new StringBuilder("MEDIANEST_");
        for (char c : path.toCharArray()) {
            if (c == '.') {
                name.append('_');
            } else if (Character.isUpperCase(c)) {
                name.append('_').append(c);
            } else {
                name.append(Character.toUpperCase(c));
            }
        }
        return name.toString();
    }

    static ConfigKey integer(String path, long defaultValue, long min, long max, String description) {
        return new ConfigKey(path, ValueType.INTEGER, defaultValue, "a whole number from " + min + " to " + max,
                description, false, min, max, List.of());
    }

    static ConfigKey string(String path, String defaultValue, String allowed, String description, boolean secret) {
        return new ConfigKey(path, ValueType.STRING, defaultValue, allowed, description, secret, 0, 4096, List.of());
    }

    static ConfigKey choice(String path, String defaultValue, List<String> choices, String description) {
        return new ConfigKey(path, ValueType.CHOICE, defaultValue, "one of " + String.join(", ", choices),
                description, false, 0, 0, choices);
    }

    static ConfigKey bool(String path, boolean defaultValue, String description) {
        return new ConfigKey(path, ValueType.BOOLEAN, defaultValue, "true or false", description, false, 0, 0, List.of());
    }

    static ConfigKey list(String path, String allowed, String description) {
        return new ConfigKey(path, ValueType.STRING_LIST, List.of(), allowed, description, false, 0, 0, List.of());
    }

    static ConfigKey url(String path, String allowed, String description) {
        return new ConfigKey(path, ValueType.URL, "", allowed, description, false, 0, 0, List.of());
    }

    static ConfigKey path(String path, String defaultValue, String description) {
        return new ConfigKey(path, ValueType.PATH, defaultValue, "a directory path (relative paths start at the working directory)",
                description, false, 0, 0, List.of());
    }
}
