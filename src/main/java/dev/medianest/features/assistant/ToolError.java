package dev.medianest.features.assistant;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a tool call did not happen or did not succeed, in words a model or a person can act on.
 *
 * @param field   the argument at fault, for {@link Kind#INVALID_ARGUMENTS}
 * @param message what was wrong and what to do, in the caller's language
 */
public record ToolError(Kind kind, Optional<String> field, String message) {

    public ToolError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** The families of failure a caller handles differently. */
    public enum Kind {
        /** An argument is missing, of the wrong type or out of range: fix it and call again. */
        INVALID_ARGUMENTS,
        /** No tool has that name. */
        UNKNOWN_TOOL,
        /** The caller lacks the permission; asking again will not help. */
        FORBIDDEN,
        /** The title, request or download named does not exist (or is not the caller's). */
        NOT_FOUND,
        /** The call conflicts with the current state (already requested, quota used up, not pending). */
        CONFLICT,
        /** A service the tool needs is down or not configured. */
        UNAVAILABLE,
        /** Anything else; the server log has the details. */
        FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
