package dev.medianest.platform.http;

/**
 * A call to another service failed in a way a person can act on. {@code kind} picks the message
 * ({@code remote.<kind>} in the bundles); {@code detail} is for the log, never shown raw.
 */
public final class RemoteFailure extends RuntimeException {

    /** What went wrong, from the network up to the payload. */
    public enum Kind {
        DNS_FAILURE, UNREACHABLE, TLS_UNTRUSTED, TLS_FAILURE, TIMEOUT, REDIRECTED_ELSEWHERE, TOO_LARGE,
        UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CLIENT_ERROR, SERVER_ERROR, UNAVAILABLE,
        LOGIN_PAGE, NOT_JSON, TRUNCATED_JSON, UNEXPECTED_JSON, WRONG_APPLICATION, VERSION_TOO_OLD;

        public String messageKey() {
            return "remote." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final int status;
    private final transient java.net.http.HttpHeaders headers;

    public RemoteFailure(Kind kind, String detail) {
        this(kind, 0, detail, null);
    }

    public RemoteFailure(Kind kind, int status, String detail, Throwable cause) {
        this(kind, status, detail, cause, null);
    }

    /** A failed answer whose headers the caller may need (Transmission's 409 carries the session id it wants). */
    public RemoteFailure(Kind kind, int status, String detail, Throwable cause, java.net.http.HttpHeaders headers) {
        super(kind + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + detail, cause, false, false);
        this.kind = kind;
        this.status = status;
        this.headers = headers;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status when the failure came from one, else 0. */
    public int status() {
        return status;
    }

    /** A header of the failed answer, empty when there was no answer or no such header. */
    public java.util.Optional<String> header(String name) {
        return headers == null ? java.util.Optional.empty() : headers.firstValue(name);
    }
}
