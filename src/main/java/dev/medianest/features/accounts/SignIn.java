package dev.medianest.features.accounts;

import dev.medianest.platform.crypto.PasswordHasher;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;

import java.time.Duration;
import java.util.Optional;

/** Checks a user name and password and opens a browser session. */
public final class SignIn {

    private static final int INPUT_MAX = 256;

    private final Database database;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final Sessions sessions;
    private final UserStore users = new UserStore();

    public SignIn(Database database, PasswordHasher hasher, SignInThrottle throttle, Sessions sessions) {
        this.database = database;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /**
     * Signs in or fails with {@code sign_in_locked} (args: seconds to wait), {@code invalid_credentials}
     * (the same answer for an unknown name and a wrong password) or {@code account_disabled}.
     */
    public Sessions.Started attempt(String username, String password, boolean remember, String address, String userAgent) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()
                || username.length() > INPUT_MAX || password.length() > INPUT_MAX) {
            throw new AppException(ErrorCode.INVALID_CREDENTIALS);
        }
        Optional<Duration> wait = throttle.waitBeforeTrying(username, address);
        if (wait.isPresent()) {
            throw new AppException(ErrorCode.SIGN_IN_LOCKED, Math.max(1, wait.get().toSeconds()));
        }
        Optional<UserStore.StoredUser> found = database.read(handle -> users.findByUsername(handle, username));
        boolean matches;
        if (found.isPresent()) {
            matches = hasher.matches(password, found.get().passwordHash());
        } else {
            hasher.spendVerificationTime(password);
            matches = false;
        }
        if (!matches) {
            throttle.recordFailure(username, address);
            throw new AppException(ErrorCode.INVALID_CREDENTIALS);
        }
        throttle.recordSuccess(username);
        User user = found.get().user();
        if (user.disabled()) {
            throw new AppException(ErrorCode.ACCOUNT_DISABLED);
        }
        return sessions.start(user, remember, userAgent, address);
    }
}
