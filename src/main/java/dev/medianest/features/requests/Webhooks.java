package dev.medianest.features.requests;

import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.services.ServiceCatalog;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.platform.crypto.SecretBox;
import dev.medianest.platform.crypto.SecureTokens;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Request tracking by webhook: Radarr, Sonarr and Seerr call MediaNest when something happens to a
 * title (a release grabbed, files imported, a request approved in Seerr), and the requests for that
 * title move at once instead of at the next reconciliation. Each instance signs its calls with a
 * secret of its own, made here, sealed at rest and shown to the admin only when made. A call with
 * the wrong secret, for an unknown instance or of the wrong kind is refused and logged, never
 * acted on; a call about a title nobody requested changes nothing.
 */
public final class Webhooks {

    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

    /** The kinds that can call MediaNest. */
    public static final Set<ServiceKind> SENDERS = Collections.unmodifiableSet(EnumSet.of(ServiceKind.RADARR, ServiceKind.SONARR,
            ServiceKind.SEERR));

    /** Secrets are "mnw_" and 43 URL-safe characters: 256 random bits, and fine as a Basic password. */
    private static final String SECRET_PREFIX = "mnw_";

    private final Database database;
    private final SecretBox box;
    private final SecureTokens tokens;
    private final Clock clock;
    private final ServiceCatalog services;
    private final Requests requests;
    private final RequestRouter router;
    private final Map<ServiceKind, WebhookFormat> formats = new EnumMap<>(ServiceKind.class);
    private final WebhookStore store = new WebhookStore();

    public Webhooks(Database database, SecretBox box, SecureTokens tokens, Clock clock, ServiceCatalog services, Requests requests,
                    RequestRouter router, List<WebhookFormat> formats) {
        this.database = database;
        this.box = box;
        this.tokens = tokens;
        this.clock = clock;
        this.services = services;
        this.requests = requests;
        this.router = router;
        formats.forEach(format -> this.formats.put(format.kind(), format));
    }

    /** An instance that can call MediaNest, and since when its secret is valid (empty: none made yet). */
    public record Sender(long serviceId, ServiceKind kind, String name, Optional<Instant> secretSince) {
    }

    /** A secret just made; the only time it can be read. */
    public record Issued(Sender sender, String secret) {
        @Override
        public String toString() {
            return "Issued[sender=" + sender + ", secret=(hidden)]";
        }
    }

    /** The answer to a webhook: which event it was and how many requests it concerned. */
    public record Receipt(String event, int matched) {
    }

    /** Every configured Radarr, Sonarr and Seerr, with whether it has a secret. */
    public List<Sender> senders() {
        Map<Long, Instant> dates = database.read(store::secretDates);
        return services.list().stream().filter(instance -> SENDERS.contains(instance.kind()))
                .map(instance -> new Sender(instance.id(), instance.kind(), instance.name(), Optional.ofNullable(dates.get(instance.id()))))
                .toList();
    }

    /** One instance that can call MediaNest; NOT_FOUND for another kind or an unknown id. */
    public Sender sender(long serviceId) {
        return senders().stream().filter(sender -> sender.serviceId() == serviceId).findFirst()
                .orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
    }

    /** Makes the instance a new secret, replacing its old one (which stops working at once). */
    public Issued issueSecret(long actorId, long serviceId) {
        Sender sender = sender(serviceId);
        String secret = SECRET_PREFIX + tokens.newToken(32);
        Instant now = clock.instant();
        database.writeVoid(handle -> store.putSecret(handle, serviceId, box.seal(secret), now));
        LOG.info("webhook secret {} for service id={} kind={} by=user {}", sender.secretSince().isPresent() ? "rotated" : "made",
                serviceId, sender.kind().key(), actorId);
        return new Issued(new Sender(sender.serviceId(), sender.kind(), sender.name(), Optional.of(now)), secret);
    }

