package dev.medianest.features.downloads;

import dev.medianest.features.services.ServiceConnector;
import dev.medianest.features.services.ServiceInstance;

/** A service connector for a torrent client: besides testing and probing, it hands out the client itself. */
public interface DownloadConnector extends ServiceConnector {

    /** The torrent client of one configured instance of this connector's kind. */
    DownloadClient client(ServiceInstance instance);
}
