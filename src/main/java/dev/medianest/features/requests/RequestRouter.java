package dev.medianest.features.requests;

import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.services.ServiceCatalog;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.ErrorCode;

import java.util.Optional;

/**
 * Chooses the backend of a request: Seerr/Overseerr/Jellyseerr when one is configured (it then
 * does the adding and MediaNest mirrors its status), else the *arr apps directly. Chosen anew for
 * each new request, so adding or removing Seerr in Settings › Services takes effect at once; a
 * request keeps the route it was sent on.
 */
public final class RequestRouter {

    /** Opens the Seerr route for a configured instance (implemented in integrations/seerr, wired in App). */
    @FunctionalInterface
    public interface SeerrOpener {
        RequestBackend open(ServiceInstance seerr);
    }

    private final ServiceCatalog services;
    private final DirectBackend direct;
    private final SeerrOpener seerr;

    public RequestRouter(ServiceCatalog services, DirectBackend direct, SeerrOpener seerr) {
        this.services = services;
        this.direct = direct;
        this.seerr = seerr;
    }

    public DirectBackend direct() {
        return direct;
    }

    /** The route a request made now takes; books always go straight to Readarr, Seerr has none. */
    public MediaRequest.Route routeForNew(TitleType type) {
        return type != TitleType.BOOK && seerrInstance().isPresent() ? MediaRequest.Route.SEERR : MediaRequest.Route.DIRECT;
    }

    /** The backend for a route; the Seerr route without a Seerr instance fails as a problem a person can act on. */
    public RequestBackend backend(MediaRequest.Route route) {
        return switch (route) {
            case DIRECT -> direct;
            case SEERR -> seerr.open(seerrInstance().orElseThrow(() -> new RequestFailure(
                    ServiceProblem.of(ErrorCode.NO_SUITABLE_SERVICE.messageKey(), ServiceKind.SEERR.displayName()), null)));
        };
    }

    private Optional<ServiceInstance> seerrInstance() {
        return services.preferred(ServiceKind.SEERR, false).filter(ServiceInstance::secretsReadable);
    }
}
