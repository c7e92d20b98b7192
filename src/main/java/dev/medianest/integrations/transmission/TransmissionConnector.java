package dev.medianest.integrations.transmission;

import dev.medianest.features.downloads.ClientSessions;
import dev.medianest.features.downloads.DownloadClient;
import dev.medianest.features.downloads.DownloadConnector;
import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceField;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.http.RemoteFailure;
import dev.medianest.platform.http.RemoteHttp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Transmission as a configured service (specs: transmission-rpc-spec-4.0.6-legacy.md and
 * transmission-rpc-spec.md). rpc-version 15 is Transmission 2.80, the oldest release whose
 * torrent-get fields the adapter reads; labels need 3.00 and are a capability.
 */
public final class TransmissionConnector implements DownloadConnector {

    static final String APPLICATION = "Transmission";
    private static final int MIN_RPC_VERSION = 15;

    private final TransmissionClient client;
    private final ClientSessions<TransmissionSession> sessions = new ClientSessions<>(TransmissionSession::new);

    public TransmissionConnector(RemoteHttp http) {
        this.client = new TransmissionClient(http);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.TRANSMISSION;
    }

    @Override
    public List<ServiceField> fields() {
        // Both optional: authentication is off unless rpc-authentication-required is set in settings.json.
        return List.of(ServiceField.text("username", "download.field.username", false),
                ServiceField.secret("password", "download.field.password", false));
    }

    @Override
    public Probe probe(ServiceInstance instance) {
        return check(instance);
    }

    @Override
    public DownloadClient client(ServiceInstance instance) {
        if (instance.kind() != kind()) {
            throw new IllegalArgumentException(instance.name() + " is not a Transmission instance");
        }
        return new TransmissionDownloads(client, sessions.of(instance));
    }

    /** Asks session-get for the version; every failure becomes a problem a person can act on. */
    private Probe check(ServiceInstance instance) {
        long started = System.nanoTime();
        String name = instance.name();
        String url = instance.baseUrl().toString();
        try {
            TransmissionClient.Version version = client.version(new TransmissionSession(instance));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (version.rpcVersion() < MIN_RPC_VERSION) {
                return new Probe(Probe.State.DOWN, elapsed, Optional.of(APPLICATION), Optional.of(version.release()),
                        List.of(ServiceProblem.of("service.version_too_old", name, version.release(), "2.80")), List.of());
            }
            return new Probe(Probe.State.UP, elapsed, Optional.of(APPLICATION), Optional.of(version.release()), List.of(), List.of());
        } catch (TransmissionClient.Refused refused) {
            // session-get itself refused: whatever answers is not Transmission.
            return Probe.down(Duration.ofNanos(System.nanoTime() - started),
                    ServiceProblem.of("remote.wrong_application", name, url));
        } catch (RemoteFailure failure) {
            return Probe.down(Duration.ofNanos(System.nanoTime() - started), problem(failure, instance));
        }
    }

    /** Why a call to the daemon failed, in words a person can act on: the Test button and every torrent operation say the same. */
    static ServiceProblem problem(RuntimeException failure, ServiceInstance instance) {
        String name = instance.name();
        String url = instance.baseUrl().toString();
        if (!(failure instanceof RemoteFailure remote)) {
            return ServiceProblem.of("download.refused", name, url, failure.getMessage());
        }
        return switch (remote.kind()) {
            case UNAUTHORIZED -> ServiceProblem.of("download.transmission.login_failed", name, url);
            // 403: the address is not in rpc-whitelist (transmission-rpc-spec-4.0.6-legacy.md, 2.2).
            case FORBIDDEN -> ServiceProblem.of("download.transmission.whitelist", name, url);
            case WRONG_APPLICATION, NOT_FOUND -> ServiceProblem.of("remote.wrong_application", name, url);
            default -> ServiceProblem.of(remote.kind().messageKey(), name, url);
        };
    }
}
