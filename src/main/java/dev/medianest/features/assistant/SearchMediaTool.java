package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.catalog.TitleAddress;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.Discovery;
import dev.medianest.platform.i18n.Messages;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code search_media}: movies, series and books by words, with what the household has of each, as
 * the Discover search shows them.
 */
final class SearchMediaTool extends DefinedTool<SearchMediaTool.Arguments> {

    /** At most this many results: enough to choose from in a chat. */
    static final int MAX_RESULTS = 10;

    /**
     * @param query     the title or words to look for, as the person wrote them
     * @param mediaType movie, series or book; all three when absent
     * @param year      only titles released that year
     */
    record Arguments(String query, String mediaType, Integer year) {
        Arguments {
            query = InvalidArgument.requireText("query", query, ArgumentChecks.MAX_QUERY);
            ArgumentChecks.optionalMediaType("mediaType", mediaType);
            InvalidArgument.requireRange("year", year, 1800, 2200);
        }

        Optional<TitleType> type() {
            return ArgumentChecks.optionalMediaType("mediaType", mediaType);
        }

        OptionalInt released() {
            return year == null ? OptionalInt.empty() : OptionalInt.of(year);
        }
    }

    private static final ToolDefinition DEFINITION = new ToolDefinition("search_media",
            "Searches movies, series and books by title or words and tells, for each result, whether the household already has it "
                    + "(availability in HD and in 4K: not_requested, requested, processing, partially_available, available). Use it "
                    + "before request_media, media_details or recommend_similar to find a title's mediaType and id. Russian and "
                    + "English titles both work; titles come back in the caller's language. At most 10 results, best match first.",
            ArgumentSchema.object()
                    .text("query", "The title or words to look for, e.g. \"Dune\" or \"Дюна\".", ArgumentChecks.MAX_QUERY, true)
                    .choice("mediaType", "Only this kind of title; omit to search all three.", ArgumentChecks.MEDIA_TYPES, false)
                    .integer("year", "Only titles released in this year, e.g. 2021.", 1800, 2200, false)
                    .build(),
            false);

    private final TitleSearch search;

    SearchMediaTool(TitleSearch search) {
        super(DEFINITION, Arguments.class);
        this.search = search;
    }

    @Override
    public ToolResult run(Call<Arguments> call) {
        Arguments asked = call.arguments();
        Messages.Texts texts = call.texts();
        TitleSearch.Outcome found = search.find(asked.query(), asked.type(), asked.released(), texts.language().locale());
        List<Discovery.Card> shown = found.cards().stream().limit(MAX_RESULTS).toList();

        ObjectNode structured = ToolViews.NODES.objectNode();
        structured.put("query", asked.query());
        structured.put("matchedForm", found.matchedForm().orElse(null));
        structured.put("mediaType", asked.type().map(TitleAddress::segment).orElse(null));
        ToolViews.putInt(structured, "year", asked.released());
        ArrayNode results = structured.putArray("results");
        shown.forEach(card -> results.add(ToolViews.title(card.title(), card.availability())));
        structured.put("total", found.cards().size());
        structured.put("answered", found.answered());
        structured.set("problems", ToolViews.problems(found.problems(), texts));

        List<ToolCard> cards = shown.stream().map(card -> ToolViews.titleCard(card.title(), card.availability(), texts)).toList();
        return new ToolResult(structured, summary(asked, found, shown, texts), cards);
    }

    private static String summary(Arguments asked, TitleSearch.Outcome found, List<Discovery.Card> shown, Messages.Texts texts) {
        if (!found.answered()) {
            return texts.get("tools.search.failed", asked.query(), ToolViews.problemText(found.problems().getFirst(), texts));
        }
        if (shown.isEmpty()) {
            return texts.get("tools.search.nothing", asked.query());
        }
        String names = String.join(", ", shown.stream().limit(3).map(card -> ToolViews.named(card.title())).toList());
        return texts.get("tools.search.found", found.cards().size(), asked.query(), names + (shown.size() > 3 ? ", …" : ""));
    }
}
