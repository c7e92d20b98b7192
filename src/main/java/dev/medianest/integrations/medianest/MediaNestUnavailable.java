package dev.medianest.integrations.medianest;

import java.net.URI;

/**
 * The remote MediaNest could not be used at all: it did not answer, refused the token, or is not a
 * MediaNest. {@link #messageKey()} names the text ({@code mcp.remote.*}) with the address as its
 * first argument.
 */
public final class MediaNestUnavailable extends RuntimeException {

    /** Why; each has its own text and its own advice. */
    public enum Kind {
        UNREACHABLE, TIMEOUT, TOKEN_INVALID, TOKEN_EXPIRED, ACCOUNT_DISABLED, PASSWORD_CHANGE_REQUIRED, RATE_LIMITED, NOT_MEDIANEST;

        public String messageKey() {
            return "mcp.remote." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final URI server;

    MediaNestUnavailable(Kind kind, URI server, String detail, Throwable cause) {
        super(kind + " at " + server + (detail == null ? "" : ": " + detail), cause, false, false);
        this.kind = kind;
        this.server = server;
    }

    public Kind kind() {
        return kind;
    }

    public String messageKey() {
        return kind.messageKey();
    }

    public URI server() {
        return server;
    }
}
