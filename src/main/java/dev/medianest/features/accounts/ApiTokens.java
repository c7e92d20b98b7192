package dev.medianest.features.accounts;

import dev.medianest.platform.crypto.SecureTokens;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Personal API tokens for scripts, the CLI against a remote server and MCP clients. Stored as
 * SHA-256 digests; a token acts with its owner's current rights narrowed to the scopes chosen at
 * creation, so demoting or disabling the owner takes effect on every token at once.
 */
public final class ApiTokens {

    /** Every token starts with this, so secret scanners and people can recognise one. */
    public static final String PREFIX = "mnt_";
    private static final String ADMIN_SCOPE = "admin";
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_TOKENS_PER_USER = 50;

    private final Database database;
    private final SecureTokens tokens;
    private final Clock clock;
    private final UserStore users = new UserStore();

    public ApiTokens(Database database, SecureTokens tokens, Clock clock) {
        this.database = database;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Creates a token for the caller. Scopes beyond the caller's own rights are refused, not silently dropped. */
    public ApiToken.Issued issue(Principal caller, TokenRequest request) {
        User owner = caller.user();
        Set<Permission> wanted = request.permissions().orElse(caller.permissions());
        if (!caller.permissions().containsAll(wanted) || (request.admin() && !caller.admin())) {
            throw new AppException(ErrorCode.FORBIDDEN);
        }
        String secret = PREFIX + tokens.newToken(32);
        Instant now = clock.instant();
        Optional<Instant> expires = request.expiresInDays().map(days -> now.plus(Duration.ofDays(days)));
        ApiToken token = new ApiToken(tokens.newId(), owner.id(), request.name(), secret.substring(0, PREFIX.length() + 6),
                request.admin(), wanted, now, Optional.empty(), expires);
        database.writeVoid(handle -> {
            int existing = handle.createQuery("SELECT COUNT(*) FROM api_tokens WHERE user_id = :userId")
                    .bind("userId", owner.id()).mapTo(Integer.class).one();
            if (existing >= MAX_TOKENS_PER_USER) {
                throw AppException.invalid("name", "validation.token_limit");
            }
            handle.createUpdate("INSERT INTO api_tokens (id, user_id, name, token_hash, token_prefix, scopes, created_at, expires_at) "
                            + "VALUES (:id, :userId, :name, :hash, :prefix, :scopes, :now, :expires)")
                    .bind("id", token.id())
                    .bind("userId", owner.id())
                    .bind("name", token.name())
                    .bind("hash", SecureTokens.digest(secret))
                    .bind("prefix", token.prefix())
                    .bind("scopes", encodeScopes(token.admin(), token.permissions()))
                    .bind("now", now.toEpochMilli())
                    .bind("expires", expires.map(Instant::toEpochMilli).orElse(null))
                    .execute();
        });
        return new ApiToken.Issued(secret, token);
    }

    /** Finds who a bearer token belongs to. */
    public Lookup lookup(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return new Lookup.Unknown();
        }
        Optional<ApiToken> found = database.read(handle -> handle.createQuery("SELECT * FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", SecureTokens.digest(secret))
                .map((rs, ctx) -> token(rs))
                .findOne());
        if (found.isEmpty()) {
            return new Lookup.Unknown();
        }
        ApiToken token = found.get();
        Instant now = clock.instant();
        if (token.expiresAt().map(expiry -> !now.isBefore(expiry)).orElse(false)) {
            return new Lookup.Expired();
        }
        Optional<User> owner = database.read(handle -> users.findById(handle, token.userId())).map(UserStore.StoredUser::user);
        if (owner.isEmpty()) {
            return new Lookup.Unknown();
        }
        if (owner.get().disabled()) {
            return new Lookup.Disabled();
        }
        if (token.lastUsedAt().map(last -> Duration.between(last, now).compareTo(TOUCH_INTERVAL) >= 0).orElse(true)) {
            database.writeVoid(handle -> handle.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
                    .bind("now", now.toEpochMilli()).bind("id", token.id()).execute());
        }
        User user = owner.get();
        Set<Permission> effective = EnumSet.noneOf(Permission.class);
        effective.addAll(user.effectivePermissions());
        effective.retainAll(token.permissions());
        return new Lookup.Active(new Principal(user, user.isAdmin() && token.admin(), effective,
                new Principal.TokenCredential(token.id())));
    }

    public List<ApiToken> list(long userId) {
        return database.read(handle -> handle.createQuery("SELECT * FROM api_tokens WHERE user_id = :userId ORDER BY created_at DESC")
                .bind("userId", userId)
                .map((rs, ctx) -> token(rs))
                .list());
    }

    /** Revokes one of the user's tokens; false when they have no such token. */
    public boolean revoke(long userId, String tokenId) {
        return database.write(handle -> handle.createUpdate("DELETE FROM api_tokens WHERE id = :id AND user_id = :userId")
                .bind("id", tokenId).bind("userId", userId).execute()) > 0;
    }

    private static String encodeScopes(boolean admin, Set<Permission> permissions) {
        Set<String> scopes = new LinkedHashSet<>();
        if (admin) {
            scopes.add(ADMIN_SCOPE);
        }
        permissions.stream().sorted().map(Permission::name).forEach(scopes::add);
        return String.join(",", scopes);
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        Set<String> scopes = Set.of(rs.getString("scopes").split(","));
        Set<Permission> permissions = scopes.stream().filter(scope -> !scope.isBlank() && !scope.equals(ADMIN_SCOPE))
                .map(Permission::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
        long lastUsed = rs.getLong("last_used_at");
        Optional<Instant> lastUsedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastUsed));
        long expires = rs.getLong("expires_at");
        Optional<Instant> expiresAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires));
        return new ApiToken(rs.getString("id"), rs.getLong("user_id"), rs.getString("name"), rs.getString("token_prefix"),
                scopes.contains(ADMIN_SCOPE), permissions, Instant.ofEpochMilli(rs.getLong("created_at")), lastUsedAt, expiresAt);
    }
}
