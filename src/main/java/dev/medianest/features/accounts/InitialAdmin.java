package dev.medianest.features.accounts;

import dev.medianest.platform.crypto.SecureTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The first start of an empty database: an {@code admin} account so someone can sign in at all.
 * Its password is {@code MEDIANEST_ADMIN_PASSWORD} when set (then it is final), otherwise a random
 * one-time password that is printed once and written to {@code initial-admin-password} (mode 0600)
 * in the data directory; the first sign-in must replace it, and the file is deleted then.
 */
public final class InitialAdmin {

    public static final String USERNAME = "admin";
    public static final String PASSWORD_FILE = "initial-admin-password";

    private final Accounts accounts;
    private final SecureTokens tokens;
    private final Path passwordFile;

    /** What the first start did: the one-time password to print, if one was generated. */
    public record Created(String username, Optional<String> oneTimePassword, Path passwordFile) {
    }

    public InitialAdmin(Accounts accounts, SecureTokens tokens, Path dataDir) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.passwordFile = dataDir.resolve(PASSWORD_FILE);
    }

    /** Creates the admin when there is no account at all; empty when accounts already exist. */
    public Optional<Created> ensure(Optional<String> presetPassword) {
        if (accounts.count() > 0) {
            return Optional.empty();
        }
        Optional<String> preset = presetPassword.filter(value -> !value.isBlank());
        String password = preset.orElseGet(() -> tokens.newPassword(20));
        boolean oneTime = preset.isEmpty();
        if (oneTime) {
            writePasswordFile(password);
        }
        accounts.create(Accounts.CONSOLE, new NewUser(USERNAME, "Administrator", password, Role.ADMIN,
                EnumSet.allOf(Permission.class), oneTime, Optional.empty()));
        return Optional.of(new Created(USERNAME, oneTime ? Optional.of(password) : Optional.empty(), passwordFile));
    }

    private void writePasswordFile(String password) {
        try {
            Files.deleteIfExists(passwordFile);
            Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, password + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + passwordFile, e);
        }
    }
}
