package dev.medianest.integrations.qbittorrent;

import dev.medianest.features.downloads.AddTorrent;
import dev.medianest.features.downloads.Capabilities;
import dev.medianest.features.downloads.DownloadClient;
import dev.medianest.features.downloads.Torrent;
import dev.medianest.features.downloads.TorrentState;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.http.RemoteFailure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** One qBittorrent instance as a {@link DownloadClient}; holds the session cookie of that instance. */
final class QbittorrentDownloads implements DownloadClient {

    /** qBittorrent's "infinite" ETA (8640000 s = 100 days), per the WebUI's own display code. */
    private static final long ETA_UNKNOWN = 8_640_000;

    private final QbittorrentClient client;
    private final QbittorrentSession session;

    QbittorrentDownloads(QbittorrentClient client, QbittorrentSession session) {
        this.client = client;
        this.session = session;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.all();
    }

    @Override
    public List<Torrent> torrents() {
        return remote(() -> client.torrents(session, "").stream().map(QbittorrentDownloads::torrent).toList());
    }

    @Override
    public String add(AddTorrent torrent) {
        List<QbittorrentClient.Part> parts = new ArrayList<>();
        switch (torrent.source()) {
            case AddTorrent.Magnet magnet -> parts.add(QbittorrentClient.Part.text("urls", magnet.uri()));
            case AddTorrent.Url url -> parts.add(QbittorrentClient.Part.text("urls", url.url().toString()));
            case AddTorrent.File file -> parts.add(new QbittorrentClient.Part("torrents", file.fileName(),
                    "application/x-bittorrent", file.bytes()));
        }
        torrent.category().ifPresent(category -> parts.add(QbittorrentClient.Part.text("category", category)));
        torrent.savePath().ifPresent(path -> {
            parts.add(QbittorrentClient.Part.text("savepath", path));
            // With automatic torrent management on, the category's folder would win over the path asked for.
            parts.add(QbittorrentClient.Part.text("autoTMM", "false"));
        });
        parts.add(QbittorrentClient.Part.text("paused", Boolean.toString(torrent.paused())));
        String answer = remote(() -> client.add(session, parts));
        if (!answer.equals("Ok.")) {
            // "Fails." when the daemon could not read the torrent or already has it (qbittorrent-webui-api.md, "Add new torrent").
            throw refused();
        }
        return torrent.source().knownHash().orElse("");
    }

    @Override
    public void pause(String hash) {
        post(stop(), Map.of("hashes", known(hash)));
    }

    @Override
    public void resume(String hash) {
        post(start(), Map.of("hashes", known(hash)));
    }

    @Override
    public void remove(String hash, boolean withData) {
        post("delete", Map.of("hashes", known(hash), "deleteFiles", Boolean.toString(withData)));
    }

    @Override
    public void setCategory(String hash, String category) {
        String wanted = category == null ? "" : category.strip();
        if (!wanted.isEmpty() && !AddTorrent.validCategory(wanted)) {
            throw AppException.invalid("category", "validation.download.category");
        }
        String checked = known(hash);
        Map<String, String> fields = Map.of("hashes", checked, "category", wanted);
        try {
            client.torrents(session, "setCategory", fields);
        } catch (RemoteFailure failure) {
            if (failure.status() != 409 || wanted.isEmpty()) {
                throw unavailable(failure);
            }
            // 409: the category does not exist yet (qbittorrent-webui-api.md, "Set torrent category"); create it, then set it.
            post("createCategory", Map.of("category", wanted, "savePath", ""));
            post("setCategory", fields);
        } catch (QbittorrentClient.LoginRefused refusedLogin) {
            throw unavailable(refusedLogin);
        }
    }

    @Override
    public void recheck(String hash) {
        post("recheck", Map.of("hashes", known(hash)));
    }

    @Override
    public void pauseAll() {
        post(stop(), Map.of("hashes", "all"));
    }

    @Override
    public void resumeAll() {
        post(start(), Map.of("hashes", "all"));
    }

