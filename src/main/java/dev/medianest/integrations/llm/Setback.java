package dev.medianest.integrations.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.medianest.features.assistant.ModelFailure.Kind;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;

/**
 * Why one attempt at a turn failed, and whether another attempt may do better: a rate limit, a
 * server error or a dropped connection may pass; a refused key, an unknown model or an answer in
 * the wrong format will not.
 *
 * @param detail what happened, for the log and the failure; never the key or the conversation
 */
record Setback(Kind kind, boolean retryable, String detail, Optional<Duration> retryAfter) {

    static Setback of(Kind kind, boolean retryable, String detail) {
        return new Setback(kind, retryable, detail, Optional.empty());
    }

    /** Reads a failure from anywhere in the exception chain LangChain4j hands back. */
    static Setback of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusFailure status) {
                return ofStatus(status.status(), status.getMessage(), status.retryAfter());
            }
            if (cause instanceof IOException io && !(cause instanceof JsonProcessingException)) {
                return ofConnection(io);
            }
            if (cause instanceof UnresolvedAddressException) {
                return of(Kind.UNREACHABLE, false, "the host name does not resolve");
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Optional<Setback> known = switch (cause) {
                case RateLimitException limited -> Optional.of(of(Kind.RATE_LIMITED, true, "rate limited: " + limited.getMessage()));
                case InternalServerException server -> Optional.of(of(Kind.SERVER_ERROR, true, "server error: " + server.getMessage()));
                case AuthenticationException refused -> Optional.of(of(Kind.KEY_REFUSED, false, "the API key was refused: " + refused.getMessage()));
                case ModelNotFoundException unknown -> Optional.of(of(Kind.REFUSED, false, "the model is unknown: " + unknown.getMessage()));
                case InvalidRequestException refused -> Optional.of(of(Kind.REFUSED, false, "the request was refused: " + refused.getMessage()));
                case HttpException http -> Optional.of(ofStatus(http.statusCode(), http.getMessage(), Optional.empty()));
                case dev.langchain4j.exception.TimeoutException late -> Optional.of(of(Kind.TIMEOUT, true, "timed out: " + late.getMessage()));
                default -> Optional.empty();
            };
            if (known.isPresent()) {
                return known.get();
            }
        }
        return of(Kind.MALFORMED, false, "the answer could not be read (" + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()) + ")");
    }

    static Setback ofStatus(int status, String message, Optional<Duration> retryAfter) {
        String said = "answered HTTP " + status + (message == null || message.isBlank() ? "" : ": " + message);
        if (status == 401 || status == 403) {
            return of(Kind.KEY_REFUSED, false, said);
        }
        if (status == 429) {
            return new Setback(Kind.RATE_LIMITED, true, said, retryAfter);
        }
        if (status == 408) {
            return new Setback(Kind.TIMEOUT, true, said, retryAfter);
        }
        if (status >= 500) {
            return new Setback(Kind.SERVER_ERROR, true, said, retryAfter);
        }
        if (status >= 400) {
            return of(Kind.REFUSED, false, said);
        }
        // Redirects are not followed (the key stays with the configured host): usually http:// where https:// was meant.
        return of(Kind.MALFORMED, false, said + (status >= 300 && status < 400 ? " (a redirect: check the base URL)" : ""));
    }

    private static Setback ofConnection(IOException io) {
        String reason = io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
        return switch (io) {
            case HttpConnectTimeoutException late -> of(Kind.UNREACHABLE, false, "no connection could be made in time");
            case ConnectException refused -> refused.getCause() instanceof UnresolvedAddressException
                    ? of(Kind.UNREACHABLE, false, "the host name does not resolve")
                    : of(Kind.UNREACHABLE, false, "nothing accepts connections there (" + reason + ")");
            case HttpTimeoutException late -> of(Kind.TIMEOUT, false, "no answer in time");
            case SSLException tls -> of(Kind.UNREACHABLE, false, "the TLS handshake failed (" + reason + ")");
            case InterruptedIOException abandoned -> of(Kind.TIMEOUT, false, "the answer was abandoned");
            // A reset or a stream cut short: another attempt may get through, if nothing was shown yet.
            default -> of(Kind.UNREACHABLE, true, "the connection dropped before the answer was complete (" + reason + ")");
        };
    }

    /** The same setback with the API key blotted out of its detail, wherever a provider or a library echoed it. */
    Setback redacted(Optional<String> apiKey) {
        return apiKey.filter(key -> detail.contains(key)).map(key -> new Setback(kind, retryable, detail.replace(key, "***"), retryAfter))
                .orElse(this);
    }
}
