package dev.medianest.features.requests;

import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.catalog.MediaKeeperConnector;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.services.ServiceCatalog;
import dev.medianest.features.services.ServiceConnector;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.http.RemoteFailure;
import dev.medianest.platform.errors.ErrorCode;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * The direct route: an approved request is added to Radarr, Sonarr or Readarr with the chosen
 * quality profile, root folder and tags plus a tag naming each requester, monitored as chosen, and
 * searched at once. Progress is read back from the instance's library and queue.
 */
public final class DirectBackend implements RequestBackend {

    private final ServiceCatalog services;

    public DirectBackend(ServiceCatalog services) {
        this.services = services;
    }

    @Override
    public MediaRequest.Route route() {
        return MediaRequest.Route.DIRECT;
    }

    /** The *arr kind that keeps a type of title. */
    public static ServiceKind kindFor(TitleType type) {
        return switch (type) {
            case MOVIE -> ServiceKind.RADARR;
            case SERIES -> ServiceKind.SONARR;
            case BOOK -> ServiceKind.READARR;
        };
    }

    /** The instance a request goes to: the one chosen, else the preferred (4K when asked) one of its kind. */
    public Optional<ServiceInstance> instanceFor(TitleType type, boolean fourK, Optional<Long> chosen) {
        ServiceKind kind = kindFor(type);
        if (chosen.isPresent()) {
            return services.find(chosen.get()).filter(instance -> instance.kind() == kind);
        }
        Optional<ServiceInstance> preferred = services.preferred(kind, fourK);
        // Asking for 4K must never quietly land on the HD instance.
        return fourK ? preferred.filter(ServiceInstance::is4k) : preferred;
    }

    @Override
    public Observation send(MediaRequest request) {
        ServiceInstance instance = require(request);
        try {
            return send(request, instance, manager(instance));
        } catch (RemoteFailure failure) {
            throw new RequestFailure(ServiceProblem.of(failure.kind().messageKey(), instance.name(), instance.baseUrl().toString()), failure);
        }
    }

    private Observation send(MediaRequest request, ServiceInstance instance, MediaKeeper manager) {
        Set<Integer> tags = new HashSet<>(request.options().tags());
        for (MediaRequest.Requester requester : request.requesters()) {
            tags.add(manager.tag(requesterTag(requester.username())));
        }
        MediaKeeper.Addition addition = MediaKeeper.Addition.of(request.title().primaryId()).withTags(tags);
        if (request.options().qualityProfileId().isPresent()) {
            addition = addition.withQualityProfile(request.options().qualityProfileId().get());
        }
        if (request.options().rootFolder().isPresent()) {
            addition = addition.withRootFolder(request.options().rootFolder().get());
        }
        addition = switch (request.seasons().mode()) {
            case ALL -> addition;
            case CHOSEN -> addition.withSeasons(request.seasons().chosen());
            // No season there today is monitored; Sonarr monitors the seasons that come later
            // because the series itself is monitored. Nothing to search for yet.
            case FUTURE -> addition.withSeasons(Set.of(futureSeason(manager, request))).withoutSearch();
        };
        MediaKeeper.Added added = manager.add(addition);
        Observation seen = observe(request, instance, manager);
        return new Observation(seen.state(), Optional.of(instance.id()), Optional.of(added.libraryId()), Optional.empty(),
                seen.progress(), seen.note());
    }

    @Override
    public Observation observe(MediaRequest request) {
        ServiceInstance instance = require(request);
        try {
            return observe(request, instance, manager(instance));
        } catch (RemoteFailure failure) {
            throw new RequestFailure(ServiceProblem.of(failure.kind().messageKey(), instance.name(), instance.baseUrl().toString()), failure);
        }
    }

    @Override
    public Optional<MediaKeeper.Presence> presence(RequestedTitle title, boolean fourK) {
        return instanceFor(title.type(), fourK, Optional.empty()).map(instance -> {
            try {
                return manager(instance).presence(title.primaryId());
            } catch (RemoteFailure failure) {
                // Unreachable now: the caller goes ahead without knowing, as the port allows.
                throw new RequestFailure(ServiceProblem.of(failure.kind().messageKey(), instance.name(), instance.baseUrl().toString()), failure);
            }
        });
    }

    private Observation observe(MediaRequest request, ServiceInstance instance, MediaKeeper manager) {
        MediaKeeper.Presence presence = manager.presence(request.title().primaryId());
        OptionalDouble fraction = presence.downloads().stream().mapToDouble(MediaKeeper.Download::fraction).average();
        MediaRequest.Progress progress = new MediaRequest.Progress(presence.filesPresent(), presence.filesExpected(), fraction);
        RequestState state;
        if (presence.complete() && !presence.downloading()) {
            state = RequestState.AVAILABLE;
        } else if (presence.filesPresent() > 0 && !presence.downloading()) {
            state = RequestState.PARTIALLY_AVAILABLE;
        } else {
            state = RequestState.PROCESSING;
        }
        return new Observation(state, Optional.of(instance.id()), presence.libraryId(), Optional.empty(), progress, Optional.empty());
    }

    private ServiceInstance require(MediaRequest request) {
        String wanted = kindFor(request.title().type()).displayName() + (request.fourK() ? " 4K" : "");
        return instanceFor(request.title().type(), request.fourK(), request.serviceId())
                .orElseThrow(() -> new RequestFailure(ServiceProblem.of(ErrorCode.NO_SUITABLE_SERVICE.messageKey(), wanted), null));
    }

    private MediaKeeper manager(ServiceInstance instance) {
        ServiceConnector connector = services.connector(instance.kind());
        if (!(connector instanceof MediaKeeperConnector managers)) {
            throw new IllegalStateException(instance.kind() + " keeps no media");
        }
        return managers.mediaKeeper(instance);
    }

    /** One past the last season the instance knows: nothing existing gets monitored. */
    private static int futureSeason(MediaKeeper manager, MediaRequest request) {
        TreeSet<Integer> known = manager.find(request.title().primaryId()).map(title -> new TreeSet<>(title.seasons())).orElseGet(TreeSet::new);
        return known.isEmpty() ? 1 : Math.min(SeasonChoice.MAX_SEASON, known.last() + 1);
    }

    /** "alice" → "requester-alice": the *arr apps allow lower-case letters, digits and hyphens in tag labels. */
    public static String requesterTag(String username) {
        String cleaned = username.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return "requester-" + (cleaned.isEmpty() ? "user" : cleaned);
    }
}