    /** qBittorrent 5 renamed pause to stop (qbittorrent-webui-api-5.0.md, "Pause torrents": Name {@code stop}). */
    private String stop() {
        return fiveOrNewer() ? "stop" : "pause";
    }

    /** qBittorrent 5 renamed resume to start (qbittorrent-webui-api-5.0.md, "Resume torrents": Name {@code start}). */
    private String start() {
        return fiveOrNewer() ? "start" : "resume";
    }

    private boolean fiveOrNewer() {
        return QbittorrentClient.atLeast(remote(() -> client.version(session)), List.of(5));
    }

    /**
     * The daemon answers 200 to pause, resume, delete … of a hash it does not have, so the hash is
     * looked up first and an unknown one is NOT_FOUND rather than a silent no-op.
     */
    private String known(String hash) {
        if (!Torrent.isHash(hash)) {
            throw AppException.invalid("hash", "validation.download.hash");
        }
        String lower = hash.toLowerCase(Locale.ROOT);
        if (remote(() -> client.torrents(session, lower)).isEmpty()) {
            throw new AppException(ErrorCode.NOT_FOUND);
        }
        return lower;
    }

    private void post(String method, Map<String, String> fields) {
        remote(() -> {
            client.torrents(session, method, fields);
            return null;
        });
    }

    private <T> T remote(Supplier<T> call) {
        try {
            return call.get();
        } catch (RemoteFailure | QbittorrentClient.LoginRefused failure) {
            throw unavailable(failure);
        }
    }

    private AppException unavailable(RuntimeException failure) {
        return DownloadClient.unavailable(QbittorrentConnector.problem(failure, session));
    }

    /** The daemon answered, but would not do it. */
    private AppException refused() {
        return new AppException(ErrorCode.REMOTE_FAILED, session.instance().name(), session.instance().baseUrl().toString());
    }

    static Torrent torrent(QbittorrentTorrent raw) {
        Optional<Duration> eta = raw.eta() > 0 && raw.eta() < ETA_UNKNOWN ? Optional.of(Duration.ofSeconds(raw.eta())) : Optional.empty();
        Optional<String> category = Optional.ofNullable(raw.category()).filter(text -> !text.isEmpty());
        Optional<Instant> completed = raw.completionOn() > 0 ? Optional.of(Instant.ofEpochSecond(raw.completionOn())) : Optional.empty();
        return new Torrent(raw.hash(), raw.name() == null ? "" : raw.name(), state(raw.state()),
                Math.max(0, Math.min(1, raw.progress())), Math.max(0, raw.size()), Math.max(0, raw.downloaded()),
                Math.max(0, raw.upspeed()), Math.max(0, raw.dlspeed()), eta, Math.max(0, raw.ratio()),
                Math.max(0, raw.numSeeds()), Math.max(0, raw.numLeechs()), category,
                raw.savePath() == null ? "" : raw.savePath(), Instant.ofEpochSecond(Math.max(0, raw.addedOn())), completed);
    }

    /** The state values of qbittorrent-webui-api.md ("Get torrent list"), plus 5.x's stopped* names. */
    static TorrentState state(String state) {
        return switch (state == null ? "" : state) {
            case "uploading", "forcedUP", "stalledUP" -> TorrentState.SEEDING;
            case "pausedUP", "stoppedUP" -> TorrentState.COMPLETED;
            case "pausedDL", "stoppedDL" -> TorrentState.PAUSED;
            case "queuedUP", "queuedDL" -> TorrentState.QUEUED;
            case "checkingUP", "checkingDL", "checkingResumeData" -> TorrentState.CHECKING;
            case "stalledDL" -> TorrentState.STALLED;
            case "metaDL", "forcedMetaDL" -> TorrentState.FETCHING_METADATA;
            case "downloading", "forcedDL", "allocating", "moving" -> TorrentState.DOWNLOADING;
            default -> TorrentState.ERROR;
        };
    }
}
