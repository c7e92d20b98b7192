package dev.medianest.integrations.deluge;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One Deluge instance as a {@link DownloadClient}; holds the session cookie of that instance and
 * whether its Label plugin is on, which decides if categories are supported.
 */
final class DelugeDownloads implements DownloadClient {

    static final String LABEL_PLUGIN = "Label";

    /** The Label plugin lower-cases label ids and accepts only these characters (deluge-json-rpc.md, "Label plugin"). */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_.-]{1,64}");

    private final DelugeClient client;
    private final DelugeSession session;
    private volatile Boolean labels;

    DelugeDownloads(DelugeClient client, DelugeSession session) {
        this.client = client;
        this.session = session;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(labelsOn(), true, true, true, true);
    }

    @Override
    public List<Torrent> torrents() {
        return remote(() -> client.torrents(session, Map.of()).entrySet().stream()
                .map(entry -> torrent(entry.getKey(), entry.getValue())).toList());
    }

    @Override
    public String add(AddTorrent torrent) {
        Optional<String> label = torrent.category().map(DelugeDownloads::label);
        if (label.isPresent() && !labelsOn()) {
            throw unsupported();
        }
        Map<String, Object> options = new LinkedHashMap<>();
        torrent.savePath().ifPresent(path -> options.put("download_location", path));
        options.put("add_paused", torrent.paused());
        JsonNode id = remote(() -> switch (torrent.source()) {
            case AddTorrent.Magnet magnet -> client.call(session, "core.add_torrent_magnet", magnet.uri(), options);
            case AddTorrent.Url url -> client.call(session, "core.add_torrent_url", url.url().toString(), options);
            case AddTorrent.File file -> client.call(session, "core.add_torrent_file", file.fileName(),
                    Base64.getEncoder().encodeToString(file.bytes()), options);
        });
        // null when the daemon could not read the torrent (deluge-json-rpc.md, "Torrent methods").
        if (id == null || !id.isTextual() || !Torrent.isHash(id.asText())) {
            throw refused();
        }
        String hash = id.asText().toLowerCase(Locale.ROOT);
        label.ifPresent(text -> setLabel(hash, text));
        return hash;
    }

    /** pause_torrents takes a list in every 2.x; pause_torrent took a list only in 2.0 (deluge-json-rpc.md, "Torrent methods"). */
    @Override
    public void pause(String hash) {
        String checked = known(hash);
        call("core.pause_torrents", List.of(checked));
    }

    @Override
    public void resume(String hash) {
        String checked = known(hash);
        call("core.resume_torrents", List.of(checked));
    }

    @Override
    public void remove(String hash, boolean withData) {
        String checked = known(hash);
        call("core.remove_torrent", checked, withData);
    }

    @Override
    public void setCategory(String hash, String category) {
        String wanted = category == null ? "" : category.strip();
        String label = wanted.isEmpty() ? "" : label(wanted);
        if (!labelsOn()) {
            throw unsupported();
        }
        setLabel(known(hash), label);
    }

    @Override
    public void recheck(String hash) {
        String checked = known(hash);
        call("core.force_recheck", List.of(checked));
    }

    /** Without ids, pause_torrents and resume_torrents reach every torrent (core.py); the session itself stays up. */
    @Override
    public void pauseAll() {
        call("core.pause_torrents");
    }

    @Override
    public void resumeAll() {
        call("core.resume_torrents");
    }

    /** Sets a label, creating it first when the plugin does not know it yet. */
    private void setLabel(String hash, String label) {
        remote(() -> {
            if (!label.isEmpty()) {
                JsonNode existing = client.call(session, "label.get_labels");
                boolean known = false;
                for (JsonNode name : existing) {
                    known |= name.asText().equals(label);
                }
                if (!known) {
                    client.call(session, "label.add", label);
                }
            }
            return client.call(session, "label.set_torrent", hash, label);
        });
    }

    /** A category as a Label plugin id: lower case, only a–z, 0–9, '_', '.', '-'; anything else is refused, not changed silently. */
    private static String label(String category) {
        String lower = category.strip().toLowerCase(Locale.ROOT);
        if (!AddTorrent.validCategory(category) || !LABEL.matcher(lower).matches()) {
            throw AppException.invalid("category", "validation.download.deluge_label");
        }
        return lower;
    }

    /** Whether the Label plugin is on; it is enabled once when the daemon has it but it is off. */
    private boolean labelsOn() {
        Boolean known = labels;
        if (known != null) {
            return known;
        }
        boolean on = remote(() -> {
            if (enabled()) {
                return true;
            }
            try {
                client.call(session, "core.enable_plugin", LABEL_PLUGIN);
            } catch (DelugeClient.RpcError refusedByDaemon) {
                return false;
            }
            return enabled();
        });
        labels = on;
        return on;
    }

    private boolean enabled() {
        for (JsonNode plugin : client.call(session, "core.get_enabled_plugins")) {
            if (plugin.asText().equals(LABEL_PLUGIN)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Deluge raises for an unknown id in some methods and ignores it in others, so the hash is looked up
     * first, with {@code core.get_torrent_status}: it answers {@code {}} for an unknown id and, unlike
     * {@code core.get_torrents_status}, reads the status from libtorrent afresh (deluge/core/core.py,
     * {@code update=True}). Deluge's pause and resume decide on that cached status (deluge/core/torrent.py,
     * {@code Torrent.pause}: "elif self.status.paused"), so a pause soon after a resume was otherwise lost.
     */
    private String known(String hash) {
        if (!Torrent.isHash(hash)) {
            throw AppException.invalid("hash", "validation.download.hash");
        }
        String lower = hash.toLowerCase(Locale.ROOT);
        JsonNode status = remote(() -> client.call(session, "core.get_torrent_status", lower, List.of("hash")));
        if (status == null || status.isEmpty()) {
            throw new AppException(ErrorCode.NOT_FOUND);
        }
        return lower;
    }

    private void call(String method, Object... params) {
        remote(() -> client.call(session, method, params));
    }

    private <T> T remote(Supplier<T> call) {
        try {
            return call.get();
        } catch (RemoteFailure | DelugeClient.LoginRefused | DelugeClient.NoDaemon | DelugeClient.RpcError failure) {
            throw DownloadClient.unavailable(DelugeConnector.problem(failure, session.instance()));
        }
    }

    private static AppException unsupported() {
        return new AppException(ErrorCode.VALIDATION_FAILED, Map.of("category", "validation.download.unsupported"));
    }

    /** The daemon answered, but would not do it. */
    private AppException refused() {
        return new AppException(ErrorCode.REMOTE_FAILED, session.instance().name(), session.instance().baseUrl().toString());
    }

    static Torrent torrent(String id, DelugeTorrent raw) {
        String hash = raw.hash() == null ? id : raw.hash();
        double progress = Math.max(0, Math.min(1, raw.progress() / 100.0));
        Optional<Duration> eta = raw.eta() > 0 ? Optional.of(Duration.ofSeconds((long) raw.eta())) : Optional.empty();
        Optional<String> label = Optional.ofNullable(raw.label()).filter(text -> !text.isEmpty());
        Optional<Instant> completed = raw.completedTime() > 0 ? Optional.of(Instant.ofEpochSecond((long) raw.completedTime())) : Optional.empty();
        return new Torrent(hash, raw.name() == null ? "" : raw.name(), state(raw.state(), progress),
                progress, Math.max(0, raw.totalSize()), Math.max(0, raw.totalDone()),
                Math.max(0, raw.uploadRate()), Math.max(0, raw.downloadRate()), eta, Math.max(0, raw.ratio()),
                Math.max(0, raw.numSeeds()), Math.max(0, raw.numPeers()), label,
                raw.savePath() == null ? "" : raw.savePath(), Instant.ofEpochSecond(Math.max(0, (long) raw.timeAdded())), completed);
    }

    /** Deluge's states (deluge-json-rpc.md, "Useful status keys"); a paused torrent with all its data is complete. */
    static TorrentState state(String state, double progress) {
        return switch (state == null ? "" : state) {
            case "Downloading", "Moving", "Allocating" -> TorrentState.DOWNLOADING;
            case "Seeding" -> TorrentState.SEEDING;
            case "Paused" -> progress >= 1 ? TorrentState.COMPLETED : TorrentState.PAUSED;
            case "Checking" -> TorrentState.CHECKING;
            case "Queued" -> TorrentState.QUEUED;
            default -> TorrentState.ERROR;
        };
    }
}
