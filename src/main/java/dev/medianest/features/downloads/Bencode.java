package dev.medianest.features.downloads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Just enough of a bencode reader (BEP 3) to tell a .torrent file from anything else before it is
 * sent to a client: the whole input must be one dictionary with an {@code info} dictionary, and the
 * v1 info hash is the SHA-1 of that dictionary's bytes exactly as they appear in the file.
 */
final class Bencode {

    /** Nesting deeper than any real torrent (info › files › entry › path is four) is refused, not recursed into. */
    private static final int MAX_DEPTH = 32;

    private final byte[] data;
    private int pos;
    private int infoStart = -1;
    private int infoEnd = -1;

    private Bencode(byte[] data) {
        this.data = data;
    }

    /** The v1 info hash of a torrent file, or empty when the bytes are not a bencoded dictionary with an info dictionary. */
    static Optional<String> infoHash(byte[] torrent) {
        if (torrent.length == 0 || torrent[0] != 'd') {
            return Optional.empty();
        }
        Bencode reader = new Bencode(torrent);
        try {
            reader.value(0);
            while (reader.pos < torrent.length && Character.isWhitespace(torrent[reader.pos])) {
                reader.pos++;
            }
            if (reader.pos != torrent.length || reader.infoStart < 0) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(torrent, reader.infoStart, reader.infoEnd - reader.infoStart);
            return Optional.of(HexFormat.of().formatHex(sha1.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    private void value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested too deeply");
        }
        byte first = data[pos];
        switch (first) {
            case 'i' -> integer();
            case 'l' -> {
                pos++;
                while (data[pos] != 'e') {
                    value(depth + 1);
                }
                pos++;
            }
            case 'd' -> dictionary(depth);
            default -> string();
        }
    }

    private void dictionary(int depth) {
        pos++;
        while (data[pos] != 'e') {
            String key = string();
            int start = pos;
            value(depth + 1);
            if (depth == 0 && key.equals("info")) {
                if (data[start] != 'd') {
                    throw new IllegalArgumentException("info is not a dictionary");
                }
                infoStart = start;
                infoEnd = pos;
            }
        }
        pos++;
    }

    private void integer() {
        int end = indexOf('e', pos + 1);
        String digits = new String(data, pos + 1, end - pos - 1, StandardCharsets.US_ASCII);
        if (!digits.matches("-?(0|[1-9][0-9]{0,18})") || digits.equals("-0")) {
            throw new IllegalArgumentException("bad integer");
        }
        pos = end + 1;
    }

    private String string() {
        int colon = indexOf(':', pos);
        String digits = new String(data, pos, colon - pos, StandardCharsets.US_ASCII);
        if (!digits.matches("0|[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("bad string length");
        }
        int length = Integer.parseInt(digits);
        int start = colon + 1;
        if (length > data.length - start) {
            throw new IllegalArgumentException("string runs past the end");
        }
        pos = start + length;
        return new String(data, start, length, StandardCharsets.ISO_8859_1);
    }

    private int indexOf(char wanted, int from) {
        // Lengths and integers are short; a marker further away than 20 digits means garbage.
        for (int i = from; i < data.length && i < from + 21; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        throw new IllegalArgumentException("no '" + wanted + "'");
    }
}
