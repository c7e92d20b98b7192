package dev.medianest.channels.web;

import dev.medianest.features.downloads.TorrentFileLimit;
import io.javalin.http.Context;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The two requests that carry a .torrent file may be larger than {@code server.maxRequestBytes}: up to
 * the configured .torrent limit plus room for the rest of the request. They are the Downloads page's
 * multipart form and the API's JSON, whose file is base64 (four bytes for every three).
 */
record TorrentUploads(TorrentFileLimit limit) {

    /** Room for the form fields, multipart boundaries or JSON members around the file. */
    private static final long OVERHEAD = 256 * 1024;
    private static final String FORM = "/downloads/add";
    private static final Pattern API = Pattern.compile("/api/v1/downloads/[^/]+/torrents");

    TorrentUploads {
        Objects.requireNonNull(limit, "limit");
    }

    /** The body limit of this request when it is a torrent upload, else empty. */
    OptionalLong bodyLimit(Context ctx) {
        if (!"POST".equals(ctx.method().name())) {
            return OptionalLong.empty();
        }
        if (ctx.path().equals(FORM)) {
            return OptionalLong.of(limit.bytes() + OVERHEAD);
        }
        if (API.matcher(ctx.path()).matches()) {
            return OptionalLong.of(base64Length(limit.bytes()) + OVERHEAD);
        }
        return OptionalLong.empty();
    }

    private static long base64Length(long bytes) {
        return (bytes + 2) / 3 * 4;
    }
}
