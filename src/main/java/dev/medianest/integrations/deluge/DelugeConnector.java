package dev.medianest.integrations.deluge;

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
 * Deluge as a configured service, reached through its Web UI (spec: deluge-json-rpc.md). The Web UI
 * is only a proxy to a {@code deluged}; the check signs in, connects it to its daemon when needed,
 * and reads the daemon's version.
 */
public final class DelugeConnector implements DownloadConnector {

    static final String APPLICATION = "Deluge";

    private final DelugeClient client;
    private final ClientSessions<DelugeSession> sessions = new ClientSessions<>(DelugeSession::new);

    public DelugeConnector(RemoteHttp http) {
        this.client = new DelugeClient(http);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.DELUGE;
    }

    @Override
    public List<ServiceField> fields() {
        // The Web UI has a password and no user name (deluge-json-rpc.md, auth.login).
        return List.of(ServiceField.secret("password", "download.field.password", true));
    }

    @Override
    public Probe probe(ServiceInstance instance) {
        return check(instance);
    }

    @Override
    public DownloadClient client(ServiceInstance instance) {
        if (instance.kind() != kind()) {
            throw new IllegalArgumentException(instance.name() + " is not a Deluge instance");
        }
        return new DelugeDownloads(client, sessions.of(instance));
    }

    /** Signs in, connects to the daemon, reads its version; every failure becomes a problem a person can act on. */
    private Probe check(ServiceInstance instance) {
        long started = System.nanoTime();
        DelugeSession session = new DelugeSession(instance);
        try {
            client.login(session);
            client.connectDaemon(session);
            String version = client.version(session);
            return new Probe(Probe.State.UP, elapsed(started), Optional.of(APPLICATION), Optional.of(version), List.of(), List.of());
        } catch (DelugeClient.LoginRefused | DelugeClient.NoDaemon | DelugeClient.RpcError | RemoteFailure failure) {
            return Probe.down(elapsed(started), problem(failure, instance));
        }
    }

    /** Why a call to the Web UI failed, in words a person can act on: the Test button and every torrent operation say the same. */
    static ServiceProblem problem(RuntimeException failure, ServiceInstance instance) {
        String name = instance.name();
        String url = instance.baseUrl().toString();
        return switch (failure) {
            case DelugeClient.LoginRefused refused -> ServiceProblem.of("download.deluge.login_failed", name, url);
            case DelugeClient.NoDaemon noDaemon -> ServiceProblem.of("download.deluge.no_daemon", name, url);
            case DelugeClient.RpcError error -> ServiceProblem.of("download.deluge.rpc_failed", name, url, error.getMessage());
            case RemoteFailure remote when remote.kind() == RemoteFailure.Kind.WRONG_APPLICATION
                    || remote.kind() == RemoteFailure.Kind.NOT_FOUND ->
                    ServiceProblem.of("service.wrong_application", name, url, APPLICATION, "?");
            case RemoteFailure remote -> ServiceProblem.of(remote.kind().messageKey(), name, url);
            default -> ServiceProblem.of("download.refused", name, url, String.valueOf(failure.getMessage()));
        };
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
