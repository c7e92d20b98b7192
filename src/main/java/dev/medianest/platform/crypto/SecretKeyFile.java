package dev.medianest.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where the sealing key comes from: {@code MEDIANEST_SECRET_KEY} (32 bytes as base64 or 64 hex
 * digits) when set, else {@code secret.key} in the data directory, created on first use with mode
 * 0600. Keep a copy of it with the backups: without it, stored API keys must be entered again.
 */
public final class SecretKeyFile {

    public static final String FILE_NAME = "secret.key";

    private SecretKeyFile() {
    }

    /** The key, or an {@link IllegalArgumentException} naming what is wrong with the configured one. */
    public static byte[] load(Optional<String> fromEnvironment, Path dataDir) {
        if (fromEnvironment.isPresent() && !fromEnvironment.get().isBlank()) {
            return decode(fromEnvironment.get().strip(), "MEDIANEST_SECRET_KEY");
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(key) + System.lineSeparator(), StandardCharsets.US_ASCII);
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: read theirs below
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static byte[] decode(String text, String source) {
        byte[] key = null;
        if (text.matches("[0-9a-fA-F]{64}")) {
            key = HexFormat.of().parseHex(text);
        } else {
            try {
                key = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException notBase64) {
                // reported below
            }
        }
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException(source + " must hold 32 random bytes as base64 (openssl rand -base64 32) or 64 hex digits");
        }
        return key;
    }
}
