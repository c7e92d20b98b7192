package dev.medianest.features.accounts;

import dev.medianest.platform.crypto.PasswordHasher;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.errors.FieldErrors;
import dev.medianest.platform.i18n.Language;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Creating, editing, disabling and deleting accounts, and changing passwords. Guards that an
 * instance always keeps one enabled admin and that an admin cannot lock themselves out.
 */
public final class Accounts {

    /** The acting user id for commands typed at the server's own shell. */
    public static final long CONSOLE = 0;

    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

    private final Database database;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final Clock clock;
    private final Path oneTimePasswordFile;
    private final UserStore users = new UserStore();

    public Accounts(Database database, PasswordHasher hasher, Sessions sessions, Clock clock, Path dataDir) {
        this.database = database;
        this.hasher = hasher;
        this.sessions = sessions;
        this.clock = clock;
        this.oneTimePasswordFile = dataDir.resolve(InitialAdmin.PASSWORD_FILE);
    }

    public int count() {
        return database.read(users::count);
    }

    public List<User> list() {
        return database.read(users::list);
    }

    public User get(long id) {
        return database.read(handle -> users.findById(handle, id)).map(UserStore.StoredUser::user)
                .orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
    }

    public Optional<User> findByUsername(String username) {
        return database.read(handle -> users.findByUsername(handle, username)).map(UserStore.StoredUser::user);
    }

    public User create(long actorId, NewUser request) {
        String hash = hasher.hash(request.password());
        Instant now = clock.instant();
        long id;
        try {
            id = database.write(handle -> {
                if (users.usernameTaken(handle, request.username())) {
                    throw usernameTaken();
                }
                return users.insert(handle, request, hash, now);
            });
        } catch (UnableToExecuteStatementException raced) {
            // Two creations of the same name at once: the unique index on username_key decides.
            if (findByUsername(request.username()).isPresent()) {
                throw usernameTaken();
            }
            throw raced;
        }
        LOG.info("account created: id={} username={} role={} by={}", id, request.username(), request.role(), actor(actorId));
        return get(id);
    }

    public User update(long actorId, long id, UserChanges changes) {
        User updated = database.write(handle -> {
            User current = require(handle, id);
            User next = new User(current.id(), current.username(), changes.displayName().orElse(current.displayName()),
                    changes.role().orElse(current.role()), changes.permissions().orElse(current.permissions()),
                    changes.disabled().orElse(current.disabled()), current.mustChangePassword(), current.language(),
                    current.createdAt(), current.updatedAt());
            boolean losesAdmin = current.isAdmin() && !current.disabled() && (!next.isAdmin() || next.disabled());
            if (losesAdmin && actorId == id) {
                throw new AppException(ErrorCode.SELF_LOCKOUT);
            }
            if (losesAdmin && users.countActiveAdmins(handle) <= 1) {
                throw new AppException(ErrorCode.LAST_ADMIN);
            }
            users.update(handle, next, clock.instant());
            return next;
        });
        if (updated.disabled()) {
            sessions.revokeAll(id, Optional.empty());
        }
        LOG.info("account updated: id={} role={} disabled={} by={}", id, updated.role(), updated.disabled(), actor(actorId));
        return get(id);
    }

    public void delete(long actorId, long id) {
        database.writeVoid(handle -> {
            User current = require(handle, id);
            if (actorId == id) {
                throw new AppException(ErrorCode.SELF_LOCKOUT);
            }
            if (current.isAdmin() && !current.disabled() && users.countActiveAdmins(handle) <= 1) {
                throw new AppException(ErrorCode.LAST_ADMIN);
            }
            users.delete(handle, id);
        });
        LOG.info("account deleted: id={} by={}", id, actor(actorId));
    }

    /** An admin sets a new password for someone; their sessions end, and they may be made to change it. */
    public void resetPassword(long actorId, long id, String newPassword, boolean mustChange) {
        User user = get(id);
        FieldErrors errors = new FieldErrors();
        AccountRules.checkPassword(errors, "newPassword", newPassword, user.username());
        errors.throwIfAny();
        String hash = hasher.hash(newPassword);
        database.writeVoid(handle -> users.setPassword(handle, id, hash, mustChange, clock.instant()));
        sessions.revokeAll(id, Optional.empty());
        LOG.info("password reset: id={} by={}", id, actor(actorId));
    }

    /** The person changes their own password; every other session of theirs ends. */
    public void changeOwnPassword(long userId, String currentPassword, String newPassword, Optional<String> keepSessionId) {
        UserStore.StoredUser stored = database.read(handle -> users.findById(handle, userId))
                .orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        FieldErrors errors = new FieldErrors();
        errors.check(currentPassword != null && !currentPassword.isEmpty(), "currentPassword", "validation.required");
        AccountRules.checkPassword(errors, "newPassword", newPassword, stored.user().username());
        errors.check(newPassword == null || !newPassword.equals(currentPassword), "newPassword", "validation.password.unchanged");
        errors.throwIfAny();
        if (currentPassword.length() > AccountRules.PASSWORD_MAX * 2 || !hasher.matches(currentPassword, stored.passwordHash())) {
            throw new AppException(ErrorCode.WRONG_CURRENT_PASSWORD, java.util.Map.of("currentPassword", "error.wrong_current_password"));
        }
        String hash = hasher.hash(newPassword);
        database.writeVoid(handle -> users.setPassword(handle, userId, hash, false, clock.instant()));
        sessions.revokeAll(userId, keepSessionId);
        if (stored.user().mustChangePassword()) {
            deleteOneTimePasswordFile();
        }
        LOG.info("password changed by its owner: id={}", userId);
    }

    /** The person edits their own display name and language; an empty language means "follow the browser". */
    public User updateProfile(long userId, Optional<String> displayName, Optional<Optional<Language>> language) {
        UserChanges checked = new UserChanges(displayName, Optional.empty(), Optional.empty(), Optional.empty());
        database.writeVoid(handle -> {
            User current = require(handle, userId);
            User next = new User(current.id(), current.username(), checked.displayName().orElse(current.displayName()),
                    current.role(), current.permissions(), current.disabled(), current.mustChangePassword(),
                    language.orElse(current.language()), current.createdAt(), current.updatedAt());
            users.update(handle, next, clock.instant());
        });
        return get(userId);
    }

    /** The theme a signed-in person picked ("light", "dark" or "system"). */
    public Optional<String> theme(long userId) {
        return database.read(handle -> users.theme(handle, userId));
    }

    public void setTheme(long userId, String theme) {
        database.writeVoid(handle -> users.setTheme(handle, userId, theme));
    }

    private User require(Handle handle, long id) {
        return users.findById(handle, id).map(UserStore.StoredUser::user).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
    }

    private void deleteOneTimePasswordFile() {
        try {
            Files.deleteIfExists(oneTimePasswordFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + oneTimePasswordFile, e);
        }
    }

    private static AppException usernameTaken() {
        return new AppException(ErrorCode.USERNAME_TAKEN, java.util.Map.of("username", "error.username_taken"));
    }

    private static String actor(long actorId) {
        return actorId == CONSOLE ? "console" : "user " + actorId;
    }
}
