package dev.medianest.integrations.prowlarr;

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
 * Prowlarr as a configured service (spec: prowlarr-v1.openapi.json). Every Prowlarr release,
 * from the first stable 1.0 on, speaks API v1 under /api/v1; the status and health checks are the
 * ones all *arr applications share. Prowlarr keeps no media, so it reports no disks.
 */
public final class ProwlarrConnector implements ServiceConnector {

    private final ArrApi api;
    private final ArrConnectorChecks checks;
    private final ProwlarrClient client;

    public ProwlarrConnector(RemoteHttp http) {
        this.api = new ArrApi(http, "/api/v1");
        this.checks = new ArrConnectorChecks(api, "Prowlarr", 1, false);
        this.client = new ProwlarrClient(http);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.PROWLARR;
    }

    @Override
    public List<ServiceField> fields() {
        return List.of(ServiceField.secret("apiKey", "service.field.api_key", true));
    }

    @Override
    public List<ServiceProblem> test(ServiceInstance instance) {
        return checks.test(instance);
    }

    @Override
    public Probe probe(ServiceInstance instance) {
        return checks.probe(instance);
    }

    /** "indexers" (enabled ones, for choosing where to search) and "tags". */
    @Override
    public Map<String, String> choices(ServiceInstance instance, String list) {
        RemoteHttp.Endpoint endpoint = ArrConnectorChecks.endpoint(instance);
        String key = ArrConnectorChecks.apiKey(instance);
        Map<String, String> choices = new LinkedHashMap<>();
        switch (list) {
            case "indexers" -> client.indexers(endpoint, key).stream().filter(ProwlarrClient.Indexer::enable)
                    .forEach(indexer -> choices.put(String.valueOf(indexer.id()), indexer.name()));
            case "tags" -> api.tags(endpoint, key).forEach(tag -> choices.put(String.valueOf(tag.id()), tag.label()));
            default -> throw AppException.invalid("list", "validation.service.choice");
        }
        return choices;
    }
}
