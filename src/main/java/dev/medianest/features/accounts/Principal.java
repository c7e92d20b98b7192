package dev.medianest.features.accounts;

import java.util.Set;

/**
 * Who is acting and with what rights, for one request or one command. Features check this, never
 * a raw user, so a narrowly scoped API token cannot do more than it was given.
 *
 * @param admin       whether admin-only actions are allowed (an admin's token may have dropped it)
 * @param permissions what the caller may do, already narrowed by a token's scopes
 */
public record Principal(User user, boolean admin, Set<Permission> permissions, Credential credential) {

    public Principal {
        permissions = Set.copyOf(permissions);
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** How the caller proved who they are. */
    public sealed interface Credential {
    }

    /** A browser session cookie; state-changing requests must also carry {@code csrfToken}. */
    public record SessionCredential(String sessionId, String csrfToken) implements Credential {
    }

    /** A personal API token sent as {@code Authorization: Bearer}. */
    public record TokenCredential(String tokenId) implements Credential {
    }

    /**
     * The server's own shell ({@code medianest chat --user alice}): whoever may read the data
     * directory may act as any account there, with that account's rights.
     */
    public record ConsoleCredential() implements Credential {
    }
}
