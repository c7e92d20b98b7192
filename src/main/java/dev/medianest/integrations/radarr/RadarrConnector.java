package dev.medianest.integrations.radarr;

import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.catalog.MediaKeeperConnector;
import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceConnector;
import dev.medianest.features.services.ServiceField;
import dev.medianest.features.requests.WebhookFormat;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.integrations.arr.ArrConnectorChecks;
import dev.medianest.integrations.arr.ArrSettings;
import dev.medianest.platform.http.RemoteHttp;

import java.util.List;
import java.util.Map;

/**
 * Radarr as a configured service (spec: radarr-v3.openapi.json). Radarr 3 and later speak API v3;
 * older releases (v0.2) do not, hence the minimum major version 3.
 */
public final class RadarrConnector implements MediaKeeperConnector {

    private final RadarrClient client;
    private final ArrConnectorChecks checks;

    public RadarrConnector(RemoteHttp http) {
        this.client = new RadarrClient(http);
        this.checks = new ArrConnectorChecks(client.shared(), "Radarr", 3);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.RADARR;
    }

    @Override
    public List<ServiceField> fields() {
        return List.of(ArrSettings.API_KEY, ArrSettings.QUALITY_PROFILE, ArrSettings.ROOT_FOLDER, ArrSettings.TAGS,
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
        return checks.choices(instance, list);
    }

    /** The movies of this Radarr instance, for the request feature. */
    @Override
    public MediaKeeper mediaKeeper(ServiceInstance instance) {
        if (instance.kind() != kind()) {
            throw new IllegalArgumentException(instance.name() + " is not a Radarr instance");
        }
        return new RadarrMovies(client, instance);
    }

    /** How Radarr's webhook calls read (Settings › Connect › Webhook in Radarr). */
    public static WebhookFormat webhookFormat() {
        return new RadarrWebhook();
    }
}
