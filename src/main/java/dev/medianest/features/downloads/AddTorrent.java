package dev.medianest.features.downloads;

import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.FieldErrors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request to add one torrent, checked on construction so nothing invalid reaches a client.
 *
 * @param source   a magnet URI, the address of a .torrent file, or an uploaded .torrent file
 * @param category the category or label to file it under; no path separators or control characters, at most 64 characters
 * @param savePath an absolute directory on the client's machine; absent for the client's default
 * @param paused   add without starting
 */
public record AddTorrent(Source source, Optional<String> category, Optional<String> savePath, boolean paused) {

    private static final Pattern BTIH = Pattern.compile("(?i)urn:btih:([0-9a-f]{40}|[a-z2-7]{32})");
    private static final Pattern BTMH = Pattern.compile("(?i)urn:btmh:1220[0-9a-f]{64}");
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:[/\\\\].*");

    /** Where the torrent comes from. */
    public sealed interface Source {
        /** The info hash when it is known before the client sees the torrent. */
        Optional<String> knownHash();
    }

    /** A {@code magnet:?xt=urn:btih:…} link. */
    public record Magnet(String uri) implements Source {
        public Magnet {
            if (!validMagnet(uri)) {
                throw AppException.invalid("magnet", "validation.download.magnet");
            }
        }

        @Override
        public Optional<String> knownHash() {
            String query = uri.substring(uri.indexOf('?') + 1);
            for (String pair : query.split("&")) {
                if (pair.toLowerCase(Locale.ROOT).startsWith("xt=urn:btih:")) {
                    String hash = pair.substring("xt=urn:btih:".length());
                    return Torrent.isHash(hash) ? Optional.of(hash.toLowerCase(Locale.ROOT)) : Optional.empty();
                }
            }
            return Optional.empty();
        }
    }

    /** An http(s) address the client downloads the .torrent file from. */
    public record Url(URI url) implements Source {
        public Url {
            if (url == null || url.getHost() == null || url.toString().length() > 2048
                    || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
                throw AppException.invalid("url", "validation.download.url");
            }
        }

        @Override
        public Optional<String> knownHash() {
            return Optional.empty();
        }
    }

    /** The bytes of an uploaded .torrent file; its v1 info hash is computed here. */
    public record File(String fileName, byte[] bytes, String infoHash) implements Source {
        public File {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(infoHash, "infoHash");
            bytes = bytes.clone();
        }

        /** Checks the bytes: within the limit, and a bencoded dictionary with an info dictionary. */
        public static File of(String fileName, byte[] bytes, TorrentFileLimit limit) {
            if (!limit.admits(bytes.length)) {
                throw limit.exceeded();
            }
            String hash = Bencode.infoHash(bytes)
                    .orElseThrow(() -> AppException.invalid("torrent", "validation.download.torrent_file"));
            String name = fileName == null || fileName.isBlank() ? hash + ".torrent" : fileName.replaceAll("[\\p{Cntrl}\"/\\\\]", "_");
            return new File(name, bytes, hash);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public Optional<String> knownHash() {
            return Optional.of(infoHash);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof File file && file.infoHash.equals(infoHash) && java.util.Arrays.equals(file.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return infoHash.hashCode();
        }

        @Override
        public String toString() {
            return "File[" + fileName + ", " + bytes.length + " bytes, " + infoHash + "]";
        }
    }

    public AddTorrent {
        Objects.requireNonNull(source, "source");
        category = Objects.requireNonNull(category, "category").map(String::strip).filter(text -> !text.isEmpty());
        savePath = Objects.requireNonNull(savePath, "savePath").map(String::strip).filter(text -> !text.isEmpty());
        FieldErrors errors = new FieldErrors();
        category.ifPresent(text -> errors.check(validCategory(text), "category", "validation.download.category"));
        savePath.ifPresent(text -> errors.check(validSavePath(text), "savePath", "validation.download.save_path"));
        errors.throwIfAny();
    }

    /** A category name: 1 to 64 characters, no '/' or '\', no control characters. */
    public static boolean validCategory(String category) {
        return category != null && !category.isBlank() && category.length() <= 64
                && category.chars().noneMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c));
    }

    private static boolean validSavePath(String path) {
        return path.length() <= 1024 && path.chars().noneMatch(Character::isISOControl)
                && (path.startsWith("/") || DRIVE.matcher(path).matches());
    }

    private static boolean validMagnet(String uri) {
        if (uri == null || uri.length() > 8192 || !uri.regionMatches(true, 0, "magnet:?", 0, 8)
                || uri.chars().anyMatch(c -> Character.isISOControl(c) || c == ' ')) {
            return false;
        }
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            return false;
        }
        for (String pair : uri.substring(8).split("&")) {
            if (pair.regionMatches(true, 0, "xt=", 0, 3)) {
                String topic = pair.substring(3);
                if (BTIH.matcher(topic).matches() || BTMH.matcher(topic).matches()) {
                    return true;
                }
            }
        }
        return false;
    }
}
