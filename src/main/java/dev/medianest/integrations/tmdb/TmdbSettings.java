package dev.medianest.integrations.tmdb;

import dev.medianest.features.services.ServiceInstance;
import dev.medianest.platform.http.RemoteHttp;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How to reach TMDb: the API address (https://api.themoviedb.org unless a test or a caching proxy
 * stands in), the credential (secret: sealed at rest, kept out of {@link #toString()}), and the
 * language used when a caller has none of its own.
 */
public record TmdbSettings(RemoteHttp.Endpoint endpoint, TmdbCredential credential, Locale defaultLanguage) {

    /** The address of TMDb's API, for the form's default. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.themoviedb.org");

    /** The languages offered for the default; a caller may still ask for any other per call. */
    public static final List<String> LANGUAGES = List.of("en-US", "ru-RU");

    public TmdbSettings {
        if (endpoint == null || credential == null || defaultLanguage == null) {
            throw new IllegalArgumentException("address, credential and language are required");
        }
    }

    public static TmdbSettings of(ServiceInstance instance) {
        return new TmdbSettings(new RemoteHttp.Endpoint(instance.baseUrl(), instance.timeout(), instance.allowSelfSigned()),
                TmdbCredential.of(instance.secret("apiKey").orElse("")),
                Locale.forLanguageTag(instance.option("defaultLanguage").orElse("en-US")));
    }

    /** For tests and tools: TMDb at an address with a credential, English by default. */
    public static TmdbSettings of(URI baseUrl, String credential) {
        return new TmdbSettings(new RemoteHttp.Endpoint(baseUrl, Duration.ofSeconds(10), false), TmdbCredential.of(credential), Locale.US);
    }

    @Override
    public String toString() {
        return "TmdbSettings[endpoint=" + endpoint.baseUrl() + ", credential=(hidden), defaultLanguage=" + defaultLanguage.toLanguageTag() + "]";
    }
}
