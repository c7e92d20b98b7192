package dev.medianest.integrations.arrlookup;

import dev.medianest.features.catalog.MetadataSource;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.integrations.arr.ArrApi;
import dev.medianest.platform.http.RemoteHttp;

import java.util.Optional;

/**
 * Discovery without a TMDb key: the title lookup Radarr and Sonarr use for their own "Add New"
 * pages (GET /api/v3/movie/lookup and /api/v3/series/lookup, specs radarr-v3.openapi.json and
 * sonarr-v3.openapi.json). They proxy their metadata servers, so search and details work; the
 * lists TMDb offers (trending, recommendations …) do not exist there.
 */
public final class ArrLookup {

    private final ArrApi v3;

    public ArrLookup(RemoteHttp http) {
        this.v3 = new ArrApi(http, "/api/v3");
    }

    /** The lookup source over whichever of the two is configured. */
    public MetadataSource titles(Optional<ServiceInstance> radarr, Optional<ServiceInstance> sonarr) {
        if (radarr.isEmpty() && sonarr.isEmpty()) {
            throw new IllegalArgumentException("the lookup needs Radarr or Sonarr");
        }
        return new ArrLookupTitles(v3, radarr, sonarr);
    }
}
