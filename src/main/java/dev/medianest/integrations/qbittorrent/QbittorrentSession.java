package dev.medianest.integrations.qbittorrent;

import dev.medianest.features.services.ServiceInstance;
import dev.medianest.platform.http.RemoteHttp;

import java.util.Optional;

/**
 * Where one qBittorrent instance lives, its credentials, and what the last calls learnt: the
 * session cookie of the last sign-in and the application version. Both live as long as the
 * connector keeps this session (ClientSessions: one per configured instance). An API key, when set, replaces the cookie sign-in.
 */
final class QbittorrentSession {

    private final ServiceInstance instance;
    private final RemoteHttp.Endpoint endpoint;
    private volatile String cookie;
    private volatile String version;

    QbittorrentSession(ServiceInstance instance) {
        this.instance = instance;
        this.endpoint = new RemoteHttp.Endpoint(instance.baseUrl(), instance.timeout(), instance.allowSelfSigned());
    }

    ServiceInstance instance() {
        return instance;
    }

    RemoteHttp.Endpoint endpoint() {
        return endpoint;
    }

    String username() {
        return instance.option("username").orElse("");
    }

    String password() {
        return instance.secret("password").orElse("");
    }

    /** The API key of qBittorrent 5.2 and newer (qbittorrent-webui-api-key-auth.md), or an empty string. */
    String apiKey() {
        return instance.secret("apiKey").orElse("");
    }

    /** An API key goes in every request's Authorization header instead of a session cookie. */
    boolean usesApiKey() {
        return !apiKey().isEmpty();
    }

    /**
     * Whether calls need a cookie from {@code auth/login}: not with an API key, which cannot use the auth
     * endpoints anyway, and not without credentials, where the instance is expected to bypass
     * authentication (its subnet whitelist or localhost setting).
     */
    boolean signsIn() {
        return !usesApiKey() && (!username().isEmpty() || !password().isEmpty());
    }

    Optional<String> cookie() {
        return Optional.ofNullable(cookie);
    }

    void cookie(String value) {
        this.cookie = value;
    }

    /** The application version ("4.5.2"), once asked. */
    Optional<String> version() {
        return Optional.ofNullable(version);
    }

    void version(String value) {
        this.version = value;
    }
}
