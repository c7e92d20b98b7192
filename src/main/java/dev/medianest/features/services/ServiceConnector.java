package dev.medianest.features.services;

import java.util.List;
import java.util.Map;

/**
 * The plug-in for one kind of service. Each integration package provides one; the catalog, the
 * status job and Settings › Services use only this interface.
 */
public interface ServiceConnector {

    /** Which kind this connector serves; its {@link ServiceKind#key()} is the stable plug-in key. */
    ServiceKind kind();

    /** The settings form beyond name, URL and the common flags. */
    List<ServiceField> fields();

    /**
     * Everything wrong with this instance (unreachable, TLS, wrong key, another application at that
     * URL, a version too old, a login page in front of it); empty when it works. Backs the Test button.
     */
    List<ServiceProblem> test(ServiceInstance instance);

    /** A health check for the status job and the dashboard; never throws. */
    Probe probe(ServiceInstance instance);

    /**
     * Live choices for a field declared with {@code choicesFrom} (quality profiles, root folders,
     * tags …): value to label. Fails with a {@code RemoteFailure} when the instance cannot answer.
     */
    Map<String, String> choices(ServiceInstance instance, String list);

    /** The address of the service's own web UI, for the dashboard link. */
    default String webUrl(ServiceInstance instance) {
        return instance.baseUrl().toString();
    }
}
