package dev.medianest.integrations.medianest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.medianest.platform.i18n.Messages;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A call to a running MediaNest did not give an answer: it could not be reached, it refused the
 * token or the permission, it is older than this client, or it refused what was sent. The
 * {@link #text text} is {@code cli.remote.<kind>} with the server's address and, when the server
 * said why, its own words (already in the caller's language, from {@code Accept-Language}).
 */
public final class ServerFailure extends RuntimeException {

    /** What went wrong, in the families a person acts on differently. */
    public enum Kind {
        /** Nothing answered at the address: wrong host or port, or MediaNest is not running. */
        UNREACHABLE,
        /** It accepted the connection but did not answer in time. */
        TIMEOUT,
        /** The address answers with a redirect: the token is not sent on to another place; use the address it names. */
        MOVED,
        /** 401: the token is revoked or mistyped. */
        TOKEN_REFUSED,
        /** 401: the token has expired. */
        TOKEN_EXPIRED,
        /** 403: the token's owner lacks a permission (assistant, admin), or must change their password first. */
        FORBIDDEN,
        /** 404 on an API this client needs: the server is a MediaNest older than this client. */
        TOO_OLD,
        /** 400/413/422: what was sent is not valid (a message too long, an unknown filter). */
        INVALID,
        /** 429: too many calls; try again after a while. */
        RATE_LIMITED,
        /** The answer is not MediaNest's JSON (a proxy's sign-in page, another program on that port). */
        NOT_MEDIANEST,
        /** The server failed (5xx) or the answer broke off. */
        FAILED
    }

    private final Kind kind;
    private final URI server;
    private final transient Optional<String> said;
    private final transient JsonNode error;

    /**
     * @param said what the server answered, in the caller's language, or where it redirects
     * @param detail for the log; never shown raw
     */
    ServerFailure(Kind kind, URI server, Optional<String> said, String detail, Throwable cause) {
        this(kind, server, said, MissingNode.getInstance(), detail, cause);
    }

    /** @param error the server's own error object ({@code code}, {@code message}, {@code details}) */
    ServerFailure(Kind kind, URI server, Optional<String> said, JsonNode error, String detail, Throwable cause) {
        super(kind + " " + server + ": " + detail, cause, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.server = Objects.requireNonNull(server, "server");
        this.said = Objects.requireNonNull(said, "said");
        this.error = Objects.requireNonNull(error, "error");
    }

    public Kind kind() {
        return kind;
    }

    public URI server() {
        return server;
    }

    /** The server's own explanation (its error message, or the redirect's target), when it gave one. */
    public Optional<String> said() {
        return said;
    }

    /** What went wrong in words: {@code cli.remote.<kind>} with the server's address and what it said. */
    public String text(Messages.Texts texts) {
        return texts.get("cli.remote." + kind.name().toLowerCase(Locale.ROOT), server.toString(), said.orElse("")).strip();
    }

    /** The server's error object as it sent it; missing when it sent none. */
    JsonNode error() {
        return error;
    }
}
