package dev.medianest.features.accounts;

import dev.medianest.platform.i18n.Language;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code users} table; the same statements run on SQLite and PostgreSQL. */
final class UserStore {

    private static final String COLUMNS = "id, username, display_name, password_hash, role, permissions, disabled, "
            + "must_change_password, language, created_at, updated_at";

    /** A user with the hash, for the few places that check a password. */
    record StoredUser(User user, String passwordHash) {
    }

    long insert(Handle handle, NewUser user, String passwordHash, Instant now) {
        return handle.createQuery("INSERT INTO users (username, username_key, display_name, password_hash, role, permissions, "
                        + "disabled, must_change_password, language, created_at, updated_at) "
                        + "VALUES (:username, :key, :displayName, :hash, :role, :permissions, :disabled, :mustChange, :language, :now, :now) "
                        + "RETURNING id")
                .bind("username", user.username())
                .bind("key", AccountRules.usernameKey(user.username()))
                .bind("displayName", user.displayName())
                .bind("hash", passwordHash)
                .bind("role", user.role().name())
                .bind("permissions", Permission.encode(user.permissions()))
                .bind("disabled", false)
                .bind("mustChange", user.mustChangePassword())
                .bind("language", user.language().map(Language::code).orElse(null))
                .bind("now", now.toEpochMilli())
                .mapTo(Long.class)
                .one();
    }

    boolean usernameTaken(Handle handle, String username) {
        return handle.createQuery("SELECT COUNT(*) FROM users WHERE username_key = :key")
                .bind("key", AccountRules.usernameKey(username))
                .mapTo(Integer.class).one() > 0;
    }

    Optional<StoredUser> findById(Handle handle, long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> storedUser(rs))
                .findOne();
    }

    Optional<StoredUser> findByUsername(Handle handle, String username) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE username_key = :key")
                .bind("key", AccountRules.usernameKey(username))
                .map((rs, ctx) -> storedUser(rs))
                .findOne();
    }

    List<User> list(Handle handle) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY username_key")
                .map((rs, ctx) -> storedUser(rs).user())
                .list();
    }

    int count(Handle handle) {
        return handle.createQuery("SELECT COUNT(*) FROM users").mapTo(Integer.class).one();
    }

    int countActiveAdmins(Handle handle) {
        return handle.createQuery("SELECT COUNT(*) FROM users WHERE role = 'ADMIN' AND disabled = :no")
                .bind("no", false)
                .mapTo(Integer.class).one();
    }

    void update(Handle handle, User user, Instant now) {
        handle.createUpdate("UPDATE users SET display_name = :displayName, role = :role, permissions = :permissions, "
                        + "disabled = :disabled, language = :language, updated_at = :now WHERE id = :id")
                .bind("displayName", user.displayName())
                .bind("role", user.role().name())
                .bind("permissions", Permission.encode(user.permissions()))
                .bind("disabled", user.disabled())
                .bind("language", user.language().map(Language::code).orElse(null))
                .bind("now", now.toEpochMilli())
                .bind("id", user.id())
                .execute();
    }

    void setPassword(Handle handle, long id, String passwordHash, boolean mustChange, Instant now) {
        handle.createUpdate("UPDATE users SET password_hash = :hash, must_change_password = :mustChange, updated_at = :now WHERE id = :id")
                .bind("hash", passwordHash)
                .bind("mustChange", mustChange)
                .bind("now", now.toEpochMilli())
                .bind("id", id)
                .execute();
    }

    Optional<String> theme(Handle handle, long id) {
        return handle.createQuery("SELECT theme FROM users WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne();
    }

    void setTheme(Handle handle, long id, String theme) {
        handle.createUpdate("UPDATE users SET theme = :theme WHERE id = :id").bind("theme", theme).bind("id", id).execute();
    }

    boolean delete(Handle handle, long id) {
        return handle.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute() > 0;
    }

    static StoredUser storedUser(ResultSet rs) throws SQLException {
        User user = new User(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                Permission.decode(rs.getString("permissions")),
                rs.getBoolean("disabled"),
                rs.getBoolean("must_change_password"),
                Language.fromCode(rs.getString("language")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
        return new StoredUser(user, rs.getString("password_hash"));
    }
}
