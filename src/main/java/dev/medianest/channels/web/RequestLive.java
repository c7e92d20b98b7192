package dev.medianest.channels.web;

import dev.medianest.features.accounts.Principal;
import dev.medianest.features.catalog.TitleAddress;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.events.DomainEvent;
import dev.medianest.features.events.RequestChanged;
import dev.medianest.features.requests.Discovery;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestListView;
import dev.medianest.features.requests.RequestPage;
import dev.medianest.features.requests.RequestedTitle;
import dev.medianest.features.requests.Requests;
import dev.medianest.platform.errors.AppException;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /live/requests}: an open Requests page ({@code ?<its view>}), request page
 * ({@code ?id=N}) or title page ({@code ?title=movie/438631}, its badges) gets what changed as {@code swap} events (see app.js) when a request changes.
 * Every stream reads the requests again as its own viewer, so it only ever renders what that
 * person may see: a member's stream never carries someone else's request. A changed row that is
 * on the page is sent alone; when the page's set of requests changed, the whole list is.
 */
final class RequestLive implements AutoCloseable {

    /** Read first on connect: sends the page as it is now. */
    private static final long EVERYTHING = 0;

    private final Pages pages;
    private final Requests requests;
    private final Discovery discovery;
    private final LiveFeed<Long> feed;

    RequestLive(Pages pages, Requests requests, Discovery discovery) {
        this.pages = pages;
        this.requests = requests;
        this.discovery = discovery;
        this.feed = new LiveFeed<>("requests", "This address streams request updates to the Requests page (text/event-stream).",
                EVERYTHING, this::open);
    }

    void requests(Context ctx) throws Exception {
        feed.handle(ctx);
    }

    void deliver(DomainEvent event) {
        if (event instanceof RequestChanged changed) {
            feed.offer(changed.requestId());
        }
    }

    private LiveFeed.Reader<Long> open(SseClient client) {
        PageContext page = pages.context(client.ctx());
        Principal who = RequestState.of(client.ctx()).requirePrincipal();
        Optional<Long> detail = Optional.ofNullable(client.ctx().queryParam("id")).flatMap(RequestLive::positive);
        Optional<ShownTitle> title = Optional.ofNullable(client.ctx().queryParam("title")).flatMap(RequestLive::title);
        RequestListView view = RequestListView.of(client.ctx()::queryParam, Requests.manages(who));
        return new OpenPage(client, page, who, detail, title, view);
    }

    /** A title page's title, {@code movie/438631} as in its address. */
    private record ShownTitle(TitleType type, TitleIds ids) {
        boolean is(RequestedTitle requested) {
            return requested.type() == type && requested.ids().stream().anyMatch(id -> switch (id.catalogue()) {
                case TMDB -> ids.tmdb().isPresent() && ids.tmdb().getAsInt() == id.number();
                case TVDB -> ids.tvdb().isPresent() && ids.tvdb().getAsInt() == id.number();
                case IMDB -> ids.imdb().filter(id.value()::equals).isPresent();
                case GOODREADS -> ids.goodreads().isPresent() && ids.goodreads().getAsInt() == id.number();
                case ISBN -> false;
            });
        }
    }

    private static Optional<ShownTitle> title(String text) {
        String[] parts = text.strip().split("/", 2);
        if (parts.length != 2) {
            return Optional.empty();
        }
        return TitleAddress.type(parts[0]).flatMap(type -> TitleAddress.ids(type, parts[1]).map(ids -> new ShownTitle(type, ids)));
    }

    private static Optional<Long> positive(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip())).filter(id -> id > 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        feed.close();
    }

    /** One open page and what it shows. */
    private final class OpenPage implements LiveFeed.Reader<Long> {
        final SseClient client;
        final PageContext page;
        final Principal who;
        final Optional<Long> detail;
        final Optional<ShownTitle> title;
        final RequestListView view;
        /** The ids and total the page shows now, to tell a changed row from a changed list. */
        private List<Long> shownIds = List.of();
        private int shownTotal = -1;

        OpenPage(SseClient client, PageContext page, Principal who, Optional<Long> detail, Optional<ShownTitle> title, RequestListView view) {
            this.title = title;
            this.client = client;
            this.page = page;
            this.who = who;
            this.detail = detail;
            this.view = view;
        }

        @Override
        public void read(Long id) {
            if (title.isPresent()) {
                sendTitle(id);
            } else if (detail.isPresent()) {
                sendDetail(id);
            } else {
                sendList(id);
            }
        }

        /**
         * A title page's badges, when a request for its title changed: whose request it was does not
         * matter, since availability is the same for everyone.
         */
        private void sendTitle(long id) {
            ShownTitle shown = title.orElseThrow();
            if (id != EVERYTHING && requests.titleOf(id).filter(shown::is).isEmpty()) {
                return;
            }
            client.sendEvent("swap", pages.fragment("title_badges.jte", Map.of("page", page,
                    "availability", discovery.availability(shown.type(), shown.ids()))));
        }

        private void sendDetail(long id) {
            long shown = detail.orElseThrow();
            if (id != EVERYTHING && id != shown) {
                return;
            }
            MediaRequest request;
            List<MediaRequest.Transition> timeline;
            try {
                request = requests.get(who, shown);
                timeline = requests.timeline(who, shown);
            } catch (AppException unseen) {
                return;
            }
            client.sendEvent("swap", pages.fragment("request_detail.jte", Map.of("page", page, "request", request,
                    "timeline", timeline, "manages", Requests.manages(who), "viewerId", who.user().id())));
        }

        private void sendList(long id) {
            long viewerId = who.user().id();
            RequestPage list = requests.list(who, view.filter(viewerId));
            List<Long> ids = list.requests().stream().map(MediaRequest::id).toList();
            Optional<MediaRequest> changed = list.requests().stream().filter(request -> request.id() == id).findFirst();
            boolean manages = Requests.manages(who);
            if (id == EVERYTHING || !ids.equals(shownIds) || list.total() != shownTotal) {
                shownIds = ids;
                shownTotal = list.total();
                client.sendEvent("swap", pages.fragment("request_quota.jte", Map.of("page", page, "quota", requests.quota(viewerId)))
                        + pages.fragment("request_list.jte", Map.of("page", page, "view", view, "list", list, "manages", manages,
                        "viewerId", viewerId)));
            } else if (changed.isPresent()) {
                String back = "/requests" + (view.query().isEmpty() ? "" : "?" + view.query());
                String row = pages.fragment("request_row.jte", Map.of("page", page, "request", changed.get(), "manages", manages,
                        "viewerId", viewerId, "back", back, "linkTitle", true));
                String quota = changed.get().requestedBy(viewerId)
                        ? pages.fragment("request_quota.jte", Map.of("page", page, "quota", requests.quota(viewerId))) : "";
                client.sendEvent("swap", quota + row);
            }
        }
    }
}
