package dev.medianest.features.services;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of services MediaNest connects to in Settings › Services. The key is stable and
 * stored in the database; never rename one.
 */
public enum ServiceKind {
    RADARR("radarr", "Radarr", 7878),
    SONARR("sonarr", "Sonarr", 8989),
    READARR("readarr", "Readarr", 8787),
    PROWLARR("prowlarr", "Prowlarr", 9696),
    /** Seerr and its predecessors Overseerr and Jellyseerr: one API family, told apart by its status answer. */
    SEERR("seerr", "Seerr / Overseerr / Jellyseerr", 5055),
    TMDB("tmdb", "TMDb", 443),
    QBITTORRENT("qbittorrent", "qBittorrent", 8080),
    TRANSMISSION("transmission", "Transmission", 9091),
    DELUGE("deluge", "Deluge", 8112);

    private final String key;
    private final String displayName;
    private final int defaultPort;

    ServiceKind(String key, String displayName, int defaultPort) {
        this.key = key;
        this.displayName = displayName;
        this.defaultPort = defaultPort;
    }

    public String key() {
        return key;
    }

    public String displayName() {
        return displayName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /**
     * The address a new instance's form starts with: the container name and port the usual
     * docker-compose stacks use, and TMDb's public API host (tmdb-v3.openapi.json servers).
     */
    public String defaultUrl() {
        return this == TMDB ? "https://api.themoviedb.org" : "http://" + key + ":" + defaultPort;
    }

    public static Optional<ServiceKind> fromKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.key.equals(wanted)).findFirst();
    }
}
