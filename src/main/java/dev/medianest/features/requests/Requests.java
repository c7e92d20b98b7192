package dev.medianest.features.requests;

import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.events.EventBus;
import dev.medianest.features.events.RequestChanged;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Messages;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * The request portal's use cases: ask for a title, approve or decline, cancel, list, follow. Every
 * call runs with the caller's identity and rights; a request for a title someone already asked for
 * joins theirs instead of adding it twice. Talking to the backends is the dispatcher's work
 * ({@link RequestDispatcher}); this class only records and decides.
 */
public final class Requests {

    private static final Logger LOG = LoggerFactory.getLogger(Requests.class);
    public static final int MAX_REASON = 500;

    private final Database database;
    private final Clock clock;
    private final EventBus events;
    private final QuotaPolicy defaults;
    private final RequestRouter router;
    private final RequestStore store = new RequestStore();
    private volatile LongConsumer approvedListener = id -> { };

    public Requests(Database database, Clock clock, EventBus events, QuotaPolicy defaults, RequestRouter router) {
        this.database = database;
        this.clock = clock;
        this.events = events;
        this.defaults = defaults;
        this.router = router;
    }

    /** Who hears of a request that became APPROVED (the dispatcher, which sends it at once). */
    public void onApproved(LongConsumer listener) {
        this.approvedListener = listener;
    }

    /** The outcome of asking: the request that stands for the title, and whether the asker joined one that existed. */
    public record Submitted(MediaRequest request, boolean joined) {
    }

    /** Asks for a title. Refuses what the caller may not ask for, past the quota, or already there in full. */
    public Submitted submit(Principal who, RequestDraft draft) {
        checkMayAsk(who, draft);
        MediaRequest.Route route = router.routeForNew(draft.title().type());
        if (route == MediaRequest.Route.DIRECT
                && router.direct().instanceFor(draft.title().type(), draft.fourK(), draft.options().serviceId()).isEmpty()) {
            throw new AppException(ErrorCode.NO_SUITABLE_SERVICE, DirectBackend.kindFor(draft.title().type()).displayName()
                    + (draft.fourK() ? " 4K" : ""));
        }
        refuseIfComplete(route, draft);
        boolean autoApprove = who.admin() || who.can(Permission.AUTO_APPROVE);
        Instant now = clock.instant();
        Submitted submitted = database.write(handle -> {
            store.lockTitle(handle, draft.title(), database.vendor() == Database.Vendor.POSTGRESQL);
            List<MediaRequest> open = store.openFor(handle, draft.title(), draft.fourK());
            Optional<MediaRequest> covering = open.stream().filter(request -> covers(request.seasons(), draft.seasons())).findFirst();
            if (covering.isPresent()) {
                return join(handle, who, covering.get(), now);
            }
            Optional<MediaRequest> pendingSeries = open.stream()
                    .filter(request -> request.state() == RequestState.PENDING && draft.title().type() == TitleType.SERIES).findFirst();
            SeasonChoice wanted = uncovered(open, draft.seasons());
            RequestDraft remaining = new RequestDraft(draft.title(), draft.fourK(), wanted, draft.options(), draft.seasonCount());
            int amount = remaining.quotaAmount();
            checkQuota(handle, who, draft.title().type(), amount, now);
            if (pendingSeries.isPresent()) {
                // One pending request per series: more seasons widen it rather than make a second one.
                MediaRequest pending = pendingSeries.get();
                SeasonChoice merged = merge(pending.seasons(), wanted);
                store.setSeasons(handle, pending.id(), merged, now);
                addRequesterIfNew(handle, pending, who, amount, now);
                store.record(handle, pending.id(), now, Optional.of(who.user().id()), who.user().username(), Optional.of(pending.state()),
                        pending.state(), Optional.of("seasons:" + merged.mode() + (merged.chosen().isEmpty() ? "" : ":" + merged.encode())));
                return new Submitted(store.find(handle, pending.id()).orElseThrow(), true);
            }
            RequestState state = autoApprove ? RequestState.APPROVED : RequestState.PENDING;
            long id = store.insert(handle, remaining, state, route, who.user().id(), now);
            store.addRequester(handle, id, who.user().id(), amount, now);
            store.record(handle, id, now, Optional.of(who.user().id()), who.user().username(), Optional.empty(), RequestState.PENDING, Optional.empty());
            if (autoApprove) {
                store.record(handle, id, now, Optional.of(who.user().id()), who.user().username(), Optional.of(RequestState.PENDING),
                        RequestState.APPROVED, Optional.of("auto_approved"));
            }
            return new Submitted(store.find(handle, id).orElseThrow(), false);
        });
        announce(submitted.request());
        return submitted;
    }

