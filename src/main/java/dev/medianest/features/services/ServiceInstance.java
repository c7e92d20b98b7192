package dev.medianest.features.services;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One configured service ("Radarr 4K" at http://radarr4k:7878). {@code secrets} hold the opened
 * API key or token and never leave the server: views show only whether one is set.
 *
 * @param options         kind-specific, non-secret choices (quality profile id, root folder, tags …)
 * @param secretsReadable false when the stored secrets were sealed with a key this server no longer has
 */
public record ServiceInstance(long id, ServiceKind kind, String name, URI baseUrl, Map<String, String> options,
                              Map<String, String> secrets, boolean isDefault, boolean is4k, boolean allowSelfSigned,
                              Duration timeout, boolean secretsReadable, Instant createdAt, Instant updatedAt) {

    public ServiceInstance {
        options = Map.copyOf(options);
        secrets = Map.copyOf(secrets);
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name)).filter(value -> !value.isBlank());
    }

    public Optional<String> secret(String name) {
        return Optional.ofNullable(secrets.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public String toString() {
        return "ServiceInstance[id=" + id + ", kind=" + kind + ", name=" + name + ", baseUrl=" + baseUrl + ", secrets=(hidden)]";
    }
}
