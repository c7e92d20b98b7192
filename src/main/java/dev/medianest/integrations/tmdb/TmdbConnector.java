package dev.medianest.integrations.tmdb;

import dev.medianest.features.catalog.MetadataSource;
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
 * TMDb as a configured service (spec: tmdb-v3.openapi.json). The Test button and the probe ask
 * GET /3/authentication, which answers 401 with status_code 7 for a key TMDb does not know.
 * Also opens TMDb as the catalog's {@link MetadataSource}.
 */
public final class TmdbConnector implements ServiceConnector {

    private final TmdbClient client;
    private final TmdbReference reference;

    public TmdbConnector(RemoteHttp http) {
        this.client = new TmdbClient(http);
        this.reference = new TmdbReference(client);
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.TMDB;
    }

    @Override
    public List<ServiceField> fields() {
        return List.of(
                ServiceField.secret("apiKey", "metadata.field.tmdb_credential", true),
                ServiceField.choice("defaultLanguage", "metadata.field.default_language", TmdbSettings.LANGUAGES));
    }

    @Override
    public List<ServiceProblem> test(ServiceInstance instance) {
        Probe probe = probe(instance);
        return probe.problems();
    }

    @Override
    public Probe probe(ServiceInstance instance) {
        long started = System.nanoTime();
        try {
            TmdbClient.Authentication answer = client.authentication(TmdbSettings.of(instance));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (!answer.success()) {
                return Probe.down(elapsed, problem(RemoteFailure.Kind.UNAUTHORIZED, instance));
            }
            // TMDb reports no software version; the API version in the path is what there is to show.
            return new Probe(Probe.State.UP, elapsed, Optional.of("TMDb"), Optional.of("3"), List.of(), List.of());
        } catch (IllegalArgumentException noCredential) {
            return Probe.down(Duration.ofNanos(System.nanoTime() - started), problem(RemoteFailure.Kind.UNAUTHORIZED, instance));
        } catch (RemoteFailure failure) {
            return Probe.down(Duration.ofNanos(System.nanoTime() - started), problem(failure.kind(), instance));
        }
    }

    @Override
    public Map<String, String> choices(ServiceInstance instance, String list) {
        throw AppException.invalid("list", "validation.service.choice");
    }

    /** The website for people, not the API address. */
    @Override
    public String webUrl(ServiceInstance instance) {
        return instance.baseUrl().equals(TmdbSettings.DEFAULT_BASE_URL) ? "https://www.themoviedb.org" : instance.baseUrl().toString();
    }

    /** TMDb as the catalog's metadata source, for the given instance. */
    public MetadataSource titles(ServiceInstance instance) {
        return new TmdbTitles(client, reference, instance);
    }

    private static ServiceProblem problem(RemoteFailure.Kind kind, ServiceInstance instance) {
        return ServiceProblem.of(kind.messageKey(), instance.name(), instance.baseUrl().toString());
    }
}
