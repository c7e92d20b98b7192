package dev.medianest.integrations.arr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JavaType;
import dev.medianest.platform.http.RemoteHttp;

import java.util.List;
import java.util.Map;

/**
 * The endpoints Radarr (v3), Sonarr (v3), Readarr (v1) and Prowlarr (v1) share because they grew
 * from one code base: system status, health, disk space, tags. Specs: radarr-v3.openapi.json,
 * sonarr-v3.openapi.json, readarr-v1.openapi.json and prowlarr-v1.openapi.json in ../shared/specs
 * (paths /api/v3/system/status, /health, /diskspace, /tag and their /api/v1 twins). Authentication
 * is the {@code X-Api-Key} header in all four (the query form {@code apikey=} would leak into logs).
 */
public final class ArrApi {

    private final RemoteHttp http;
    private final String prefix;

    /** {@code prefix} is "/api/v3" for Radarr and Sonarr, "/api/v1" for Readarr and Prowlarr. */
    public ArrApi(RemoteHttp http, String prefix) {
        this.http = http;
        this.prefix = prefix;
    }

    /** SystemResource: which application answers and its version. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SystemStatus(String appName, String instanceName, String version, String urlBase) {
    }

    /** HealthResource: one of the warnings the application shows on its own System › Status page. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Health(String source, String type, String message, String wikiUrl) {
        public boolean isProblem() {
            return "warning".equals(type) || "error".equals(type);
        }
    }

    /** DiskSpaceResource. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DiskSpace(String path, String label, long freeSpace, long totalSpace) {
    }

    /** TagResource. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tag(int id, String label) {
    }

    public SystemStatus systemStatus(RemoteHttp.Endpoint endpoint, String apiKey) {
        return http.json(endpoint, RemoteHttp.Call.get(prefix + "/system/status", auth(apiKey)).withMaxBytes(1 << 20), SystemStatus.class);
    }

    public List<Health> health(RemoteHttp.Endpoint endpoint, String apiKey) {
        return http.json(endpoint, RemoteHttp.Call.get(prefix + "/health", auth(apiKey)).withMaxBytes(1 << 20), listOf(Health.class));
    }

    public List<DiskSpace> diskSpace(RemoteHttp.Endpoint endpoint, String apiKey) {
        return http.json(endpoint, RemoteHttp.Call.get(prefix + "/diskspace", auth(apiKey)).withMaxBytes(1 << 20), listOf(DiskSpace.class));
    }

    public List<Tag> tags(RemoteHttp.Endpoint endpoint, String apiKey) {
        return http.json(endpoint, RemoteHttp.Call.get(prefix + "/tag", auth(apiKey)).withMaxBytes(1 << 20), listOf(Tag.class));
    }

    /** GET below the prefix, read as a list of {@code type}: for endpoints an application adds to the shared set. */
    public <T> List<T> list(RemoteHttp.Endpoint endpoint, String apiKey, String path, Class<T> type) {
        return http.json(endpoint, RemoteHttp.Call.get(prefix + path, auth(apiKey)), listOf(type));
    }

    public static Map<String, String> auth(String apiKey) {
        return Map.of("X-Api-Key", apiKey);
    }

    public String prefix() {
        return prefix;
    }

    public RemoteHttp http() {
        return http;
    }

    private <T> JavaType listOf(Class<T> type) {
        return http.mapper().getTypeFactory().constructCollectionType(List.class, type);
    }
}
