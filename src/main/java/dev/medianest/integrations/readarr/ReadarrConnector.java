package dev.medianest.integrations.readarr;

import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.catalog.MediaKeeperConnector;
import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceConnector;
import dev.medianest.features.services.ServiceField;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.integrations.arr.ArrConnectorChecks;
import dev.medianest.integrations.arr.ArrSettings;
import dev.medianest.platform.http.RemoteHttp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readarr as a configured service (spec: readarr-v1.openapi.json; the project was retired on
 * 2025-06-27 but is still widely run). Readarr never reached 1.0: every release from 0.1 to the
 * last 0.4 speaks API v1, the API of the spec (info.version 1.0.0, taken from a 0.3 build), so the
 * minimum major version is 0 and the Test button checks only that Readarr answers /api/v1.
 */
public final class ReadarrConnector implements MediaKeeperConnector {

    private final ReadarrClient client;
    private final ArrConnectorChecks checks;

    public ReadarrConnector(RemoteHttp http) {
        this.client = new ReadarrClient(http);
        this.checks = new ArrConnectorChecks(client.shared(), "Readarr", 0);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.READARR;
    }

    @Override
    public List<ServiceField> fields() {
        return List.of(ArrSettings.API_KEY, ArrSettings.QUALITY_PROFILE,
                ServiceField.live("metadataProfileId", "service.field.metadata_profile", "metadataProfiles"),
                ArrSettings.ROOT_FOLDER, ArrSettings.TAGS);
    }

    @Override
    public List<ServiceProblem> test(ServiceInstance instance) {
        return checks.test(instance);
    }

    @Override
    public Probe probe(ServiceInstance instance) {
        return checks.probe(instance);
    }

    /** Besides the shared lists, the metadata profiles, which decide which of an author's books Readarr wants. */
    @Override
    public Map<String, String> choices(ServiceInstance instance, String list) {
        if (!list.equals("metadataProfiles")) {
            return checks.choices(instance, list);
        }
        Map<String, String> choices = new LinkedHashMap<>();
        client.metadataProfiles(ArrConnectorChecks.endpoint(instance), ArrConnectorChecks.apiKey(instance))
                .forEach(profile -> choices.put(String.valueOf(profile.id()), profile.name()));
        return choices;
    }

    /** The books of this Readarr instance, for the request feature. */
    @Override
    public MediaKeeper mediaKeeper(ServiceInstance instance) {
        if (instance.kind() != kind()) {
            throw new IllegalArgumentException(instance.name() + " is not a Readarr instance");
        }
        return new ReadarrBooks(client, instance);
    }
}
