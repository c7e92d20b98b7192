package dev.medianest.features.downloads;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One torrent as a download client reports it.
 *
 * @param hash          the info hash, lower-case hex (40 characters for v1, 64 for a v2-only torrent)
 * @param progress      0 to 1
 * @param size          bytes selected for download
 * @param downloaded    bytes downloaded so far
 * @param uploadSpeed   bytes per second
 * @param downloadSpeed bytes per second
 * @param eta           time left, absent when the client does not know (stalled, paused, complete)
 * @param ratio         uploaded / downloaded
 * @param seeds         seeds connected to
 * @param peers         leechers connected to
 * @param category      the client's category or label, absent when none
 * @param completedAt   absent until the download completes
 */
public record Torrent(String hash, String name, TorrentState state, double progress, long size, long downloaded,
                      long uploadSpeed, long downloadSpeed, Optional<Duration> eta, double ratio, int seeds, int peers,
                      Optional<String> category, String savePath, Instant addedAt, Optional<Instant> completedAt) {

    public Torrent {
        hash = requireHash(hash);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(eta, "eta");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(savePath, "savePath");
        Objects.requireNonNull(addedAt, "addedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        if (!(progress >= 0 && progress <= 1)) {
            throw new IllegalArgumentException("progress must be within 0..1: " + progress);
        }
        if (size < 0 || downloaded < 0 || uploadSpeed < 0 || downloadSpeed < 0 || seeds < 0 || peers < 0 || ratio < 0) {
            throw new IllegalArgumentException("negative amount in torrent " + hash);
        }
    }

    /** A v1 (40 hex) or v2 (64 hex) info hash in lower case; anything else is a programming error. */
    static String requireHash(String hash) {
        Objects.requireNonNull(hash, "hash");
        String lower = hash.toLowerCase(Locale.ROOT);
        if (!isHash(lower)) {
            throw new IllegalArgumentException("not an info hash: " + hash);
        }
        return lower;
    }

    /** Whether the text is a v1 or v2 info hash in hex. */
    public static boolean isHash(String text) {
        return text != null && (text.length() == 40 || text.length() == 64) && text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
