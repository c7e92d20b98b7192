package dev.medianest.features.accounts;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The capabilities an admin grants to a user. Admins hold all of them. */
public enum Permission {
    /** Ask for movies, series and books. */
    REQUEST,
    /** Ask for the 4K edition when a 4K instance exists. */
    REQUEST_4K,
    /** Own requests skip approval. */
    AUTO_APPROVE,
    /** Choose the instance, quality profile, root folder and tags of a request. */
    REQUEST_ADVANCED,
    /** Approve, decline and edit everyone's requests. */
    MANAGE_REQUESTS,
    /** Download YouTube videos and playlists. */
    YOUTUBE,
    /** Use the assistant (web chat, Telegram, MCP). */
    ASSISTANT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Permission> fromWireName(String name) {
        return Arrays.stream(values()).filter(permission -> permission.wireName().equalsIgnoreCase(name.strip())).findFirst();
    }

    /** What a new user gets unless the admin says otherwise. */
    public static Set<Permission> defaults() {
        return EnumSet.of(REQUEST, ASSISTANT);
    }

    static String encode(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::name).collect(Collectors.joining(","));
    }

    static Set<Permission> decode(String stored) {
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (stored != null) {
            for (String part : stored.split(",")) {
                if (!part.isBlank()) {
                    permissions.add(Permission.valueOf(part.strip()));
                }
            }
        }
        return permissions;
    }
}
