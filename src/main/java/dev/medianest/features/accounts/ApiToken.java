package dev.medianest.features.accounts;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A personal API token as its owner sees it after creation: never the token itself, only the
 * first characters to recognise it by.
 *
 * @param admin whether the token may use its owner's admin rights
 */
public record ApiToken(String id, long userId, String name, String prefix, boolean admin, Set<Permission> permissions,
                       Instant createdAt, Optional<Instant> lastUsedAt, Optional<Instant> expiresAt) {

    public ApiToken {
        permissions = Set.copyOf(permissions);
    }

    /** A token just created: {@code secret} is shown once and cannot be recovered afterwards. */
    public record Issued(String secret, ApiToken token) {
    }
}