    /** Approves a pending request (or one that failed, to try again), optionally with other advanced options. */
    public MediaRequest approve(Principal who, long id, Optional<RequestOptions> options) {
        requireManager(who);
        Instant now = clock.instant();
        MediaRequest approved = database.write(handle -> {
            MediaRequest request = store.find(handle, id).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
            move(handle, request, RequestState.APPROVED, "approve", who, Optional.empty(), now);
            options.ifPresent(chosen -> store.setOptions(handle, id, chosen, now));
            return store.find(handle, id).orElseThrow();
        });
        announce(approved);
        return approved;
    }

    /** Declines a pending request, with a reason the requesters see. */
    public MediaRequest decline(Principal who, long id, Optional<String> reason) {
        requireManager(who);
        Optional<String> why = cleanReason(reason);
        Instant now = clock.instant();
        MediaRequest declined = database.write(handle -> {
            MediaRequest request = store.find(handle, id).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
            move(handle, request, RequestState.DECLINED, "decline", who, why, now);
            return store.find(handle, id).orElseThrow();
        });
        announce(declined);
        return declined;
    }

    /** The outcome of one request in a bulk action: the request now, or why it was left as it was. */
    public record BulkResult(long id, Optional<MediaRequest> request, Optional<AppException> error) {
    }

    /** Approves several requests; each succeeds or fails on its own. */
    public List<BulkResult> approveAll(Principal who, List<Long> ids) {
        requireManager(who);
        return bulk(ids, id -> approve(who, id, Optional.empty()));
    }

    public List<BulkResult> declineAll(Principal who, List<Long> ids, Optional<String> reason) {
        requireManager(who);
        cleanReason(reason);
        return bulk(ids, id -> decline(who, id, reason));
    }

    /**
     * Withdraws the caller from a pending request. The last requester's withdrawal cancels it; with
     * others still asking, it stays for them.
     */
    public MediaRequest cancel(Principal who, long id) {
        Instant now = clock.instant();
        MediaRequest result = database.write(handle -> {
            MediaRequest request = visible(handle, who, id);
            if (!request.requestedBy(who.user().id())) {
                throw new AppException(ErrorCode.FORBIDDEN);
            }
            if (request.state() != RequestState.PENDING) {
                throw conflict(request.state(), "cancel");
            }
            if (request.requesters().size() > 1) {
                handle.createUpdate("DELETE FROM request_requesters WHERE request_id = :id AND user_id = :user")
                        .bind("id", id).bind("user", who.user().id()).execute();
                store.record(handle, id, now, Optional.of(who.user().id()), who.user().username(), Optional.of(request.state()),
                        request.state(), Optional.of("withdrawn"));
            } else {
                move(handle, request, RequestState.CANCELLED, "cancel", who, Optional.empty(), now);
            }
            return store.find(handle, id).orElseThrow();
        });
        announce(result);
        return result;
    }

    /** One request, if the caller asked for it or manages requests. */
    public MediaRequest get(Principal who, long id) {
        return database.read(handle -> visible(handle, who, id));
    }

    /** Requests for the caller; everyone's only for managers (others get their own whatever they ask). */
    public RequestPage list(Principal who, RequestFilter filter) {
        RequestFilter allowed = manages(who) ? filter : filter.onlyOf(who.user().id());
        return database.read(handle -> store.list(handle, allowed));
    }

