package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.catalog.MetadataFailure;
import dev.medianest.features.catalog.TitleAddress;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.Discovery;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestFilter;
import dev.medianest.features.requests.RequestedTitle;
import dev.medianest.features.requests.Requests;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.i18n.Messages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code recommend_for_me}: titles the caller may like, from the recommendations and similar titles
 * of what they asked for before, leaving out what they asked for already and what the household has
 * in full. Someone who has asked for nothing yet gets what is trending, and is told so.
 */
final class RecommendForMeTool extends DefinedTool<RecommendForMeTool.Arguments> {

    /** Suggestions at most. */
    static final int MAX_PICKS = 10;
    /** The newest requested titles the suggestions start from. */
    static final int MAX_SEEDS = 5;

    /** @param mediaType movie or series; both when absent */
    record Arguments(String mediaType) {
        Arguments {
            if (ArgumentChecks.optionalMediaType("mediaType", mediaType).equals(Optional.of(TitleType.BOOK))) {
                throw new InvalidArgument("mediaType", "tools.argument.no_book_recommendations");
            }
        }

        Optional<TitleType> type() {
            return ArgumentChecks.optionalMediaType("mediaType", mediaType);
        }
    }

    private static final ToolDefinition DEFINITION = new ToolDefinition("recommend_for_me",
            "Suggests movies or series for the caller from what they requested before (\"because you asked for Dune\"), leaving "
                    + "out titles they already requested and titles the household already has in full. When they have requested "
                    + "nothing yet it returns what is trending instead and says so (basis: trending). Use it for \"what should I "
                    + "watch\", \"recommend me something\". Each suggestion has mediaType and id for request_media.",
            ArgumentSchema.object()
                    .choice("mediaType", "Only movies or only series; both when omitted.", ArgumentChecks.SCREEN_TYPES, false)
                    .build(),
            false);

    private final Discovery discovery;
    private final Requests requests;

    RecommendForMeTool(Discovery discovery, Requests requests) {
        super(DEFINITION, Arguments.class);
        this.discovery = discovery;
        this.requests = requests;
    }

    /** A suggestion and the requested title it came from (empty for a trending one). */
    private record Pick(Discovery.Card card, Optional<RequestedTitle> because) {
    }

    @Override
    public ToolResult run(Call<Arguments> call) {
        Arguments asked = call.arguments();
        Messages.Texts texts = call.texts();
        Principal who = call.who();
        List<TitleType> types = asked.type().map(List::of).orElse(List.of(TitleType.MOVIE, TitleType.SERIES));
        List<MediaRequest> own = requests.list(who, new RequestFilter(Optional.of(who.user().id()), Set.of(), Optional.empty(),
                RequestFilter.Sort.NEWEST, RequestFilter.MAX_LIMIT, 0)).requests();
        List<TitleIds> requestedIds = own.stream().map(request -> request.title().titleIds()).toList();
        List<RequestedTitle> seeds = seeds(own, types);
        List<ServiceProblem> problems = new ArrayList<>();
        List<Pick> picks;
        boolean trending = seeds.isEmpty();
        if (trending) {
            picks = trending(types, requestedIds, texts.language().locale(), problems);
        } else {
            picks = fromRequests(who, seeds, requestedIds, texts.language().locale(), problems);
        }

        ObjectNode structured = ToolViews.NODES.objectNode();
        structured.put("basis", trending ? "trending" : "requests");
        ArrayNode basedOn = structured.putArray("basedOn");
        seeds.forEach(seed -> basedOn.add(seedView(seed)));
        ArrayNode list = structured.putArray("recommendations");
        for (Pick pick : picks) {
            ObjectNode view = ToolViews.title(pick.card().title(), pick.card().availability());
            view.put("because", pick.because().map(RequestedTitle::display).orElse(null));
            list.add(view);
        }
        structured.set("problems", ToolViews.problems(problems, texts));
        List<ToolCard> cards = picks.stream().map(pick -> ToolViews.titleCard(pick.card().title(), pick.card().availability(), texts)).toList();
        return new ToolResult(structured, summary(trending, picks, texts), cards);
    }

    /** The newest distinct titles of the wanted types among the caller's requests. */
    private static List<RequestedTitle> seeds(List<MediaRequest> own, List<TitleType> types) {
        Map<String, RequestedTitle> distinct = new LinkedHashMap<>();
        for (MediaRequest request : own) {
            RequestedTitle title = request.title();
            if (types.contains(title.type())) {
                distinct.putIfAbsent(title.key(), title);
            }
        }
        return distinct.values().stream().limit(MAX_SEEDS).toList();
    }

