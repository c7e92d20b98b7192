package dev.medianest.testing;

import dev.medianest.features.downloads.AddTorrent;
import dev.medianest.features.downloads.TorrentFileLimit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * .torrent files for tests: private, tracker-less single-file torrents (BEP 3 metainfo; "private" per
 * BEP 27 keeps them off DHT and PEX), so a daemon given one never looks beyond loopback.
 */
public final class TorrentFiles {

    /** The default limit: every test torrent is far below it. */
    public static final TorrentFileLimit LIMIT = new TorrentFileLimit(10);

    private static final int PIECE_LENGTH = 16_384;

    private TorrentFiles() {
    }

    /** A torrent of one file called {@code name} holding {@code content}. */
    public static byte[] singleFile(String name, byte[] content) {
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        for (int offset = 0; offset < content.length; offset += PIECE_LENGTH) {
            MessageDigest sha1 = sha1();
            sha1.update(content, offset, Math.min(PIECE_LENGTH, content.length - offset));
            pieces.writeBytes(sha1.digest());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ascii(out, "d10:created by9:MediaNest4:infod");
        ascii(out, "6:lengthi" + content.length + "e");
        ascii(out, "4:name" + name.length() + ":" + name);
        ascii(out, "12:piece lengthi" + PIECE_LENGTH + "e");
        ascii(out, "6:pieces" + pieces.size() + ":");
        out.writeBytes(pieces.toByteArray());
        ascii(out, "7:privatei1eee");
        return out.toByteArray();
    }

    /** The checked upload MediaNest makes of a torrent's bytes. */
    public static AddTorrent.File upload(String fileName, byte[] torrent) {
        return AddTorrent.File.of(fileName, torrent, LIMIT);
    }

    /** The v1 info hash of a torrent, lower-case hex. */
    public static String infoHash(byte[] torrent) {
        return upload("x.torrent", torrent).infoHash();
    }

    public static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