    /**
     * Handles one call. Refuses, before reading the body, an instance that does not exist or is of
     * another kind (NOT_FOUND) and a missing or wrong secret (WEBHOOK_UNAUTHORIZED); a body that is
     * not the service's JSON is MALFORMED_JSON.
     *
     * @param secret the secret the caller presented (a Basic password or a Bearer token)
     * @param from   the caller's address, for the log
     */
    public Receipt receive(ServiceKind kind, long serviceId, Optional<String> secret, String body, String from) {
        Optional<ServiceInstance> found = services.find(serviceId).filter(instance -> instance.kind() == kind);
        if (found.isEmpty() || !SENDERS.contains(kind)) {
            LOG.warn("webhook refused: no {} with id {} (call from {})", kind.key(), serviceId, from);
            throw new AppException(ErrorCode.NOT_FOUND);
        }
        ServiceInstance instance = found.get();
        Optional<String> expected = database.read(handle -> store.sealedSecret(handle, serviceId)).flatMap(this::open);
        if (expected.isEmpty() || secret.isEmpty() || !SecureTokens.sameSecret(expected.get(), secret.get())) {
            LOG.warn("webhook refused: {} for {} '{}' (id {}, call from {})", expected.isEmpty() ? "no secret made yet"
                    : secret.isEmpty() ? "no secret given" : "wrong secret", kind.key(), instance.name(), serviceId, from);
            throw new AppException(ErrorCode.WEBHOOK_UNAUTHORIZED);
        }
        WebhookEvent event;
        try {
            event = formats.get(kind).read(body);
        } catch (IllegalArgumentException malformed) {
            LOG.info("webhook from {} '{}' not understood: {}", kind.key(), instance.name(), malformed.getMessage());
            throw new AppException(ErrorCode.MALFORMED_JSON);
        }
        int matched = apply(instance, event);
        LOG.info("webhook {} from {} '{}': {} request(s)", event.name(), kind.key(), instance.name(), matched);
        return new Receipt(event.name(), matched);
    }

    private Optional<String> open(String sealed) {
        try {
            return Optional.of(box.open(sealed));
        } catch (SecretBox.WrongKeyException lost) {
            // Sealed with a key this server no longer has: the admin must make a new secret.
            return Optional.empty();
        }
    }

    private int apply(ServiceInstance instance, WebhookEvent event) {
        return switch (event) {
            case WebhookEvent.Test test -> 0;
            case WebhookEvent.Ignored ignored -> 0;
            case WebhookEvent.Health health -> {
                LOG.info("{} '{}' reports {}: {}", instance.kind().key(), instance.name(), health.name(), printable(health.message()));
                yield 0;
            }
            case WebhookEvent.Grabbed grabbed -> grabbed(instance, grabbed);
            case WebhookEvent.FilesChanged changed -> filesChanged(instance, changed);
            case WebhookEvent.PortalNews news -> portalNews(instance, news);
        };
    }

    /** A release went to the download client: the request is being worked on, and the download is its. */
    private int grabbed(ServiceInstance instance, WebhookEvent.Grabbed grabbed) {
        List<MediaRequest> concerned = concerning(instance, grabbed.title());
        for (MediaRequest request : concerned) {
            grabbed.downloadId().ifPresent(id -> requests.downloadStarted(request.id(), id, Optional.of(instance.id())));
            // A title with all its files that grabs again is upgrading them: it stays available meanwhile.
            if (request.state() != RequestState.AVAILABLE && request.state().canBeReported(RequestState.PROCESSING)) {
                requests.observed(request.id(), reported(request, instance, grabbed.title(), RequestState.PROCESSING, "grabbed"), instance.name());
            }
        }
        return concerned.size();
    }

    /** Files came or went: how much of the title is there is asked of the request's backend, as reconciliation does. */
    private int filesChanged(ServiceInstance instance, WebhookEvent.FilesChanged changed) {
        List<MediaRequest> concerned = concerning(instance, changed.title());
        for (MediaRequest request : concerned) {
            changed.downloadId().ifPresent(id -> requests.downloadStarted(request.id(), id, Optional.of(instance.id())));
            refresh(request, instance.name());
        }
        return concerned.size();
    }

