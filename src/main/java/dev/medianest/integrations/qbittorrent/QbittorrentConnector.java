package dev.medianest.integrations.qbittorrent;

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
 * qBittorrent as a configured service (spec: qbittorrent-webui-api.md). Web API 2 arrived with
 * qBittorrent 4.1; older releases speak another API, hence the minimum.
 */
public final class QbittorrentConnector implements DownloadConnector {

    static final String APPLICATION = "qBittorrent";
    private static final int MIN_WEBAPI_MAJOR = 2;

    private final QbittorrentClient client;

    public QbittorrentConnector(RemoteHttp http) {
        this.client = new QbittorrentClient(http);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.QBITTORRENT;
    }

    @Override
    public List<ServiceField> fields() {
        // Both optional: an instance may bypass authentication for MediaNest's subnet (Options › Web UI).
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
            throw new IllegalArgumentException(instance.name() + " is not a qBittorrent instance");
        }
        return new QbittorrentDownloads(client, new QbittorrentSession(instance));
    }

    /** Signs in, then reads both versions; every failure becomes a problem a person can act on. */
    private Probe check(ServiceInstance instance) {
        long started = System.nanoTime();
        String name = instance.name();
        String url = instance.baseUrl().toString();
        QbittorrentSession session = new QbittorrentSession(instance);
        try {
            if (session.signsIn()) {
                client.login(session);
            }
            String version = client.version(session);
            String webapi = client.webapiVersion(session);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (major(webapi) < MIN_WEBAPI_MAJOR) {
                return new Probe(Probe.State.DOWN, elapsed, Optional.of(APPLICATION), Optional.of(version),
                        List.of(ServiceProblem.of("service.version_too_old", name, version, "4.1")), List.of());
            }
            return new Probe(Probe.State.UP, elapsed, Optional.of(APPLICATION), Optional.of(version), List.of(), List.of());
        } catch (QbittorrentClient.LoginRefused refused) {
            return Probe.down(Duration.ofNanos(System.nanoTime() - started), ServiceProblem.of("download.qbittorrent.login_failed", name, url));
        } catch (RemoteFailure failure) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (failure.kind() == RemoteFailure.Kind.FORBIDDEN && session.cookie().isEmpty() && session.signsIn()) {
                // A 403 to the login itself means the address is banned (qbittorrent-webui-api.md, "Login").
                return Probe.down(elapsed, ServiceProblem.of("download.qbittorrent.banned", name, url));
            }
            if (failure.kind() == RemoteFailure.Kind.WRONG_APPLICATION) {
                return Probe.down(elapsed, ServiceProblem.of("service.wrong_application", name, url, APPLICATION, "?"));
            }
            return Probe.down(elapsed, ServiceProblem.of(failure.kind().messageKey(), name, url));
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.split("\\.", 2)[0].strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
