package dev.medianest.features.catalog;

import dev.medianest.features.services.ServiceCatalog;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;

import java.util.Optional;

/**
 * Picks the metadata source from the configured services: the preferred TMDb instance when
 * there is one, else the lookup of the preferred Radarr and Sonarr, else none, which is said
 * plainly. Chosen anew on each call, so adding or removing a service in Settings › Services takes
 * effect at once. Instances whose stored key cannot be opened are passed over.
 */
public final class MetadataSources {

    /** Opens a TMDb-backed source for a configured instance (implemented in integrations/tmdb, wired in App). */
    @FunctionalInterface
    public interface TmdbOpener {
        MetadataSource open(ServiceInstance tmdb);
    }

    /** Opens the Radarr/Sonarr lookup source for whichever of the two is configured (at least one). */
    @FunctionalInterface
    public interface ArrLookupOpener {
        MetadataSource open(Optional<ServiceInstance> radarr, Optional<ServiceInstance> sonarr);
    }

    /** The outcome of choosing. */
    public sealed interface Choice {
        record Chosen(MetadataSource source) implements Choice {
        }

        record NoSource(ServiceProblem problem) implements Choice {
        }
    }

    private final ServiceCatalog services;
    private final TmdbOpener tmdb;
    private final ArrLookupOpener arrLookup;

    public MetadataSources(ServiceCatalog services, TmdbOpener tmdb, ArrLookupOpener arrLookup) {
        this.services = services;
        this.tmdb = tmdb;
        this.arrLookup = arrLookup;
    }

    public Choice choose() {
        Optional<ServiceInstance> tmdbInstance = usable(ServiceKind.TMDB);
        if (tmdbInstance.isPresent()) {
            return new Choice.Chosen(tmdb.open(tmdbInstance.get()));
        }
        Optional<ServiceInstance> radarr = usable(ServiceKind.RADARR);
        Optional<ServiceInstance> sonarr = usable(ServiceKind.SONARR);
        if (radarr.isPresent() || sonarr.isPresent()) {
            return new Choice.Chosen(arrLookup.open(radarr, sonarr));
        }
        return new Choice.NoSource(ServiceProblem.of("metadata.no_source"));
    }

    /** The chosen source, or a {@link MetadataFailure} saying that none is configured. */
    public MetadataSource require() {
        return switch (choose()) {
            case Choice.Chosen chosen -> chosen.source();
            case Choice.NoSource none -> throw new MetadataFailure(none.problem(), null);
        };
    }

    private Optional<ServiceInstance> usable(ServiceKind kind) {
        Optional<ServiceInstance> preferred = services.preferred(kind, false);
        if (preferred.isPresent() && preferred.get().secretsReadable()) {
            return preferred;
        }
        return services.list(kind).stream().filter(ServiceInstance::secretsReadable).findFirst();
    }
}
