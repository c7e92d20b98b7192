package dev.medianest.features.catalog;

import dev.medianest.features.services.ServiceConnector;
import dev.medianest.features.services.ServiceInstance;

/** A service connector for Radarr, Sonarr or Readarr: besides testing and probing, it hands out the instance's {@link MediaKeeper}. */
public interface MediaKeeperConnector extends ServiceConnector {

    MediaKeeper mediaKeeper(ServiceInstance instance);
}
