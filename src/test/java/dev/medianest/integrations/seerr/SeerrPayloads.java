package dev.medianest.integrations.seerr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Realistic answers of the three portals, each within all three specs unless its name says otherwise. */
final class SeerrPayloads {

    static final String API_KEY = "MTczMjExMjQ1NjY3OGQ1ZmQ3YjAtNGM2Ni00ZTQ2LWE1NzItNDg0NGEzNzhjNmI0";

    static final List<String> SPECS = List.of("seerr.openapi.yml", "overseerr.openapi.yml", "jellyseerr.openapi.yml");

    private SeerrPayloads() {
    }

    static Map<String, Object> status(String version) {
        return Map.of("version", version, "commitTag", "94a70bb5fc9a4486857071a6fc048c8081fa7ca9", "updateAvailable", false,
                "commitsBehind", 0, "restartRequired", false);
    }

    /** Overseerr's MainSettings: Plex only, so no media server type; CSRF and proxy switches live here. */
    static Map<String, Object> overseerrMainSettings() {
        return Map.of("apiKey", API_KEY, "appLanguage", "en", "applicationTitle", "Overseerr", "applicationUrl", "https://requests.example.org",
                "trustProxy", true, "csrfProtection", false, "hideAvailable", false, "partialRequestsEnabled", true, "localLogin", true,
                "newPlexLogin", true);
    }

    /** Jellyseerr's and Seerr's MainSettings: they name the media server they serve (2 = Jellyfin). */
    static Map<String, Object> jellyseerrMainSettings(String title) {
        Map<String, Object> settings = new HashMap<>(Map.of("apiKey", API_KEY, "appLanguage", "ru", "applicationTitle", title,
                "applicationUrl", "https://requests.example.org", "hideAvailable", false, "partialRequestsEnabled", true, "localLogin", true,
                "mediaServerType", 2, "newPlexLogin", true, "defaultPermissions", 32));
        settings.put("enableSpecialEpisodes", false);
        return settings;
    }

    static Map<String, Object> mainSettingsFor(String spec) {
        return spec.startsWith("overseerr") ? overseerrMainSettings() : jellyseerrMainSettings(spec.startsWith("seerr") ? "Seerr" : "Jellyseerr");
    }

    static Map<String, Object> mediaInfo(int id, int tmdbId, Integer tvdbId, int status) {
        Map<String, Object> media = new HashMap<>(Map.of("id", id, "tmdbId", tmdbId, "status", status,
                "createdAt", "2024-11-02T18:21:07.000Z", "updatedAt", "2024-11-03T07:40:12.000Z"));
        if (tvdbId != null) {
            media.put("tvdbId", tvdbId);
        }
        return media;
    }

    static Map<String, Object> user() {
        return Map.of("id", 1, "email", "anna@example.org", "username", "anna", "plexUsername", "anna.k", "userType", 1, "permissions", 2,
                "avatar", "/avatarproxy/1a2b3c", "createdAt", "2023-01-14T10:00:00.000Z", "updatedAt", "2024-11-01T09:00:00.000Z", "requestCount", 14);
    }

    static Map<String, Object> request(int id, int status, Map<String, Object> media, boolean is4k) {
        return Map.ofEntries(Map.entry("id", id), Map.entry("status", status), Map.entry("media", media),
                Map.entry("createdAt", "2024-11-20T19:02:44.000Z"), Map.entry("updatedAt", "2024-11-20T19:05:10.000Z"),
                Map.entry("requestedBy", user()), Map.entry("modifiedBy", user()), Map.entry("is4k", is4k), Map.entry("serverId", 0),
                Map.entry("profileId", 4), Map.entry("rootFolder", "/movies"));
    }

    static Map<String, Object> duneResult() {
        return Map.ofEntries(Map.entry("id", 438631), Map.entry("mediaType", "movie"), Map.entry("popularity", 129.3),
                Map.entry("posterPath", "/d5NXSklXo0qyIYkgV94XAgMIckC.jpg"), Map.entry("backdropPath", "/jYEW5xZkZk2WTrdbMGAPFuBqbDc.jpg"),
                Map.entry("voteCount", 12043), Map.entry("voteAverage", 7.8), Map.entry("genreIds", List.of(878, 12)),
                Map.entry("overview", "Пол Атрейдес, блестящий и одарённый юноша, должен отправиться на самую опасную планету во вселенной."),
                Map.entry("originalLanguage", "en"), Map.entry("title", "Дюна"), Map.entry("originalTitle", "Dune"), Map.entry("releaseDate", "2021-09-15"),
                Map.entry("adult", false), Map.entry("video", false), Map.entry("mediaInfo", mediaInfo(11, 438631, null, 5)));
    }

    static Map<String, Object> duneSeriesResult() {
        return Map.ofEntries(Map.entry("id", 90228), Map.entry("mediaType", "tv"), Map.entry("popularity", 88.1),
                Map.entry("posterPath", "/m1MvwVKnp4TwVHx1IFjSWXkKKn6.jpg"), Map.entry("voteCount", 412), Map.entry("voteAverage", 7.3),
                Map.entry("genreIds", List.of(10765, 18)), Map.entry("overview", "За десять тысяч лет до Пола Атрейдеса сёстры Харконнен основывают орден Бене Гессерит."),
                Map.entry("originalLanguage", "en"), Map.entry("name", "Дюна: Пророчество"), Map.entry("originalName", "Dune: Prophecy"),
                Map.entry("originCountry", List.of("US")), Map.entry("firstAirDate", "2024-11-17"));
    }

    static Map<String, Object> villeneuve() {
        return Map.of("id", 137427, "mediaType", "person", "profilePath", "/zdDx9Xs93UIrJFWYApYR28J8M6b.jpg", "adult", false, "knownFor", List.of());
    }
}
