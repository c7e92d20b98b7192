package dev.medianest.integrations.transmission;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One Transmission instance as a {@link DownloadClient}; holds the session id and protocol of
 * that instance. The category is Transmission's first label.
 */
final class TransmissionDownloads implements DownloadClient {

    /** Labels in torrent-get and torrent-set arrived with Transmission 3.00 (rpc-version 16). */
    private static final int LABELS_RPC = 16;
    /** torrent-add took labels only from 4.0.0 (rpc-version 17); before that they are set right after adding. */
    private static final int ADD_LABELS_RPC = 17;

    private final TransmissionClient client;
    private final TransmissionSession session;

    TransmissionDownloads(TransmissionClient client, TransmissionSession session) {
        this.client = client;
        this.session = session;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(rpcVersion() >= LABELS_RPC, true, true, true, true);
    }

    @Override
    public List<Torrent> torrents() {
        return remote(() -> list(Optional.empty()).stream().map(TransmissionDownloads::torrent).toList());
    }

    @Override
    public String add(AddTorrent torrent) {
        torrent.category().ifPresent(this::checkLabel);
        if (torrent.category().isPresent() && rpcVersion() < LABELS_RPC) {
            throw AppException.invalid("category", "validation.download.unsupported");
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        switch (torrent.source()) {
            case AddTorrent.Magnet magnet -> arguments.put("filename", magnet.uri());
            case AddTorrent.Url url -> arguments.put("filename", url.url().toString());
            case AddTorrent.File file -> arguments.put("metainfo", Base64.getEncoder().encodeToString(file.bytes()));
        }
        torrent.savePath().ifPresent(path -> arguments.put("download-dir", path));
        arguments.put("paused", torrent.paused());
        boolean labelsNow = rpcVersion() >= ADD_LABELS_RPC;
        torrent.category().filter(category -> labelsNow).ifPresent(category -> arguments.put("labels", List.of(category)));
        JsonNode reply = remote(() -> client.call(session, "torrent-add", arguments));
        TransmissionClient.Dialect dialect = session.version().orElseThrow().dialect();
        JsonNode added = reply.path(dialect.key("torrent-added"));
        if (added.isMissingNode()) {
            // torrent-duplicate: the daemon already has it (transmission-rpc-spec-4.0.6-legacy.md, 3.4).
            added = reply.path(dialect.key("torrent-duplicate"));
        }
        String hash = added.path(dialect.key("hashString")).asText("").toLowerCase(Locale.ROOT);
        if (!labelsNow && !hash.isEmpty()) {
            torrent.category().ifPresent(category -> set(hash, List.of(category)));
        }
        return hash.isEmpty() ? torrent.source().knownHash().orElse("") : hash;
    }

    @Override
    public void pause(String hash) {
        act("torrent-stop", known(hash));
    }

    @Override
    public void resume(String hash) {
        act("torrent-start", known(hash));
    }

    @Override
    public void remove(String hash, boolean withData) {
        String checked = known(hash);
        remote(() -> client.call(session, "torrent-remove", Map.of("ids", List.of(checked), "delete-local-data", withData)));
    }

    @Override
    public void setCategory(String hash, String category) {
        String wanted = category == null ? "" : category.strip();
        if (!wanted.isEmpty()) {
            if (!AddTorrent.validCategory(wanted)) {
                throw AppException.invalid("category", "validation.download.category");
            }
            checkLabel(wanted);
        }
        if (!capabilities().categories()) {
            throw AppException.invalid("category", "validation.download.unsupported");
        }
        set(known(hash), wanted.isEmpty() ? List.of() : List.of(wanted));
    }

    @Override
    public void recheck(String hash) {
        act("torrent-verify", known(hash));
    }

    @Override
    public void pauseAll() {
        // Without ids a method acts on every torrent (transmission-rpc-spec-4.0.6-legacy.md, 3.1).
        remote(() -> client.call(session, "torrent-stop", Map.of()));
    }

    @Override
    public void resumeAll() {
        remote(() -> client.call(session, "torrent-start", Map.of()));
    }

    /** Transmission refuses labels with a comma (libtransmission stores them comma-separated) and empty ones. */
    private void checkLabel(String label) {
        if (label.contains(",")) {
            throw AppException.invalid("category", "validation.transmission.label");
        }
    }

    private void set(String hash, List<String> labels) {
        remote(() -> client.call(session, "torrent-set", Map.of("ids", List.of(hash), "labels", labels)));
    }

    private void act(String method, String hash) {
        remote(() -> client.call(session, method, Map.of("ids", List.of(hash))));
    }

    private int rpcVersion() {
        return remote(() -> client.version(session)).rpcVersion();
    }

    /**
     * Transmission silently ignores ids it does not have, so the hash is looked up first and an
     * unknown one is NOT_FOUND rather than a silent no-op.
     */
    private String known(String hash) {
        if (!Torrent.isHash(hash)) {
            throw AppException.invalid("hash", "validation.download.hash");
        }
        String lower = hash.toLowerCase(Locale.ROOT);
        if (remote(() -> list(Optional.of(lower))).isEmpty()) {
            throw new AppException(ErrorCode.NOT_FOUND);
        }
        return lower;
    }

    private List<TransmissionTorrent> list(Optional<String> hash) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        // labels came with rpc-version 16 (transmission-rpc-spec-4.0.6-legacy.md, 5): not asked of an older daemon.
        List<String> fields = rpcVersion() >= LABELS_RPC ? TransmissionTorrent.FIELDS
                : TransmissionTorrent.FIELDS.stream().filter(field -> !field.equals("labels")).toList();
        arguments.put("fields", hash.isPresent() ? List.of("hashString") : fields);
        hash.ifPresent(one -> arguments.put("ids", List.of(one)));
        JsonNode reply = client.call(session, "torrent-get", arguments);
        TransmissionClient.Dialect dialect = session.version().orElseThrow().dialect();
        List<TransmissionTorrent> torrents = new ArrayList<>();
        reply.path("torrents").forEach(node -> torrents.add(TransmissionTorrent.read(node, dialect)));
        return torrents;
    }

