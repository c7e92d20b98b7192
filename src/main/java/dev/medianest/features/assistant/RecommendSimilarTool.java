package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.catalog.MetadataFailure;
import dev.medianest.features.catalog.TitleAddress;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.Discovery;
import dev.medianest.platform.i18n.Messages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code recommend_similar}: titles like one title, from the metadata source's recommendations and
 * similar titles (the lists at the foot of a title page), each with what the household has of it.
 */
final class RecommendSimilarTool extends DefinedTool<RecommendSimilarTool.Arguments> {

    /** Titles per list at most. */
    static final int MAX_PER_LIST = 10;

    /**
     * @param mediaType movie or series; required with {@code id}
     * @param id        the title's id from search_media
     * @param query     the title's name, looked up as search_media would
     */
    record Arguments(String mediaType, String id, String query) {
        Arguments {
            Optional<TitleType> type = ArgumentChecks.optionalMediaType("mediaType", mediaType);
            if (type.equals(Optional.of(TitleType.BOOK))) {
                throw new InvalidArgument("mediaType", "tools.argument.no_book_recommendations");
            }
            query = ArgumentChecks.optionalText("query", query, ArgumentChecks.MAX_QUERY).orElse(null);
            ArgumentChecks.exactlyOne(List.of("id", "query"), id != null, query != null);
            if (id != null) {
                ArgumentChecks.titleIds(type.orElseThrow(() -> new InvalidArgument("mediaType", "tools.argument.type_with_id")), "id", id);
            }
        }

        Optional<TitleType> type() {
            return ArgumentChecks.optionalMediaType("mediaType", mediaType);
        }
    }

    private static final ToolDefinition DEFINITION = new ToolDefinition("recommend_similar",
            "Suggests movies or series like a given one (\"something like Dune\"), from TMDb's recommendations and similar titles, "
                    + "each with availability so you can say which are already in the library (alreadyAvailable). Name the title either "
                    + "by mediaType and id from search_media results, or by query with its name (the best search match is used). "
                    + "Books have no recommendations.",
            ArgumentSchema.object()
                    .choice("mediaType", "movie or series; required with id.", ArgumentChecks.SCREEN_TYPES, false)
                    .text("id", "The title's id from search_media results, e.g. \"438631\".", ArgumentChecks.MAX_ID, false)
                    .text("query", "The title's name, e.g. \"Dune\", when you have no id.", ArgumentChecks.MAX_QUERY, false)
                    .build(),
            false);

    private final Discovery discovery;
    private final TitleSearch search;

    RecommendSimilarTool(Discovery discovery, TitleSearch search) {
        super(DEFINITION, Arguments.class);
        this.discovery = discovery;
        this.search = search;
    }

    @Override
    public ToolResult run(Call<Arguments> call) {
        Arguments asked = call.arguments();
        Messages.Texts texts = call.texts();
        TitleType type;
        TitleIds ids;
        Optional<String> matchedForm = Optional.empty();
        if (asked.id() != null) {
            type = asked.type().orElseThrow();
            ids = ArgumentChecks.titleIds(type, "id", asked.id());
        } else {
            TitleSearch.Outcome found = search.find(asked.query(), asked.type(), OptionalInt.empty(), texts.language().locale());
            if (!found.answered()) {
                throw new MetadataFailure(found.problems().getFirst(), null).refusal(texts);
            }
            Discovery.Card best = found.cards().stream().filter(card -> card.title().type() != TitleType.BOOK).findFirst()
                    .orElseThrow(() -> ToolRefusal.notFound("query", "tools.recommend.no_title", asked.query()));
            type = best.title().type();
            ids = best.title().ids();
            matchedForm = found.matchedForm();
        }
        TitleType seedType = type;
        TitleIds seedIds = ids;
        Discovery.TitlePage page = MediaDetailsTool.answered(texts, () -> discovery.title(call.who(), seedType, seedIds,
                texts.language().locale())).orElseThrow(() -> ToolRefusal.notFound("id", "tools.title.not_found",
                TitleAddress.segment(seedType), TitleAddress.id(seedType, seedIds)));

        Set<String> seen = new HashSet<>();
        seen.add(TitleAddress.href(page.details().title()));
        List<Discovery.Card> recommended = distinct(page.recommendations(), seen);
        List<Discovery.Card> similar = distinct(page.similar(), seen);
        ObjectNode structured = ToolViews.NODES.objectNode();
        structured.set("basedOn", ToolViews.title(page.details().title(), page.availability()));
        structured.put("matchedForm", matchedForm.orElse(null));
        structured.set("recommendations", list(recommended));
        structured.set("similar", list(similar));
        structured.set("problems", ToolViews.problems(page.problems(), texts));
        List<Discovery.Card> all = Stream.concat(recommended.stream(), similar.stream()).toList();
        List<ToolCard> cards = all.stream().limit(MAX_PER_LIST).map(card -> ToolViews.titleCard(card.title(), card.availability(), texts)).toList();
        String seed = ToolViews.named(page.details().title());
        String summary = all.isEmpty() ? texts.get("tools.recommend.similar_none", seed)
                : texts.get("tools.recommend.similar", seed, names(all, texts));
        return new ToolResult(structured, summary, cards);
    }

    /** The cards not shown yet (by their page address), at most {@link #MAX_PER_LIST}. */
    static List<Discovery.Card> distinct(List<Discovery.Card> cards, Set<String> seen) {
        List<Discovery.Card> kept = new ArrayList<>();
        for (Discovery.Card card : cards) {
            if (kept.size() < MAX_PER_LIST && seen.add(TitleAddress.href(card.title()))) {
                kept.add(card);
            }
        }
        return kept;
    }

    static ArrayNode list(List<Discovery.Card> cards) {
        ArrayNode list = ToolViews.NODES.arrayNode();
        for (Discovery.Card card : cards) {
            ObjectNode view = ToolViews.title(card.title(), card.availability());
            view.put("alreadyAvailable", ToolViews.available(card.availability()));
            list.add(view);
        }
        return list;
    }

    /** "Dune: Part Two (2024, available), Blade Runner 2049 (2017)": the first five. */
    static String names(List<Discovery.Card> cards, Messages.Texts texts) {
        return String.join(", ", cards.stream().limit(5).map(card -> ToolViews.available(card.availability())
                ? texts.get("tools.recommend.available_marker", ToolViews.named(card.title())) : ToolViews.named(card.title())).toList());
    }
}