    public List<MediaRequest.Transition> timeline(Principal who, long id) {
        return database.read(handle -> {
            visible(handle, who, id);
            return store.timeline(handle, id);
        });
    }

    /**
     * The newest step of each request's timeline, by request id, read at once for a list the caller
     * was given; requests the caller may not see are left out.
     */
    public Map<Long, MediaRequest.Transition> lastChanges(Principal who, List<MediaRequest> shown) {
        List<Long> ids = shown.stream().filter(request -> manages(who) || request.requestedBy(who.user().id())).map(MediaRequest::id).toList();
        return ids.isEmpty() ? Map.of() : database.read(handle -> store.lastTransitions(handle, ids));
    }

    /** Open requests for a title (for availability badges and the title page), visible to everyone. */
    public List<MediaRequest> openFor(RequestedTitle title, boolean fourK) {
        return database.read(handle -> store.openFor(handle, title, fourK));
    }

    /** Every open request of a media type, HD and 4K (availability badges over a page of titles), visible to everyone. */
    public List<MediaRequest> openOfType(TitleType type) {
        return database.read(handle -> store.openOfType(handle, type));
    }

    /** Where a person stands against their quota, per media type. */
    public Map<TitleType, QuotaPolicy.Standing> quota(long userId) {
        Instant now = clock.instant();
        return database.read(handle -> {
            QuotaPolicy policy = policyFor(handle, userId);
            List<RequestStore.QuotaUse> uses = store.usesSince(handle, userId, now.minus(Duration.ofDays(policy.days())));
            Map<TitleType, QuotaPolicy.Standing> standings = new EnumMap<>(TitleType.class);
            for (TitleType type : TitleType.values()) {
                // Asked as for one more: nextFreeAt then says when a request fits again once the quota is used up.
                standings.put(type, policy.standing(type, uses, 1));
            }
            return standings;
        });
    }

    /** The quota everyone has unless an admin set their own (the {@code requests.quota.*} settings). */
    public QuotaPolicy defaultQuota() {
        return defaults;
    }

    /** The person's quota policy: the defaults with their override. */
    public QuotaPolicy policy(long userId) {
        return database.read(handle -> policyFor(handle, userId));
    }

    public QuotaPolicy.Override quotaOverride(long userId) {
        return database.read(handle -> store.quotaOverride(handle, userId).orElse(QuotaPolicy.Override.none()));
    }

    /** An admin sets (or with an empty override clears) a person's own quota. */
    public void setQuota(Principal who, long userId, QuotaPolicy.Override override) {
        if (!who.admin()) {
            throw new AppException(ErrorCode.FORBIDDEN);
        }
        database.writeVoid(handle -> {
            if (handle.createQuery("SELECT COUNT(*) FROM users WHERE id = :id").bind("id", userId).mapTo(Integer.class).one() == 0) {
                throw new AppException(ErrorCode.NOT_FOUND);
            }
            store.setQuotaOverride(handle, userId, override);
        });
    }

    // --- used by the dispatcher, webhooks and the reconciliation job ---------------------------

    /** Approved requests due to be sent now. */
    List<MediaRequest> dueForSending() {
        Instant now = clock.instant();
        return database.read(handle -> store.dueForSending(handle, now));
    }

    /** The request if it is still approved and due (another sender may have been first). */
    Optional<MediaRequest> stillDue(long id) {
        Instant now = clock.instant();
        return database.read(handle -> store.find(handle, id)).filter(request -> request.state() == RequestState.APPROVED
                && request.nextAttemptAt().map(at -> !at.isAfter(now)).orElse(true));
    }

    /** The title a request is for, whoever asked: what is requested is no secret, who asked is. */
    public Optional<RequestedTitle> titleOf(long id) {
        return find(id).map(MediaRequest::title);
    }

