package dev.medianest.integrations.sonarr;

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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sonarr as a configured service (spec: sonarr-v3.openapi.json). Sonarr 3 introduced API v3 and
 * Sonarr 4 still speaks it; Sonarr 2 had only the unversioned /api, hence the minimum major
 * version 3. The language profile is offered only by an instance that has them (Sonarr 3).
 */
public final class SonarrConnector implements MediaKeeperConnector {

    private final SonarrClient client;
    private final ArrConnectorChecks checks;

    public SonarrConnector(RemoteHttp http) {
        this.client = new SonarrClient(http);
        this.checks = new ArrConnectorChecks(client.shared(), "Sonarr", 3);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.SONARR;
    }

    @Override
    public List<ServiceField> fields() {
        return List.of(ArrSettings.API_KEY, ArrSettings.QUALITY_PROFILE,
                ServiceField.live("languageProfileId", "service.field.language_profile", "languageProfiles"),
                ArrSettings.ROOT_FOLDER, ArrSettings.TAGS,
                ServiceField.choice("seriesType", "service.field.series_type", List.of("standard", "daily", "anime")),
                ServiceField.choice("seasonFolder", "service.field.season_folder", List.of("true", "false")));
    }

    @Override
    public List<ServiceProblem> test(ServiceInstance instance) {
        return checks.test(instance);
    }

    @Override
    public Probe probe(ServiceInstance instance) {
        return checks.probe(instance);
    }

    /** Besides the shared lists, the language profiles: none from a Sonarr 4, which has replaced them. */
    @Override
    public Map<String, String> choices(ServiceInstance instance, String list) {
        if (!list.equals("languageProfiles")) {
            return checks.choices(instance, list);
        }
        Map<String, String> choices = new LinkedHashMap<>();
        client.languageProfiles(ArrConnectorChecks.endpoint(instance), ArrConnectorChecks.apiKey(instance)).orElse(List.of())
                .forEach(profile -> choices.put(String.valueOf(profile.id()), profile.name()));
        return choices;
    }

    /** The series of this Sonarr instance, for the request feature. */
    @Override
    public MediaKeeper mediaKeeper(ServiceInstance instance) {
        if (instance.kind() != kind()) {
            throw new IllegalArgumentException(instance.name() + " is not a Sonarr instance");
        }
        return new SonarrSeries(client, instance);
    }

    /** How Sonarr's webhook calls read (Settings › Connect › Webhook in Sonarr). */
    public static WebhookFormat webhookFormat() {
        return new SonarrWebhook();
    }
}
