package dev.medianest.integrations.qbittorrent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One element of {@code /api/v2/torrents/info} (qbittorrent-webui-api.md, "Get torrent list"); only the fields MediaNest reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
record QbittorrentTorrent(String hash, String name, String state, double progress, long size, long downloaded,
                          long upspeed, long dlspeed, long eta, double ratio,
                          @JsonProperty("num_seeds") int numSeeds, @JsonProperty("num_leechs") int numLeechs,
                          String category, @JsonProperty("save_path") String savePath,
                          @JsonProperty("added_on") long addedOn, @JsonProperty("completion_on") long completionOn) {
}