    /** A request whoever asked, for this feature's own bookkeeping (never shown to a caller as is). */
    Optional<MediaRequest> find(long id) {
        return database.read(handle -> store.find(handle, id));
    }

    /** Requests the backends are working on. */
    public List<MediaRequest> inFlight() {
        return database.read(store::inFlight);
    }

    /** Requests that an *arr instance keeps under this library id (for its webhooks). */
    public List<MediaRequest> forLibraryTitle(long serviceId, long libraryId) {
        return database.read(handle -> store.byLibraryId(handle, serviceId, libraryId));
    }

    /** Request ids by title, for webhooks that name the title by its public id only. */
    public List<MediaRequest> openForTitle(RequestedTitle title) {
        return database.read(handle -> {
            List<MediaRequest> found = new ArrayList<>(store.openFor(handle, title, false));
            found.addAll(store.openFor(handle, title, true));
            return found;
        });
    }

    /**
     * Records what a backend reported: ids and progress always, the state when it moved. A report
     * that would move a request backwards in a way the lifecycle does not allow (a late webhook) is
     * kept as progress only.
     */
    public MediaRequest observed(long id, RequestBackend.Observation seen, String source) {
        Instant now = clock.instant();
        MediaRequest[] before = new MediaRequest[1];
        MediaRequest after = database.write(handle -> {
            MediaRequest request = store.find(handle, id).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
            before[0] = request;
            store.observed(handle, id, seen, now);
            if (request.state() != seen.state() && request.state().canBeReported(seen.state())) {
                store.setState(handle, id, seen.state(), now, Optional.empty());
                store.record(handle, id, now, Optional.empty(), source, Optional.of(request.state()), seen.state(), seen.note());
            }
            return store.find(handle, id).orElseThrow();
        });
        if (!after.equals(before[0])) {
            announce(after);
        }
        return after;
    }

    /** Seerr-route requests that Seerr keeps under this request id (for its webhooks). */
    public List<MediaRequest> forRemoteRequest(int remoteRequestId) {
        return database.read(handle -> store.byRemoteRequestId(handle, remoteRequestId));
    }

    /**
     * Remembers that the *arr app started a download for a request: its download client's id, which
     * for a torrent is the info hash. Known ones are kept once.
     */
    public void downloadStarted(long id, String downloadId, Optional<Long> serviceId) {
        Instant now = clock.instant();
        database.writeVoid(handle -> store.addDownload(handle, id, downloadId, serviceId, now));
    }

    /** The download ids (lower case) started for one request, oldest first. */
    public List<String> downloadIds(long id) {
        return database.read(handle -> store.downloadIds(handle, id));
    }

