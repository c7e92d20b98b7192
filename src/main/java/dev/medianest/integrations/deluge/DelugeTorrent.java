package dev.medianest.integrations.deluge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One value of {@code core.get_torrents_status} (deluge-json-rpc.md, "Useful status keys"); only the
 * keys MediaNest asks for. {@code progress} is 0–100; {@code label} exists only with the Label plugin.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record DelugeTorrent(String hash, String name, String state, double progress,
                     @JsonProperty("total_size") long totalSize, @JsonProperty("total_done") long totalDone,
                     @JsonProperty("download_payload_rate") long downloadRate, @JsonProperty("upload_payload_rate") long uploadRate,
                     double eta, double ratio, @JsonProperty("num_seeds") int numSeeds, @JsonProperty("num_peers") int numPeers,
                     String label, @JsonProperty("save_path") String savePath,
                     @JsonProperty("time_added") double timeAdded, @JsonProperty("completed_time") double completedTime) {

    /** The keys to ask for; without the Label plugin the daemon leaves {@code label} out of its answer, so it reads as null. */
    static final java.util.List<String> KEYS = java.util.List.of("hash", "name", "state", "progress", "total_size", "total_done",
            "download_payload_rate", "upload_payload_rate", "eta", "ratio", "num_seeds", "num_peers", "label", "save_path",
            "time_added", "completed_time");
}
