package dev.medianest.channels.web;

import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Messages;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error shape of the JSON API: {@code {"error":{"code","message","details"}}}, with the
 * message in the caller's language and {@code details} mapping field names to what is wrong.
 */
final class ApiErrors {

    private ApiErrors() {
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, MALFORMED_JSON -> 400;
            case UNAUTHENTICATED, SESSION_EXPIRED, TOKEN_INVALID, INVALID_CREDENTIALS, WEBHOOK_UNAUTHORIZED -> 401;
            case ACCOUNT_DISABLED, PASSWORD_CHANGE_REQUIRED, FORBIDDEN, CSRF_FAILED -> 403;
            case WRONG_CURRENT_PASSWORD -> 400;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case USERNAME_TAKEN, SERVICE_NAME_TAKEN, LAST_ADMIN, SELF_LOCKOUT, REQUEST_STATE_CONFLICT, NO_SUITABLE_SERVICE, ALREADY_AVAILABLE -> 409;
            case QUOTA_EXCEEDED -> 403;
            case NO_METADATA_SOURCE -> 409;
            case REMOTE_FAILED -> 502;
            case PAYLOAD_TOO_LARGE, TORRENT_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case SIGN_IN_LOCKED, RATE_LIMITED -> 429;
            case NOT_READY -> 503;
            case INTERNAL_ERROR -> 500;
        };
    }

    static void write(Context ctx, AppException error, Messages.Texts texts) {
        Map<String, String> details = new LinkedHashMap<>();
        error.details().forEach((field, key) -> details.put(field, texts.get(key, error.args())));
        if (error.code() == ErrorCode.QUOTA_EXCEEDED) {
            // Scripts want the moment itself, not a sentence: when the next request fits again (ISO 8601).
            java.util.Arrays.stream(error.args()).filter(java.time.Instant.class::isInstance).findFirst()
                    .ifPresent(retryAt -> details.put("retryAt", retryAt.toString()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code().wireName());
        body.put("message", texts.get(error.code().messageKey(), error.args()));
        body.put("details", details);
        if (error.code() == ErrorCode.SIGN_IN_LOCKED && error.args().length > 0) {
            ctx.header("Retry-After", String.valueOf(error.args()[0]));
        }
        ctx.status(status(error.code())).json(Map.of("error", body));
    }
}
