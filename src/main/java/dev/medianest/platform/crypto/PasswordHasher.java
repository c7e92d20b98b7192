package dev.medianest.platform.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

import java.nio.charset.StandardCharsets;

/**
 * Hashes passwords with bcrypt ($2b$). bcrypt reads at most 72 bytes, so longer passphrases are
 * first reduced with SHA-512 (the library's long-password strategy) instead of being cut silently.
 * Cost 11 takes about 0.1 s here and a few tenths of a second on a Raspberry Pi: slow for an
 * attacker, bearable for a person, and bcrypt needs only 4 KiB, unlike memory-hard hashes that
 * would spike the 100 MB budget under a burst of sign-ins.
 */
public final class PasswordHasher {

    public static final int DEFAULT_COST = 11;

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private final int cost;
    /** Made on first need, not at start: one bcrypt costs a noticeable part of a Pi's start-up. */
    private volatile String dummyHash;

    public PasswordHasher(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be 4..31, was " + cost);
        }
        this.cost = cost;
    }

    public String hash(String password) {
        return new String(hasher.hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    public boolean matches(String password, String hash) {
        return verifyer.verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the time of one verification, so an unknown user name answers as slowly as a known one. */
    public void spendVerificationTime(String password) {
        String dummy = dummyHash;
        if (dummy == null) {
            dummy = hash("not a real password, only used to spend the same time");
            dummyHash = dummy;
        }
        matches(password, dummy);
    }
}
