package dev.medianest.integrations.seerr;

import dev.medianest.features.services.ServiceInstance;
import dev.medianest.platform.http.RemoteHttp;

/**
 * How to reach one Seerr, Overseerr or Jellyseerr: its address and API key (Settings › General ›
 * API Key in the portal). The key is secret: it is sealed at rest and kept out of {@link #toString()}.
 */
public record SeerrSettings(RemoteHttp.Endpoint endpoint, String apiKey) {

    public SeerrSettings {
        if (endpoint == null) {
            throw new IllegalArgumentException("an address is required");
        }
        apiKey = apiKey == null ? "" : apiKey.strip();
    }

    public static SeerrSettings of(ServiceInstance instance) {
        return new SeerrSettings(new RemoteHttp.Endpoint(instance.baseUrl(), instance.timeout(), instance.allowSelfSigned()),
                instance.secret("apiKey").orElse(""));
    }

    @Override
    public String toString() {
        return "SeerrSettings[endpoint=" + endpoint.baseUrl() + ", apiKey=(hidden)]";
    }
}
