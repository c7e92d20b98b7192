package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestFilter;
import dev.medianest.features.requests.RequestPage;
import dev.medianest.features.requests.RequestState;
import dev.medianest.features.requests.Requests;
import dev.medianest.features.requests.TimelineReason;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Messages;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code request_status}: where the caller's requests stand (or, for admins and request managers
 * who ask, everyone's), by the same rules as the Requests page: a member asking for a request that
 * is not theirs is told it does not exist, exactly as for a number nobody has.
 */
final class RequestStatusTool extends DefinedTool<RequestStatusTool.Arguments> {

    /** Requests shown at most; the total says how many matched. */
    static final int MAX_SHOWN = 20;
    static final List<String> STATES = Arrays.stream(RequestState.values()).map(RequestState::wireName).toList();

    /**
     * @param id       one request, by its number
     * @param query    only requests whose title has these words
     * @param state    only requests in this state
     * @param everyone everyone's requests rather than the caller's own (admins and request managers only)
     */
    record Arguments(Long id, String query, String state, Boolean everyone) {
        Arguments {
            if (id != null && id < 1) {
                throw new InvalidArgument("id", "tools.argument.positive");
            }
            query = ArgumentChecks.optionalText("query", query, ArgumentChecks.MAX_QUERY).orElse(null);
            if (state != null && RequestState.fromWireName(state).isEmpty()) {
                throw new InvalidArgument("state", "tools.argument.one_of", String.join(", ", STATES));
            }
        }

        Optional<RequestState> wantedState() {
            return state == null ? Optional.empty() : RequestState.fromWireName(state);
        }

        boolean ofEveryone() {
            return Boolean.TRUE.equals(everyone);
        }
    }

    private static final ToolDefinition DEFINITION = new ToolDefinition("request_status",
            "Tells where requests stand: state (pending, approved, processing, partially_available, available, declined, failed, "
                    + "cancelled), download progress, the last error and what happened when. Without arguments it lists the caller's own "
                    + "requests, newest first. Give id for one request (ids come from request_media or earlier request_status results), "
                    + "query to find requests by title words, state to filter. everyone=true lists everyone's requests and is only for "
                    + "admins and request managers.",
            ArgumentSchema.object()
                    .id("id", "One request's number, from request_media or request_status results.", false)
                    .text("query", "Only requests whose title contains these words, e.g. \"Dune\".", ArgumentChecks.MAX_QUERY, false)
                    .choice("state", "Only requests in this state.", STATES, false)
                    .flag("everyone", "true to list everyone's requests instead of the caller's own (admins and request managers only).")
                    .build(),
            false);

    private final Requests requests;

    RequestStatusTool(Requests requests) {
        super(DEFINITION, Arguments.class);
        this.requests = requests;
    }

    @Override
    public ToolResult run(Call<Arguments> call) {
        Arguments asked = call.arguments();
        Principal who = call.who();
        if (asked.ofEveryone() && !Requests.manages(who)) {
            throw ToolRefusal.forbidden("tools.requests.everyone_forbidden");
        }
        if (asked.id() != null) {
            return one(who, asked.id(), call.texts());
        }
        Optional<Long> requester = asked.ofEveryone() ? Optional.empty() : Optional.of(who.user().id());
        RequestPage page = requests.list(who, new RequestFilter(requester, asked.wantedState().map(Set::of).orElse(Set.of()),
                Optional.empty(), RequestFilter.Sort.NEWEST, RequestFilter.MAX_LIMIT, 0));
        List<MediaRequest> matching = page.requests().stream()
                .filter(request -> asked.query() == null || TitleWords.matches(request.title().name(), asked.query()))
                .toList();
        List<MediaRequest> shown = matching.stream().limit(MAX_SHOWN).toList();
        Messages.Texts texts = call.texts();
        ObjectNode structured = ToolViews.NODES.objectNode();
        structured.put("everyone", asked.ofEveryone());
        ArrayNode items = structured.putArray("requests");
        Map<Long, MediaRequest.Transition> lastChanges = requests.lastChanges(who, shown);
        for (MediaRequest request : shown) {
            ObjectNode view = ToolViews.request(request, texts);
            Optional.ofNullable(lastChanges.get(request.id())).ifPresent(change -> view.set("lastChange", step(change, texts)));
            items.add(view);
        }
        // Beyond the newest page of the list the total is the page's, which is what a person asks about.
        structured.put("total", asked.query() == null ? page.total() : matching.size());
        return new ToolResult(structured, listSummary(asked, matching, page.total(), texts),
                shown.stream().map(request -> ToolViews.requestCard(request, texts)).toList());
    }

    private ToolResult one(Principal who, long id, Messages.Texts texts) {
        MediaRequest request = visible(requests, who, id);
        ObjectNode structured = ToolViews.NODES.objectNode();
        ObjectNode view = ToolViews.request(request, texts);
        ArrayNode timeline = view.putArray("timeline");
        requests.timeline(who, id).forEach(step -> timeline.add(step(step, texts)));
        structured.set("request", view);
        String state = texts.get("request.state." + request.state().wireName());
        String summary = request.lastError()
                .map(problem -> ToolViews.aboutRequest("tools.requests.one_failing", request, texts, state, ToolViews.problemText(problem, texts)))
                .orElseGet(() -> ToolViews.aboutRequest("tools.requests.one", request, texts, state));
        return new ToolResult(structured, summary, List.of(ToolViews.requestCard(request, texts)));
    }

    /** One request if the caller may see it; otherwise "not found", whether it exists or not. */
    static MediaRequest visible(Requests requests, Principal who, long id) {
        try {
            return requests.get(who, id);
        } catch (AppException refused) {
            if (refused.code() == ErrorCode.NOT_FOUND) {
                throw ToolRefusal.notFound("id", "tools.requests.not_found", String.valueOf(id));
            }
            throw refused;
        }
    }

    private static ObjectNode step(MediaRequest.Transition step, Messages.Texts texts) {
        ObjectNode view = ToolViews.NODES.objectNode();
        view.put("at", step.at().toString());
        view.put("by", step.actorName());
        view.put("from", step.from().map(RequestState::wireName).orElse(null));
        view.put("to", step.to().wireName());
        view.put("reason", TimelineReason.of(step.reason()).map(reason -> switch (reason) {
            case TimelineReason.Coded coded -> texts.get(coded.messageKey(), coded.args().toArray());
            case TimelineReason.Written written -> written.text();
        }).orElse(null));
        return view;
    }

    private static String listSummary(Arguments asked, List<MediaRequest> matching, int total, Messages.Texts texts) {
        if (matching.isEmpty()) {
            return texts.get(asked.ofEveryone() ? "tools.requests.none_everyone" : "tools.requests.none");
        }
        Map<RequestState, Long> byState = matching.stream()
                .collect(Collectors.groupingBy(MediaRequest::state, () -> new EnumMap<>(RequestState.class), Collectors.counting()));
        String states = byState.entrySet().stream()
                .map(entry -> entry.getValue() + " " + texts.get("request.state." + entry.getKey().wireName()))
                .collect(Collectors.joining(", "));
        int count = asked.query() == null ? total : matching.size();
        return texts.get(asked.ofEveryone() ? "tools.requests.list_everyone" : "tools.requests.list", count, states);
    }
}