    /**
     * The torrents (info hashes in lower case, 40 or 64 hex digits) downloaded for the requests a
     * person asked for, so the Downloads page can show them their own. Usenet ids are left out.
     */
    public Set<String> torrentHashesOf(long userId) {
        return database.read(handle -> store.downloadIdsOfRequester(handle, userId)).stream()
                .filter(id -> id.matches("[0-9a-f]{40}|[0-9a-f]{64}"))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /** A send failed: the request stays APPROVED with the reason shown, and is tried again at {@code retryAt}. */
    void attemptFailed(long id, ServiceProblem problem, Instant retryAt) {
        Instant now = clock.instant();
        database.writeVoid(handle -> store.failedAttempt(handle, id, problem, retryAt, now));
        events.publish(new RequestChanged(id));
    }

    Clock clock() {
        return clock;
    }

    // --- rules -------------------------------------------------------------------------------

    private void checkMayAsk(Principal who, RequestDraft draft) {
        if (!who.can(Permission.REQUEST)) {
            throw new AppException(ErrorCode.FORBIDDEN);
        }
        if (draft.fourK() && !who.can(Permission.REQUEST_4K)) {
            throw new AppException(ErrorCode.FORBIDDEN, Map.of("fourK", "request.error.no_4k_permission"));
        }
        if (!draft.options().isDefault() && !(who.admin() || who.can(Permission.REQUEST_ADVANCED))) {
            throw new AppException(ErrorCode.FORBIDDEN, Map.of("options", "request.error.no_advanced_permission"));
        }
    }

    /**
     * A title already there with every file cannot be requested. The check asks the backend; when it
     * cannot answer, the request goes ahead and the dispatcher finds out later.
     */
    private void refuseIfComplete(MediaRequest.Route route, RequestDraft draft) {
        Optional<MediaKeeper.Presence> presence;
        try {
            presence = router.backend(route).presence(draft.title(), draft.fourK());
        } catch (RequestFailure | AppException unavailable) {
            LOG.debug("could not tell whether {} is already there", draft.title().key(), unavailable);
            return;
        }
        boolean wholeTitle = draft.title().type() != TitleType.SERIES || draft.seasons().mode() == SeasonChoice.Mode.ALL;
        if (presence.isPresent() && presence.get().complete() && wholeTitle) {
            throw new AppException(ErrorCode.ALREADY_AVAILABLE, draft.title().display());
        }
    }

    private void checkQuota(Handle handle, Principal who, TitleType type, int amount, Instant now) {
        if (who.admin()) {
            return;
        }
        QuotaPolicy policy = policyFor(handle, who.user().id());
        if (policy.limit(type) == 0) {
            return;
        }
        if (amount > policy.limit(type)) {
            throw new AppException(ErrorCode.VALIDATION_FAILED, Map.of("seasons", "request.error.more_seasons_than_quota"));
        }
        List<RequestStore.QuotaUse> uses = store.usesSince(handle, who.user().id(), now.minus(Duration.ofDays(policy.days())));
        QuotaPolicy.Standing standing = policy.standing(type, uses, amount);
        if (standing.nextFreeAt().isPresent()) {
            Instant retryAt = standing.nextFreeAt().get();
            throw new AppException(ErrorCode.QUOTA_EXCEEDED, Map.of(), standing.limit(), type.ordinal(), standing.days(), retryAt,
                    retryAt.toString());
        }
    }

    private QuotaPolicy policyFor(Handle handle, long userId) {
        return store.quotaOverride(handle, userId).map(defaults::with).orElse(defaults);
    }

    private Submitted join(Handle handle, Principal who, MediaRequest request, Instant now) {
        if (!request.requestedBy(who.user().id())) {
            // Joining costs no quota: nothing more gets downloaded.
            store.addRequester(handle, request.id(), who.user().id(), 0, now);
            store.record(handle, request.id(), now, Optional.of(who.user().id()), who.user().username(), Optional.of(request.state()),
                    request.state(), Optional.of("joined"));
        }
        return new Submitted(store.find(handle, request.id()).orElseThrow(), true);
    }

    private void addRequesterIfNew(Handle handle, MediaRequest request, Principal who, int amount, Instant now) {
        if (request.requestedBy(who.user().id())) {
            handle.createUpdate("UPDATE request_requesters SET season_count = season_count + :amount WHERE request_id = :id AND user_id = :user")
                    .bind("amount", amount).bind("id", request.id()).bind("user", who.user().id()).execute();
        } else {
            store.addRequester(handle, request.id(), who.user().id(), amount, now);
        }
    }

    private void move(Handle handle, MediaRequest request, RequestState to, String action, Principal who, Optional<String> reason, Instant now) {
        if (!request.state().canBecome(to)) {
            throw conflict(request.state(), action);
        }
        store.setState(handle, request.id(), to, now, to == RequestState.APPROVED ? Optional.of(now) : Optional.empty());
        store.record(handle, request.id(), now, Optional.of(who.user().id()), who.user().username(), Optional.of(request.state()), to, reason);
    }

    private static AppException conflict(RequestState state, String action) {
        return new AppException(ErrorCode.REQUEST_STATE_CONFLICT, new Messages.Key("request.state." + state.wireName()),
                new Messages.Key("request.action." + action));
    }

    private MediaRequest visible(Handle handle, Principal who, long id) {
        MediaRequest request = store.find(handle, id).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        if (!manages(who) && !request.requestedBy(who.user().id())) {
            throw new AppException(ErrorCode.NOT_FOUND);
        }
        return request;
    }

    /** Whether the caller sees and decides everyone's requests: admins and holders of MANAGE_REQUESTS. */
    public static boolean manages(Principal who) {
        return who.admin() || who.can(Permission.MANAGE_REQUESTS);
    }

    private static void requireManager(Principal who) {
        if (!manages(who)) {
            throw new AppException(ErrorCode.FORBIDDEN);
        }
    }

    private static Optional<String> cleanReason(Optional<String> reason) {
        Optional<String> cleaned = reason.map(String::strip).filter(text -> !text.isEmpty());
        if (cleaned.isPresent() && (cleaned.get().length() > MAX_REASON || cleaned.get().chars().anyMatch(c -> Character.isISOControl(c) && c != '\n'))) {
            throw new AppException(ErrorCode.VALIDATION_FAILED, Map.of("reason", "request.error.reason_too_long"));
        }
        return cleaned;
    }

    private List<BulkResult> bulk(List<Long> ids, java.util.function.LongFunction<MediaRequest> action) {
        if (ids.isEmpty() || ids.size() > RequestFilter.MAX_LIMIT) {
            throw new AppException(ErrorCode.VALIDATION_FAILED, Map.of("ids", "request.error.bulk_size"));
        }
        List<BulkResult> results = new ArrayList<>();
        for (long id : new java.util.LinkedHashSet<>(ids)) {
            try {
                results.add(new BulkResult(id, Optional.of(action.apply(id)), Optional.empty()));
            } catch (AppException refused) {
                results.add(new BulkResult(id, Optional.empty(), Optional.of(refused)));
            }
        }
        return results;
    }

    private void announce(MediaRequest request) {
        events.publish(new RequestChanged(request.id()));
        if (request.state() == RequestState.APPROVED && request.lastError().isEmpty()) {
            approvedListener.accept(request.id());
        }
    }

    /** Whether the seasons an open request asks for include all of {@code wanted}. */
    static boolean covers(SeasonChoice have, SeasonChoice wanted) {
        return switch (have.mode()) {
            case ALL -> true;
            case FUTURE -> wanted.mode() == SeasonChoice.Mode.FUTURE;
            case CHOSEN -> wanted.mode() == SeasonChoice.Mode.CHOSEN && have.chosen().containsAll(wanted.chosen());
        };
    }

    /** The part of {@code wanted} no open request covers yet. */
    static SeasonChoice uncovered(List<MediaRequest> open, SeasonChoice wanted) {
        if (wanted.mode() != SeasonChoice.Mode.CHOSEN) {
            return wanted;
        }
        TreeSet<Integer> left = new TreeSet<>(wanted.chosen());
        open.stream().filter(request -> request.seasons().mode() == SeasonChoice.Mode.CHOSEN)
                .forEach(request -> left.removeAll(request.seasons().chosen()));
        return left.isEmpty() ? wanted : SeasonChoice.of(left);
    }

    static SeasonChoice merge(SeasonChoice a, SeasonChoice b) {
        if (a.mode() == SeasonChoice.Mode.ALL || b.mode() == SeasonChoice.Mode.ALL) {
            return SeasonChoice.all();
        }
        if (a.mode() == SeasonChoice.Mode.FUTURE || b.mode() == SeasonChoice.Mode.FUTURE) {
            // "Future" and chosen seasons together: the chosen ones now, and the series stays monitored.
            return a.mode() == SeasonChoice.Mode.FUTURE && b.mode() == SeasonChoice.Mode.FUTURE ? a : SeasonChoice.all();
        }
        Set<Integer> union = new TreeSet<>(a.chosen());
        union.addAll(b.chosen());
        return SeasonChoice.of(union);
    }
}
