package dev.medianest.integrations.deluge;

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
        return new DelugeDownloads(client, new DelugeSession(instance));
    }

    /** Signs in, connects to the daemon, reads its version; every failure becomes a problem a person can act on. */
    private Probe check(ServiceInstance instance) {
        long started = System.nanoTime();
        String name = instance.name();
        String url = instance.baseUrl().toString();
        DelugeSession session = new DelugeSession(instance);
        try {
            client.login(session);
            client.connectDaemon(session);
            String version = client.version(session);
            return new Probe(Probe.State.UP, elapsed(started), Optional.of(APPLICATION), Optional.of(version), List.of(), List.of());
        } catch (DelugeClient.LoginRefused refused) {
            return Probe.down(elapsed(started), ServiceProblem.of("download.deluge.login_failed", name, url));
        } catch (DelugeClient.NoDaemon noDaemon) {
            return Probe.down(elapsed(started), ServiceProblem.of("download.deluge.no_daemon", name, url));
        } catch (DelugeClient.RpcError error) {
            return Probe.down(elapsed(started), ServiceProblem.of("download.deluge.rpc_failed", name, url, error.getMessage()));
        } catch (RemoteFailure failure) {
            if (failure.kind() == RemoteFailure.Kind.WRONG_APPLICATION || failure.kind() == RemoteFailure.Kind.NOT_FOUND) {
                return Probe.down(elapsed(started), ServiceProblem.of("service.wrong_application", name, url, APPLICATION, "?"));
            }
            return Probe.down(elapsed(started), ServiceProblem.of(failure.kind().messageKey(), name, url));
        }
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
