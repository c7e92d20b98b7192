package dev.medianest.platform.errors;

import java.util.Locale;

/**
 * Every error a person or a script can be shown. The wire form is the lower-case name
 * ({@code username_taken}); the text is {@code error.<code>} in the message bundles; the HTTP
 * status is decided by the web channel. Each one is listed in {@code docs/errors.md}.
 */
public enum ErrorCode {
    VALIDATION_FAILED,
    MALFORMED_JSON,
    UNAUTHENTICATED,
    SESSION_EXPIRED,
    TOKEN_INVALID,
    INVALID_CREDENTIALS,
    ACCOUNT_DISABLED,
    PASSWORD_CHANGE_REQUIRED,
    WRONG_CURRENT_PASSWORD,
    FORBIDDEN,
    CSRF_FAILED,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    USERNAME_TAKEN,
    SERVICE_NAME_TAKEN,
    LAST_ADMIN,
    SELF_LOCKOUT,
    PAYLOAD_TOO_LARGE,
    TORRENT_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    SIGN_IN_LOCKED,
    RATE_LIMITED,
    REMOTE_FAILED,
    /** A request would go past the requester's quota; the message says when the next one is possible. */
    QUOTA_EXCEEDED,
    /** The request is not in a state that allows this (approving a declined one, cancelling an approved one). */
    REQUEST_STATE_CONFLICT,
    /** No configured instance can take the request (no Sonarr, no 4K Radarr, no Seerr). */
    NO_SUITABLE_SERVICE,
    /** The title is already there in full; nothing to request. */
    ALREADY_AVAILABLE,
    /** A webhook call without the secret its instance was given in Settings › Services, or with a wrong one. */
    WEBHOOK_UNAUTHORIZED,
    /** Movies and series cannot be looked up: neither TMDb nor Radarr/Sonarr is configured. */
    NO_METADATA_SOURCE,
    NOT_READY,
    INTERNAL_ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String messageKey() {
        return "error." + wireName();
    }
}