    private <T> T remote(Supplier<T> call) {
        try {
            return call.get();
        } catch (RemoteFailure | TransmissionClient.Refused failure) {
            throw DownloadClient.unavailable(TransmissionConnector.problem(failure, session.instance()));
        }
    }

    static Torrent torrent(TransmissionTorrent raw) {
        // eta: -1 "not available", -2 "unknown" (transmission.h TR_ETA_NOT_AVAIL / TR_ETA_UNKNOWN).
        Optional<Duration> eta = raw.eta() > 0 ? Optional.of(Duration.ofSeconds(raw.eta())) : Optional.empty();
        Optional<String> category = raw.labels().stream().filter(label -> !label.isEmpty()).findFirst();
        Optional<Instant> completed = raw.doneDate() > 0 ? Optional.of(Instant.ofEpochSecond(raw.doneDate())) : Optional.empty();
        double progress = Math.max(0, Math.min(1, raw.percentDone()));
        int seeds = Math.max(0, raw.peersSendingToUs());
        return new Torrent(raw.hashString(), raw.name(), state(raw, progress),
                progress, Math.max(0, raw.totalSize()), Math.max(0, raw.downloadedEver()),
                Math.max(0, raw.rateUpload()), Math.max(0, raw.rateDownload()), eta,
                // uploadRatio: -1 "not available", -2 "infinite" (transmission.h TR_RATIO_NA / TR_RATIO_INF).
                Math.max(0, raw.uploadRatio()), seeds, Math.max(0, raw.peersConnected() - seeds), category,
                raw.downloadDir(), Instant.ofEpochSecond(Math.max(0, raw.addedDate())), completed);
    }

    /** The status numbers 0..6 of transmission-rpc-spec-4.0.6-legacy.md (3.3), with error and metadata folded in. */
    static TorrentState state(TransmissionTorrent raw, double progress) {
        if (raw.error() != 0) {
            return TorrentState.ERROR;
        }
        return switch (raw.status()) {
            case 0 -> progress >= 1 ? TorrentState.COMPLETED : TorrentState.PAUSED;
            case 1, 2 -> TorrentState.CHECKING;
            case 3, 5 -> TorrentState.QUEUED;
            case 4 -> raw.metadataPercentComplete() < 1 ? TorrentState.FETCHING_METADATA
                    : raw.rateDownload() == 0 && raw.peersSendingToUs() == 0 ? TorrentState.STALLED : TorrentState.DOWNLOADING;
            case 6 -> TorrentState.SEEDING;
            default -> TorrentState.ERROR;
        };
    }
}
