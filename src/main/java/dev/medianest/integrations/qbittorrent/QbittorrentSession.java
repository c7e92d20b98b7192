package dev.medianest.integrations.qbittorrent;

import dev.medianest.features.services.ServiceInstance;
import dev.medianest.platform.http.RemoteHttp;

import java.util.Optional;

/**
 * Where one qBittorrent instance lives, its credentials, and the session cookie of the last
 * sign-in. The cookie is the only state; it lives as long as the adapter that holds this session.
 */
final class QbittorrentSession {

    private final ServiceInstance instance;
    private final RemoteHttp.Endpoint endpoint;
    private volatile String cookie;

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

    /** Without credentials the instance is expected to bypass authentication (its subnet whitelist or localhost setting). */
    boolean signsIn() {
        return !username().isEmpty() || !password().isEmpty();
    }

    Optional<String> cookie() {
        return Optional.ofNullable(cookie);
    }

    void cookie(String value) {
        this.cookie = value;
    }
}
