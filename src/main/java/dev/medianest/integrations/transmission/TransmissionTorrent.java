package dev.medianest.integrations.transmission;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One element of {@code torrent-get}'s {@code torrents} (transmission-rpc-spec-4.0.6-legacy.md and
 * transmission-rpc-spec.md, 3.3); only the fields MediaNest reads, under their legacy names.
 */
record TransmissionTorrent(String hashString, String name, int status, int error, double percentDone,
                           double metadataPercentComplete, long totalSize, long downloadedEver, long rateDownload,
                           long rateUpload, long eta, double uploadRatio, int peersConnected, int peersSendingToUs,
                           List<String> labels, String downloadDir, long addedDate, long doneDate) {

    /** The fields to ask {@code torrent-get} for, in legacy spelling. */
    static final List<String> FIELDS = List.of("hashString", "name", "status", "error", "percentDone",
            "metadataPercentComplete", "totalSize", "downloadedEver", "rateDownload", "rateUpload", "eta", "uploadRatio",
            "peersConnected", "peersSendingToUs", "labels", "downloadDir", "addedDate", "doneDate");

    /** Reads one torrent object of either protocol. */
    static TransmissionTorrent read(JsonNode node, TransmissionClient.Dialect dialect) {
        List<String> labels = new ArrayList<>();
        node.path(dialect.key("labels")).forEach(label -> labels.add(label.asText()));
        return new TransmissionTorrent(text(node, dialect, "hashString"), text(node, dialect, "name"),
                node.path(dialect.key("status")).asInt(), node.path(dialect.key("error")).asInt(),
                node.path(dialect.key("percentDone")).asDouble(), node.path(dialect.key("metadataPercentComplete")).asDouble(1),
                node.path(dialect.key("totalSize")).asLong(), node.path(dialect.key("downloadedEver")).asLong(),
                node.path(dialect.key("rateDownload")).asLong(), node.path(dialect.key("rateUpload")).asLong(),
                node.path(dialect.key("eta")).asLong(-1), node.path(dialect.key("uploadRatio")).asDouble(),
                node.path(dialect.key("peersConnected")).asInt(), node.path(dialect.key("peersSendingToUs")).asInt(),
                List.copyOf(labels), text(node, dialect, "downloadDir"),
                node.path(dialect.key("addedDate")).asLong(), node.path(dialect.key("doneDate")).asLong());
    }

    private static String text(JsonNode node, TransmissionClient.Dialect dialect, String field) {
        return node.path(dialect.key(field)).asText("");
    }
}
