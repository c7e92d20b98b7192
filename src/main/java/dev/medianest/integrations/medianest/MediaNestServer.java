package dev.medianest.integrations.medianest;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Another running MediaNest, reached over its JSON API with a personal API token (the token is a
 * secret: never logged, never part of {@link #toString()}).
 *
 * @param baseUrl where it answers, {@code http(s)://host:port}, without {@code /api/v1}
 * @param timeout how long to wait for a connection and for a listing; a tool call may take longer
 */
public record MediaNestServer(URI baseUrl, String token, Duration timeout) {

    public MediaNestServer {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the server address must be http:// or https:// with a host: " + baseUrl);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an API token is required");
        }
        String text = baseUrl.toString();
        baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        token = token.strip();
    }

    @Override
    public String toString() {
        return "MediaNestServer[" + baseUrl + "]";
    }
}
