package dev.medianest.integrations.radarr;

import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceConnector;
import dev.medianest.features.services.ServiceField;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.integrations.arr.ArrApi;
import dev.medianest.integrations.arr.ArrConnectorChecks;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.http.RemoteHttp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Radarr as a configured service (spec: radarr-v3.openapi.json). Radarr 3 and later speak API v3;
 * older releases (v0.2) do not, hence the minimum major version 3.
 */
public final class RadarrConnector implements ServiceConnector {

    private final ArrApi api;
    private final ArrConnectorChecks checks;

    public RadarrConnector(RemoteHttp http) {
        this.api = new ArrApi(http, "/api/v3");
        this.checks = new ArrConnectorChecks(api, "Radarr", 3);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.RADARR;
    }

    @Override
    public List<ServiceField> fields() {
        return List.of(
                ServiceField.secret("apiKey", "service.field.api_key", true),
                ServiceField.live("qualityProfileId", "service.field.quality_profile", "qualityProfiles"),
                ServiceField.live("rootFolder", "service.field.root_folder", "rootFolders"),
                ServiceField.live("tags", "service.field.tags", "tags"),
                ServiceField.choice("minimumAvailability", "service.field.minimum_availability",
                        List.of("announced", "inCinemas", "released")));
    }

    @Override
    public List<ServiceProblem> test(ServiceInstance instance) {
        return checks.test(instance);
    }

    @Override
    public Probe probe(ServiceInstance instance) {
        return checks.probe(instance);
    }

    @Override
    public Map<String, String> choices(ServiceInstance instance, String list) {
        RemoteHttp.Endpoint endpoint = ArrConnectorChecks.endpoint(instance);
        String key = ArrConnectorChecks.apiKey(instance);
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
}