    private int portalNews(ServiceInstance instance, WebhookEvent.PortalNews news) {
        List<MediaRequest> concerned = news.requestId().map(requests::forRemoteRequest).filter(found -> !found.isEmpty())
                .orElseGet(() -> news.title().asRequested().map(requests::openForTitle).orElse(List.of()))
                .stream().filter(request -> request.route() == MediaRequest.Route.SEERR && acts(request, news.title().type()))
                .toList();
        for (MediaRequest request : concerned) {
            switch (news.news()) {
                case PENDING -> {
                    // Waiting for Seerr's admin: nothing new for MediaNest's requesters.
                }
                case APPROVED -> requests.observed(request.id(), reported(request, instance, news.title(), RequestState.PROCESSING,
                        "seerr_approved"), instance.name());
                case DECLINED -> requests.observed(request.id(), reported(request, instance, news.title(), RequestState.DECLINED,
                        "seerr_declined"), instance.name());
                case FAILED -> requests.observed(request.id(), reported(request, instance, news.title(), RequestState.FAILED,
                        "seerr_failed"), instance.name());
                case AVAILABLE, PARTIALLY_AVAILABLE -> {
                    if (!refresh(request, instance.name())) {
                        RequestState state = news.news() == WebhookEvent.Portal.AVAILABLE ? RequestState.AVAILABLE : RequestState.PARTIALLY_AVAILABLE;
                        requests.observed(request.id(), reported(request, instance, news.title(), state, "seerr_available"), instance.name());
                    }
                }
            }
        }
        return concerned.size();
    }

    /** Asks the request's backend where it stands and records it; false when the backend could not answer. */
    private boolean refresh(MediaRequest request, String source) {
        try {
            requests.observed(request.id(), router.backend(request.route()).observe(request), source);
            return true;
        } catch (RequestFailure | AppException unavailable) {
            LOG.info("request {} could not be checked after a webhook ({}); reconciliation will try again", request.id(),
                    unavailable.getMessage());
            return false;
        }
    }

    /** What the webhook says, keeping the progress known so far; the *arr ids only for requests sent straight to that instance. */
    private static RequestBackend.Observation reported(MediaRequest request, ServiceInstance instance, WebhookEvent.Title title,
                                                      RequestState state, String note) {
        boolean direct = request.route() == MediaRequest.Route.DIRECT && instance.kind() != ServiceKind.SEERR;
        return new RequestBackend.Observation(state, direct ? Optional.of(instance.id()) : Optional.empty(),
                direct ? title.libraryId() : Optional.empty(), Optional.empty(), request.progress(), Optional.of(note));
    }

    /**
     * The requests an *arr event is about: those sent to this instance under the event's library
     * id, and the open ones for the same title that went to no other instance of the same edition.
     * A series request for chosen seasons is about the event only when its episodes are in them.
     */
    private List<MediaRequest> concerning(ServiceInstance instance, WebhookEvent.Title title) {
        Map<Long, MediaRequest> found = new LinkedHashMap<>();
        title.libraryId().ifPresent(libraryId -> requests.forLibraryTitle(instance.id(), libraryId)
                .forEach(request -> found.put(request.id(), request)));
        title.asRequested().ifPresent(requested -> requests.openForTitle(requested).stream()
                .filter(request -> request.serviceId().map(id -> id == instance.id()).orElse(request.fourK() == instance.is4k()))
                .forEach(request -> found.putIfAbsent(request.id(), request)));
        return found.values().stream().filter(request -> acts(request, title.type()) && seasonsMatch(request, title.seasons())).toList();
    }

    /** Requests nobody approved, or that ended, are left alone. */
    private static boolean acts(MediaRequest request, TitleType type) {
        return request.title().type() == type && request.state() != RequestState.PENDING && request.state() != RequestState.DECLINED
                && request.state() != RequestState.CANCELLED;
    }

    private static boolean seasonsMatch(MediaRequest request, Set<Integer> seasons) {
        return request.seasons().mode() != SeasonChoice.Mode.CHOSEN || seasons.isEmpty()
                || seasons.stream().anyMatch(request.seasons().chosen()::contains);
    }

    /** A remote message as one short log line: no line breaks a reader could take for another entry. */
    private static String printable(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
