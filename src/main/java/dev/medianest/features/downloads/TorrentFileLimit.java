package dev.medianest.features.downloads;

import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;

import java.util.Map;

/**
 * The largest .torrent file MediaNest accepts, as configured ({@code downloads.maxTorrentFileMegabytes}).
 * Real torrent files are kilobytes, a few megabytes for huge multi-file sets; the limit keeps a wrong
 * file from being read into memory and sent to a client.
 *
 * @param megabytes 1 to 100; a megabyte here is 1,048,576 bytes
 */
public record TorrentFileLimit(int megabytes) {

    public static final int MIN_MEGABYTES = 1;
    public static final int MAX_MEGABYTES = 100;

    public TorrentFileLimit {
        if (megabytes < MIN_MEGABYTES || megabytes > MAX_MEGABYTES) {
            throw new IllegalArgumentException("a .torrent file limit must be " + MIN_MEGABYTES + " to " + MAX_MEGABYTES
                    + " MB: " + megabytes);
        }
    }

    public long bytes() {
        return megabytes * 1024L * 1024L;
    }

    public boolean admits(long size) {
        return size <= bytes();
    }

    /** The error for a file over the limit: it names the limit and the setting that raises it. */
    public AppException exceeded() {
        return new AppException(ErrorCode.TORRENT_TOO_LARGE, Map.of("torrent", "validation.download.torrent_too_large"), megabytes);
    }
}
