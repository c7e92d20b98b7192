package dev.medianest.integrations.seerr;

import dev.medianest.features.requests.RequestBackend;
import dev.medianest.features.requests.WebhookFormat;

import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceConnector;
import dev.medianest.features.services.ServiceField;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.http.RemoteFailure;
import dev.medianest.platform.http.RemoteHttp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seerr, Overseerr or Jellyseerr as a configured service (specs: seerr.openapi.yml,
 * overseerr.openapi.yml, jellyseerr.openapi.yml). One kind serves all three; the Test button and
 * the probe say which one answered and its version ({@link SeerrClient#identify}).
 */
public final class SeerrConnector implements ServiceConnector {

    private final SeerrClient client;

    public SeerrConnector(RemoteHttp http) {
        this.client = new SeerrClient(http);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.SEERR;
    }

    @Override
    public List<ServiceField> fields() {
        return List.of(ServiceField.secret("apiKey", "service.field.api_key", true));
    }

    @Override
    public List<ServiceProblem> test(ServiceInstance instance) {
        SeerrSettings settings = SeerrSettings.of(instance);
        try {
            client.identify(settings.endpoint(), settings.apiKey());
            return List.of();
        } catch (RemoteFailure failure) {
            return List.of(problemOf(instance, failure));
        }
    }

    /** UP with the product and version; DEGRADED while the portal asks for a restart to apply changed settings. */
    @Override
    public Probe probe(ServiceInstance instance) {
        SeerrSettings settings = SeerrSettings.of(instance);
        long started = System.nanoTime();
        try {
            SeerrClient.Identity identity = client.identify(settings.endpoint(), settings.apiKey());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            List<ServiceProblem> problems = identity.status().needsRestart()
                    ? List.of(ServiceProblem.of("metadata.seerr.restart_required", instance.name(), identity.product().displayName()))
                    : List.of();
            return new Probe(problems.isEmpty() ? Probe.State.UP : Probe.State.DEGRADED, elapsed,
                    Optional.of(identity.product().displayName()), Optional.of(identity.version()), problems, List.of());
        } catch (RemoteFailure failure) {
            return Probe.down(Duration.ofNanos(System.nanoTime() - started), problemOf(instance, failure));
        }
    }

    @Override
    public Map<String, String> choices(ServiceInstance instance, String list) {
        throw AppException.invalid("list", "validation.service.choice");
    }

    private static ServiceProblem problemOf(ServiceInstance instance, RemoteFailure failure) {
        if (failure.kind() == RemoteFailure.Kind.WRONG_APPLICATION) {
            return ServiceProblem.of("service.wrong_application", instance.name(), instance.baseUrl().toString(),
                    ServiceKind.SEERR.displayName(), "?");
        }
        return ServiceProblem.of(failure.kind().messageKey(), instance.name(), instance.baseUrl().toString());
    }

    /** The Seerr route of the request feature through this instance. */
    public RequestBackend requestBackend(ServiceInstance instance) {
        return new SeerrRoute(client, instance);
    }

    /** How the portal's webhook notifications read (Settings › Notifications › Webhook in Seerr). */
    public static WebhookFormat webhookFormat() {
        return new SeerrWebhook();
    }
}
