package dev.medianest.integrations.deluge;

import dev.medianest.features.services.ServiceInstance;
import dev.medianest.platform.http.RemoteHttp;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where one Deluge Web UI lives, its password, and the {@code _session_id} cookie of the last
 * sign-in. The cookie and the request counter are the only state; they live as long as the
 * connector keeps this session (ClientSessions: one per configured instance).
 */
final class DelugeSession {

    private final ServiceInstance instance;
    private final RemoteHttp.Endpoint endpoint;
    private final AtomicLong ids = new AtomicLong();
    private volatile String cookie;

    DelugeSession(ServiceInstance instance) {
        this.instance = instance;
        this.endpoint = new RemoteHttp.Endpoint(instance.baseUrl(), instance.timeout(), instance.allowSelfSigned());
    }

    ServiceInstance instance() {
        return instance;
    }

    RemoteHttp.Endpoint endpoint() {
        return endpoint;
    }

    /** The Web UI password; Deluge's Web UI has no user names. */
    String password() {
        return instance.secret("password").orElse("");
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    Optional<String> cookie() {
        return Optional.ofNullable(cookie);
    }

    void cookie(String value) {
        this.cookie = value;
    }
}
