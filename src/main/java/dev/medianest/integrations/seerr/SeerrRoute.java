package dev.medianest.integrations.seerr;

import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.catalog.MediaKeeper.Catalogue;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestBackend;
import dev.medianest.features.requests.RequestFailure;
import dev.medianest.features.requests.RequestState;
import dev.medianest.features.requests.RequestedTitle;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.http.RemoteFailure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Seerr route of requests for one Seerr, Overseerr or Jellyseerr: an approved request is filed
 * there (it then adds the title to Radarr or Sonarr itself), and MediaNest mirrors what the portal
 * says of it. Every call used here is declared alike in the three specs (seerr.openapi.yml,
 * overseerr.openapi.yml, jellyseerr.openapi.yml): POST /request, GET /request/{requestId},
 * GET /movie/{movieId} and GET /tv/{tvId}.
 */
final class SeerrRoute implements RequestBackend {

    /** Titles are looked up only for their media info; the portal's language for names does not matter. */
    private static final String LANGUAGE = "en";

    private final SeerrClient client;
    private final ServiceInstance instance;
    private final SeerrSettings settings;

    SeerrRoute(SeerrClient client, ServiceInstance instance) {
        this.client = client;
        this.instance = instance;
        this.settings = SeerrSettings.of(instance);
    }

    @Override
    public MediaRequest.Route route() {
        return MediaRequest.Route.SEERR;
    }

    /**
     * Files the request. When the portal already has one for the title (someone asked there, or an
     * earlier attempt got through before its answer was lost), that one is adopted and followed.
     */
    @Override
    public Observation send(MediaRequest request) {
        SeerrClient.NewRequest filed = newRequest(request);
        try {
            return observation(client.request(settings.endpoint(), settings.apiKey(), filed), Optional.empty(), request.fourK());
        } catch (SeerrClient.AlreadyRequested exists) {
            return existing(request.title(), request.fourK())
                    .orElseThrow(() -> new RequestFailure(ServiceProblem.of("tracking.seerr.existing_not_found", instance.name(),
                            request.title().display()), exists));
        } catch (RemoteFailure failure) {
            throw failed(failure);
        }
    }

    @Override
    public Observation observe(MediaRequest request) {
        try {
            if (request.remoteRequestId().isPresent()) {
                try {
                    return observation(client.findRequest(settings.endpoint(), settings.apiKey(), request.remoteRequestId().get()),
                            Optional.empty(), request.fourK());
                } catch (RemoteFailure failure) {
                    if (failure.kind() != RemoteFailure.Kind.NOT_FOUND) {
                        throw failure;
                    }
                    // Removed in the portal: whatever request for the title it has now is followed instead.
                }
            }
            return existing(request.title(), request.fourK()).orElseGet(() -> new Observation(RequestState.FAILED, Optional.empty(), Optional.empty(), Optional.empty(), MediaRequest.Progress.none(),
                    Optional.of("seerr_request_removed")));
        } catch (RemoteFailure failure) {
            throw failed(failure);
        }
    }

