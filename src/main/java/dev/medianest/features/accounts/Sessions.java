package dev.medianest.features.accounts;

import dev.medianest.platform.crypto.SecureTokens;
import dev.medianest.platform.db.Database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Server-side browser sessions. The cookie holds a random token; the database keeps only its
 * SHA-256, so a leaked database cannot be replayed. A plain session ends after
 * {@code idleTimeout} without use; a "remember me" session after {@code rememberFor} without use.
 */
public final class Sessions {

    /** Writes of last-seen are spaced out so that browsing is not a stream of writes. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int USER_AGENT_MAX = 200;

    private final Database database;
    private final SecureTokens tokens;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration rememberFor;
    private final UserStore users = new UserStore();

    /** A new session: {@code cookieValue} goes to the browser once and is never stored. */
    public record Started(String cookieValue, BrowserSession session, String csrfToken) {
    }

    public Sessions(Database database, SecureTokens tokens, Clock clock, Duration idleTimeout, Duration rememberFor) {
        this.database = database;
        this.tokens = tokens;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.rememberFor = rememberFor;
    }

    public Duration lifetime(boolean remember) {
        return remember ? rememberFor : idleTimeout;
    }

    Started start(User user, boolean remember, String userAgent, String ipAddress) {
        String cookieValue = tokens.newToken(32);
        String csrf = tokens.newToken(24);
        Instant now = clock.instant();
        BrowserSession session = new BrowserSession(tokens.newId(), user.id(), remember, now, now, now.plus(lifetime(remember)),
                truncate(userAgent), ipAddress);
        database.writeVoid(handle -> handle.createUpdate("INSERT INTO sessions (id, token_hash, user_id, csrf_token, remember, "
                        + "created_at, last_seen_at, expires_at, user_agent, ip_address) VALUES (:id, :hash, :userId, :csrf, :remember, "
                        + ":now, :now, :expires, :agent, :ip)")
                .bind("id", session.id())
                .bind("hash", SecureTokens.digest(cookieValue))
                .bind("userId", user.id())
                .bind("csrf", csrf)
                .bind("remember", remember)
                .bind("now", now.toEpochMilli())
                .bind("expires", session.expiresAt().toEpochMilli())
                .bind("agent", session.userAgent())
                .bind("ip", ipAddress)
                .execute());
        return new Started(cookieValue, session, csrf);
    }

    /** Finds the session behind a cookie value and extends it when it is in use. */
    public Lookup lookup(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
            return new Lookup.Unknown();
        }
        String hash = SecureTokens.digest(cookieValue);
        record Row(String id, long userId, String csrf, boolean remember, long lastSeen, long expires) {
        }
        Optional<Row> row = database.read(handle -> handle.createQuery("SELECT id, user_id, csrf_token, remember, last_seen_at, "
                        + "expires_at FROM sessions WHERE token_hash = :hash")
                .bind("hash", hash)
                .map((rs, ctx) -> new Row(rs.getString("id"), rs.getLong("user_id"), rs.getString("csrf_token"),
                        rs.getBoolean("remember"), rs.getLong("last_seen_at"), rs.getLong("expires_at")))
                .findOne());
        if (row.isEmpty()) {
            return new Lookup.Unknown();
        }
        Instant now = clock.instant();
        Row session = row.get();
        if (now.toEpochMilli() >= session.expires()) {
            database.writeVoid(handle -> handle.createUpdate("DELETE FROM sessions WHERE id = :id").bind("id", session.id()).execute());
            return new Lookup.Expired();
        }
        Optional<User> user = database.read(handle -> users.findById(handle, session.userId())).map(UserStore.StoredUser::user);
        if (user.isEmpty()) {
            return new Lookup.Unknown();
        }
        if (user.get().disabled()) {
            return new Lookup.Disabled();
        }
        if (now.toEpochMilli() - session.lastSeen() >= TOUCH_INTERVAL.toMillis()) {
            long expires = now.plus(lifetime(session.remember())).toEpochMilli();
            database.writeVoid(handle -> handle.createUpdate("UPDATE sessions SET last_seen_at = :now, expires_at = :expires WHERE id = :id")
                    .bind("now", now.toEpochMilli()).bind("expires", expires).bind("id", session.id()).execute());
        }
        User owner = user.get();
        return new Lookup.Active(new Principal(owner, owner.isAdmin(), owner.effectivePermissions(),
                new Principal.SessionCredential(session.id(), session.csrf())));
    }

    public List<BrowserSession> list(long userId) {
        return database.read(handle -> handle.createQuery("SELECT id, user_id, remember, created_at, last_seen_at, expires_at, "
                        + "user_agent, ip_address FROM sessions WHERE user_id = :userId AND expires_at > :now ORDER BY last_seen_at DESC")
                .bind("userId", userId)
                .bind("now", clock.millis())
                .map((rs, ctx) -> new BrowserSession(rs.getString("id"), rs.getLong("user_id"), rs.getBoolean("remember"),
                        Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("last_seen_at")),
                        Instant.ofEpochMilli(rs.getLong("expires_at")), rs.getString("user_agent"), rs.getString("ip_address")))
                .list());
    }

    /** Ends one of the user's own sessions; false when there is no such session of theirs. */
    public boolean revoke(long userId, String sessionId) {
        return database.write(handle -> handle.createUpdate("DELETE FROM sessions WHERE id = :id AND user_id = :userId")
                .bind("id", sessionId).bind("userId", userId).execute()) > 0;
    }

    /** Signs out the browser holding this cookie value. */
    public void end(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return;
        }
        database.writeVoid(handle -> handle.createUpdate("DELETE FROM sessions WHERE token_hash = :hash")
                .bind("hash", SecureTokens.digest(cookieValue)).execute());
    }

    /** Ends every session of a user except, optionally, the one in use. */
    public int revokeAll(long userId, Optional<String> keepSessionId) {
        return database.write(handle -> handle.createUpdate("DELETE FROM sessions WHERE user_id = :userId AND id <> :keep")
                .bind("userId", userId).bind("keep", keepSessionId.orElse("")).execute());
    }

    /** Removes sessions that ran out; run now and then so the table does not grow. */
    public int purgeExpired() {
        return database.write(handle -> handle.createUpdate("DELETE FROM sessions WHERE expires_at <= :now")
                .bind("now", clock.millis()).execute());
    }

    private static String truncate(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        String clean = userAgent.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > USER_AGENT_MAX ? clean.substring(0, USER_AGENT_MAX) : clean;
    }
}
