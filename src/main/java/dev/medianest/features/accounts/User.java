package dev.medianest.features.accounts;

import dev.medianest.platform.i18n.Language;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A person who signs in to MediaNest. The password hash never leaves the accounts package.
 *
 * @param language the language the person picked, empty while the browser decides
 */
public record User(long id, String username, String displayName, Role role, Set<Permission> permissions,
                   boolean disabled, boolean mustChangePassword, Optional<Language> language, Instant createdAt,
                   Instant updatedAt) {

    public User {
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Admins hold every permission; users hold what was granted. */
    public Set<Permission> effectivePermissions() {
        return isAdmin() ? EnumSet.allOf(Permission.class) : permissions;
    }
}