    /** How far the portal's media server has the title: mediaInfo.status (status4k for 4K). */
    @Override
    public Optional<MediaKeeper.Presence> presence(RequestedTitle title, boolean fourK) {
        try {
            if (tmdbId(title).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(mediaInfo(title).map(media -> presenceOf(media, fourK)).orElse(MediaKeeper.Presence.absent()));
        } catch (RemoteFailure failure) {
            throw failed(failure);
        }
    }

    private SeerrClient.NewRequest newRequest(MediaRequest request) {
        int tmdbId = tmdbId(request.title()).orElseThrow(() -> new RequestFailure(ServiceProblem.of("tracking.seerr.needs_tmdb",
                instance.name(), request.title().display()), null));
        return switch (request.title().type()) {
            case MOVIE -> SeerrClient.NewRequest.movie(tmdbId, request.fourK());
            case SERIES -> SeerrClient.NewRequest.series(tmdbId, switch (request.seasons().mode()) {
                case ALL -> new SeerrClient.Seasons.All();
                case CHOSEN -> new SeerrClient.Seasons.Chosen(new ArrayList<>(request.seasons().chosen()));
                // Seerr asks for seasons that exist; it has no way to follow only the ones still to come.
                case FUTURE -> throw new RequestFailure(ServiceProblem.of("tracking.seerr.no_future_seasons", instance.name()), null);
            }, request.fourK());
            case BOOK -> throw new RequestFailure(ServiceProblem.of("tracking.seerr.no_books", instance.name()), null);
        };
    }

    /**
     * The portal's latest request for the title and edition, preferring one not declined, as an
     * observation. The requests listed in a title's media info leave their own media out, so the
     * availability comes from the media info itself.
     */
    private Optional<Observation> existing(RequestedTitle title, boolean fourK) {
        Optional<SeerrClient.MediaInfo> media = mediaInfo(title);
        List<SeerrClient.MediaRequest> known = media.map(SeerrClient.MediaInfo::requests).orElse(List.of()).stream()
                .filter(found -> found.is4k() == fourK).toList();
        return known.stream().filter(found -> found.requestStatus() != SeerrClient.RequestStatus.DECLINED)
                .max(Comparator.comparingInt(SeerrClient.MediaRequest::id))
                .or(() -> known.stream().max(Comparator.comparingInt(SeerrClient.MediaRequest::id)))
                .map(found -> observation(found, media, fourK));
    }

    private Optional<SeerrClient.MediaInfo> mediaInfo(RequestedTitle title) {
        Optional<Integer> tmdbId = tmdbId(title);
        if (tmdbId.isEmpty()) {
            return Optional.empty();
        }
        return switch (title.type()) {
            case MOVIE -> Optional.ofNullable(client.movie(settings.endpoint(), settings.apiKey(), tmdbId.get(), LANGUAGE).mediaInfo());
            case SERIES -> Optional.ofNullable(client.tv(settings.endpoint(), settings.apiKey(), tmdbId.get(), LANGUAGE).mediaInfo());
            case BOOK -> Optional.empty();
        };
    }

    /** Seerr keys movies and series alike by their TMDb id. */
    private static Optional<Integer> tmdbId(RequestedTitle title) {
        return title.type() == TitleType.BOOK ? Optional.empty() : title.id(Catalogue.TMDB).map(MediaKeeper.ExternalId::number);
    }

    /**
     * The portal's request as MediaNest's state: declined and failed requests end so; otherwise the
     * media's availability of the edition decides, and a request waiting for approval, approved or
     * being downloaded is being worked on. Request status 5 ("completed", Jellyseerr and Seerr)
     * means the media is there.
     */
    static Observation observation(SeerrClient.MediaRequest found, Optional<SeerrClient.MediaInfo> media, boolean fourK) {
        SeerrClient.Availability availability = Optional.ofNullable(found.media()).or(() -> media)
                .map(info -> info.availability(fourK)).orElse(SeerrClient.Availability.UNKNOWN);
        RequestState state = switch (found.requestStatus()) {
            case DECLINED -> RequestState.DECLINED;
            case FAILED -> RequestState.FAILED;
            case COMPLETED -> RequestState.AVAILABLE;
            case PENDING, APPROVED, UNKNOWN -> switch (availability) {
                case AVAILABLE -> RequestState.AVAILABLE;
                case PARTIALLY_AVAILABLE -> RequestState.PARTIALLY_AVAILABLE;
                case UNKNOWN, PENDING, PROCESSING, DELETED -> RequestState.PROCESSING;
            };
        };
        Optional<String> note = found.requestStatus() == SeerrClient.RequestStatus.PENDING ? Optional.of("seerr_pending") : Optional.empty();
        return new Observation(state, Optional.empty(), Optional.empty(), Optional.of(found.id()), MediaRequest.Progress.none(), note);
    }

    /** Seerr's media id stands in for a library id: the portal tells only whether, not which files. */
    private static MediaKeeper.Presence presenceOf(SeerrClient.MediaInfo media, boolean fourK) {
        Optional<Long> id = Optional.ofNullable(media.id()).map(Integer::longValue);
        return switch (media.availability(fourK)) {
            case AVAILABLE -> new MediaKeeper.Presence(id, true, 1, 1, List.of());
            case PARTIALLY_AVAILABLE -> new MediaKeeper.Presence(id, true, 1, 2, List.of());
            case PENDING, PROCESSING -> new MediaKeeper.Presence(id, true, 0, 1, List.of());
            case UNKNOWN, DELETED -> MediaKeeper.Presence.absent();
        };
    }

    private RequestFailure failed(RemoteFailure failure) {
        return new RequestFailure(ServiceProblem.of(failure.kind().messageKey(), instance.name(), instance.baseUrl().toString()), failure);
    }
}
