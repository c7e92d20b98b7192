package dev.medianest.integrations.arr;

import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.http.RemoteFailure;
import dev.medianest.platform.http.RemoteHttp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Test button, the health probe and the shared live lists, done the same way for every *arr
 * application: ask system/status (reachable? right key? right application? new enough?), then
 * health and disk space.
 */
public final class ArrConnectorChecks {

    private final ArrApi api;
    private final String expectedApp;
    private final int minimumMajorVersion;
    private final boolean reportsDiskSpace;

    public ArrConnectorChecks(ArrApi api, String expectedApp, int minimumMajorVersion) {
        this(api, expectedApp, minimumMajorVersion, true);
    }

    /**
     * {@code reportsDiskSpace} false for Prowlarr: it stores no media, and prowlarr-v1.openapi.json
     * has no /api/v1/diskspace (asking would fail the probe with a 404).
     */
    public ArrConnectorChecks(ArrApi api, String expectedApp, int minimumMajorVersion, boolean reportsDiskSpace) {
        this.api = api;
        this.expectedApp = expectedApp;
        this.minimumMajorVersion = minimumMajorVersion;
        this.reportsDiskSpace = reportsDiskSpace;
    }

    public static RemoteHttp.Endpoint endpoint(ServiceInstance instance) {
        return new RemoteHttp.Endpoint(instance.baseUrl(), instance.timeout(), instance.allowSelfSigned());
    }

    public static String apiKey(ServiceInstance instance) {
        return instance.secret(ArrSettings.API_KEY.name()).orElse("");
    }

    public List<ServiceProblem> test(ServiceInstance instance) {
        try {
            return identityProblems(instance, api.systemStatus(endpoint(instance), apiKey(instance)));
        } catch (RemoteFailure failure) {
            return List.of(problemOf(instance, failure));
        }
    }

    public Probe probe(ServiceInstance instance) {
        long started = System.nanoTime();
        try {
            RemoteHttp.Endpoint endpoint = endpoint(instance);
            ArrApi.SystemStatus status = api.systemStatus(endpoint, apiKey(instance));
            List<ServiceProblem> problems = new ArrayList<>(identityProblems(instance, status));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (!problems.isEmpty()) {
                return new Probe(Probe.State.DOWN, elapsed, Optional.ofNullable(status.appName()), Optional.ofNullable(status.version()),
                        problems, List.of());
            }
            for (ArrApi.Health health : api.health(endpoint, apiKey(instance))) {
                if (health.isProblem()) {
                    problems.add(ServiceProblem.of("service.health_warning", instance.name(), health.message()));
                }
            }
            List<Probe.Disk> disks = !reportsDiskSpace ? List.of() : api.diskSpace(endpoint, apiKey(instance)).stream()
                    .map(disk -> new Probe.Disk(disk.path(), disk.freeSpace(), disk.totalSpace())).toList();
            return new Probe(problems.isEmpty() ? Probe.State.UP : Probe.State.DEGRADED, elapsed,
                    Optional.ofNullable(status.appName()), Optional.ofNullable(status.version()), problems, disks);
        } catch (RemoteFailure failure) {
            return Probe.down(Duration.ofNanos(System.nanoTime() - started), problemOf(instance, failure));
        }
    }

    private List<ServiceProblem> identityProblems(ServiceInstance instance, ArrApi.SystemStatus status) {
        if (status.appName() == null || !status.appName().equalsIgnoreCase(expectedApp)) {
            return List.of(ServiceProblem.of("service.wrong_application", instance.name(), instance.baseUrl().toString(), expectedApp,
                    status.appName() == null ? "?" : status.appName()));
        }
        if (majorVersion(status.version()) < minimumMajorVersion) {
            return List.of(ServiceProblem.of("service.version_too_old", instance.name(), String.valueOf(status.version()),
                    String.valueOf(minimumMajorVersion)));
        }
        return List.of();
    }

    /**
     * The live lists every *arr form offers: quality profiles, the root folders the application can
     * reach, tags (value to label). Another list name is a form error.
     */
    public Map<String, String> choices(ServiceInstance instance, String list) {
        RemoteHttp.Endpoint endpoint = endpoint(instance);
        String key = apiKey(instance);
        Map<String, String> choices = new LinkedHashMap<>();
        switch (list) {
            case "qualityProfiles" -> api.qualityProfiles(endpoint, key)
                    .forEach(profile -> choices.put(String.valueOf(profile.id()), profile.name()));
            case "rootFolders" -> api.rootFolders(endpoint, key).stream().filter(ArrApi.RootFolder::accessible)
                    .forEach(folder -> choices.put(folder.path(), folder.path()));
            case "tags" -> api.tags(endpoint, key).forEach(tag -> choices.put(String.valueOf(tag.id()), tag.label()));
            default -> throw AppException.invalid("list", "validation.service.choice");
        }
        return choices;
    }

    /** A failure as the person reads it: the message key of its kind, with the instance's name and address. */
    public static ServiceProblem problemOf(ServiceInstance instance, RemoteFailure failure) {
        return ServiceProblem.of(failure.kind().messageKey(), instance.name(), instance.baseUrl().toString());
    }

    static int majorVersion(String version) {
        if (version == null) {
            return 0;
        }
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
