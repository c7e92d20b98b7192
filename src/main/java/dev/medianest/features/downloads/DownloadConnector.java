package dev.medianest.features.downloads;

import dev.medianest.features.services.ServiceConnector;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceProblem;

import java.util.List;
import java.util.Map;

/**
 * A service connector for a torrent client: besides testing and probing, it hands out the client
 * itself. For a torrent client the Test button asks exactly what the health probe asks (sign in,
 * read the version), and its form has no live lists, so both are answered here once.
 */
public interface DownloadConnector extends ServiceConnector {

    /** The torrent client of one configured instance of this connector's kind. */
    DownloadClient client(ServiceInstance instance);

    @Override
    default List<ServiceProblem> test(ServiceInstance instance) {
        return probe(instance).problems();
    }

    @Override
    default Map<String, String> choices(ServiceInstance instance, String list) {
        return Map.of();
    }
}
