package dev.medianest.integrations.qbittorrent;

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
import java.util.regex.Pattern;

/**
 * qBittorrent as a configured service (specs: qbittorrent-webui-api.md, qbittorrent-webui-api-5.0.md,
 * qbittorrent-webui-api-key-auth.md). Web API 2 arrived with qBittorrent 4.1; older releases speak
 * another API, hence the minimum. An API key replaces the user name and password, from qBittorrent 5.2.
 */
public final class QbittorrentConnector implements DownloadConnector {

    static final String APPLICATION = "qBittorrent";
    private static final int MIN_WEBAPI_MAJOR = 2;
    /** API keys: "available starting from qBittorrent v5.2.0 or WebAPI v2.14.1" (qbittorrent-webui-api-key-auth.md). */
    private static final List<Integer> API_KEY_WEBAPI = List.of(2, 14, 1);
    /** "32 characters long … the prefix qbt_ followed by 28 random alphanumeric characters" (same file, "Format"). */
    private static final Pattern API_KEY = Pattern.compile("qbt_[A-Za-z0-9]{28}");

    private final QbittorrentClient client;
    private final ClientSessions<QbittorrentSession> sessions = new ClientSessions<>(QbittorrentSession::new);

    public QbittorrentConnector(RemoteHttp http) {
        this.client = new QbittorrentClient(http);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.QBITTORRENT;
    }

    @Override
    public List<ServiceField> fields() {
        // All optional: an instance may bypass authentication for MediaNest's subnet (Options › Web UI),
        // and an API key, when given, is used instead of the user name and password.
        return List.of(ServiceField.text("username", "download.field.username", false),
                ServiceField.secret("password", "download.field.password", false),
                ServiceField.secret("apiKey", "download.field.qbittorrent_api_key", false));
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
        return new QbittorrentDownloads(client, sessions.of(instance));
    }

    /** Signs in (or presents the API key), then reads both versions; every failure becomes a problem a person can act on. */
    private Probe check(ServiceInstance instance) {
        long started = System.nanoTime();
        String name = instance.name();
        String url = instance.baseUrl().toString();
        QbittorrentSession session = new QbittorrentSession(instance);
        if (session.usesApiKey() && !API_KEY.matcher(session.apiKey()).matches()) {
            return Probe.down(Duration.ofNanos(System.nanoTime() - started),
                    ServiceProblem.of("download.qbittorrent.api_key_format", name));
        }
        try {
            if (session.signsIn()) {
                client.login(session);
            }
            String version = client.version(session);
            String webapi = client.webapiVersion(session);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (!QbittorrentClient.atLeast(webapi, List.of(MIN_WEBAPI_MAJOR))) {
                return new Probe(Probe.State.DOWN, elapsed, Optional.of(APPLICATION), Optional.of(version),
                        List.of(ServiceProblem.of("service.version_too_old", name, version, "4.1")), List.of());
            }
            if (session.usesApiKey() && !QbittorrentClient.atLeast(webapi, API_KEY_WEBAPI)) {
                // It answered only because it lets this address in without signing in; it never read the key.
                return new Probe(Probe.State.DEGRADED, elapsed, Optional.of(APPLICATION), Optional.of(version),
                        List.of(ServiceProblem.of("download.qbittorrent.api_key_unsupported", name, version)), List.of());
            }
            return new Probe(Probe.State.UP, elapsed, Optional.of(APPLICATION), Optional.of(version), List.of(), List.of());
        } catch (QbittorrentClient.LoginRefused | RemoteFailure failure) {
            return Probe.down(Duration.ofNanos(System.nanoTime() - started), problem(failure, session));
        }
    }

    /** Why a call to the daemon failed, in words a person can act on: the Test button and every torrent operation say the same. */
    static ServiceProblem problem(RuntimeException failure, QbittorrentSession session) {
        String name = session.instance().name();
        String url = session.instance().baseUrl().toString();
        if (!(failure instanceof RemoteFailure remote)) {
            return ServiceProblem.of("download.qbittorrent.login_failed", name, url);
        }
        if (remote.kind() == RemoteFailure.Kind.FORBIDDEN && session.usesApiKey()) {
            // Without a session every call but auth/login answers 403, to a wrong key and to a key an older
            // qBittorrent ignores alike; it cannot tell its version before signing in (verified against 4.5.2).
            return ServiceProblem.of("download.qbittorrent.api_key_refused", name, url);
        }
        if (remote.kind() == RemoteFailure.Kind.FORBIDDEN && session.cookie().isEmpty() && session.signsIn()) {
            // A 403 to the login itself means the address is banned (qbittorrent-webui-api.md, "Login").
            return ServiceProblem.of("download.qbittorrent.banned", name, url);
        }
        if (remote.kind() == RemoteFailure.Kind.WRONG_APPLICATION) {
            return ServiceProblem.of("service.wrong_application", name, url, APPLICATION, "?");
        }
        return ServiceProblem.of(remote.kind().messageKey(), name, url);
    }
}
