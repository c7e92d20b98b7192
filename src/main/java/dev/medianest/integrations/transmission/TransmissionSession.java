package dev.medianest.integrations.transmission;

import dev.medianest.features.services.ServiceInstance;
import dev.medianest.platform.http.RemoteHttp;

import java.util.Optional;

/**
 * Where one Transmission instance lives, its credentials, and what the last calls learnt: the
 * CSRF session id the daemon wants in {@code X-Transmission-Session-Id} and which of the two RPC
 * protocols it speaks. Both live as long as the connector keeps this session (ClientSessions: one per configured instance).
 */
final class TransmissionSession {

    private final ServiceInstance instance;
    private final RemoteHttp.Endpoint endpoint;
    private volatile String sessionId;
    private volatile TransmissionClient.Version version;

    TransmissionSession(ServiceInstance instance) {
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

    Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    void sessionId(String value) {
        this.sessionId = value;
    }

    /** The daemon's version and protocol, once {@code session-get} has told them. */
    Optional<TransmissionClient.Version> version() {
        return Optional.ofNullable(version);
    }

    void version(TransmissionClient.Version value) {
        this.version = value;
    }
}