    private List<Pick> fromRequests(Principal who, List<RequestedTitle> seeds, List<TitleIds> excluded, Locale language,
                                    List<ServiceProblem> problems) {
        List<List<Pick>> perSeed = new ArrayList<>();
        for (RequestedTitle seed : seeds) {
            List<Pick> candidates = new ArrayList<>();
            try {
                discovery.title(who, seed.type(), seed.titleIds(), language).ifPresent(page -> {
                    page.recommendations().forEach(card -> candidates.add(new Pick(card, Optional.of(seed))));
                    page.similar().forEach(card -> candidates.add(new Pick(card, Optional.of(seed))));
                    problems.addAll(page.problems());
                });
            } catch (MetadataFailure failure) {
                problems.add(failure.problem());
            } catch (AppException refused) {
                problems.add(ServiceProblem.of(refused.code().messageKey(), stringArgs(refused)));
            }
            perSeed.add(candidates);
        }
        return roundRobin(perSeed, excluded);
    }

    private List<Pick> trending(List<TitleType> types, List<TitleIds> excluded, Locale language, List<ServiceProblem> problems) {
        List<List<Pick>> perType = new ArrayList<>();
        for (TitleType type : types) {
            try {
                Discovery.Shelf shelf = discovery.chart(Discovery.Chart.TRENDING, type, language);
                shelf.problem().ifPresent(problems::add);
                perType.add(shelf.cards().stream().map(card -> new Pick(card, Optional.empty())).toList());
            } catch (MetadataFailure failure) {
                problems.add(failure.problem());
            } catch (AppException refused) {
                problems.add(ServiceProblem.of(refused.code().messageKey(), stringArgs(refused)));
            }
        }
        return roundRobin(perType, excluded);
    }

    /** One from each list in turn, skipping titles asked for, already there in full, or picked already. */
    private static List<Pick> roundRobin(List<List<Pick>> lists, List<TitleIds> excluded) {
        List<Pick> picks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int[] next = new int[lists.size()];
        boolean more = true;
        while (picks.size() < MAX_PICKS && more) {
            more = false;
            for (int i = 0; i < lists.size() && picks.size() < MAX_PICKS; i++) {
                List<Pick> list = lists.get(i);
                while (next[i] < list.size()) {
                    Pick pick = list.get(next[i]++);
                    boolean requested = excluded.stream().anyMatch(ids -> ids.overlaps(pick.card().title().ids()));
                    if (!requested && !ToolViews.available(pick.card().availability()) && seen.add(TitleAddress.href(pick.card().title()))) {
                        picks.add(pick);
                        more = true;
                        break;
                    }
                }
                more |= next[i] < list.size();
            }
        }
        return picks;
    }

    private static ObjectNode seedView(RequestedTitle seed) {
        ObjectNode view = ToolViews.NODES.objectNode();
        view.put("mediaType", TitleAddress.segment(seed.type()));
        view.put("id", TitleAddress.id(seed.type(), seed.titleIds()));
        view.put("title", seed.name());
        ToolViews.putInt(view, "year", seed.year());
        return view;
    }

    private static String summary(boolean trending, List<Pick> picks, Messages.Texts texts) {
        if (picks.isEmpty()) {
            return texts.get(trending ? "tools.recommend.trending_none" : "tools.recommend.for_you_none");
        }
        if (trending) {
            return texts.get("tools.recommend.trending", String.join(", ", picks.stream().limit(5)
                    .map(pick -> ToolViews.named(pick.card().title())).toList()));
        }
        Map<String, List<String>> bySeed = picks.stream().collect(Collectors.groupingBy(pick -> pick.because().orElseThrow().display(),
                LinkedHashMap::new, Collectors.mapping(pick -> ToolViews.named(pick.card().title()), Collectors.toList())));
        return texts.get("tools.recommend.for_you", bySeed.entrySet().stream().map(entry -> texts.get("tools.recommend.because",
                entry.getKey(), String.join(", ", entry.getValue().stream().limit(3).toList()))).collect(Collectors.joining("; ")));
    }

    private static String[] stringArgs(AppException refused) {
        return java.util.Arrays.stream(refused.args()).map(String::valueOf).toArray(String[]::new);
    }
}
