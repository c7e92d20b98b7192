package dev.medianest.platform.config;

/**
 * One thing wrong with the configuration. {@code value} is already masked for secrets.
 *
 * @param key     the dotted key ("server.port"), or the file name for a file-level problem
 * @param value   what was given, as text
 * @param allowed what would be accepted
 * @param source  where it came from: the file name or the environment variable
 * @param kind    what is wrong
 */
public record ConfigProblem(String key, String value, String allowed, String source, Kind kind) {

    /** The families of configuration mistakes; each has its own message in the bundles. */
    public enum Kind { UNKNOWN_KEY, WRONG_TYPE, BAD_VALUE, UNREADABLE_FILE, MALFORMED_FILE }
}
