package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.catalog.MetadataFailure;
import dev.medianest.features.catalog.TitleDetails;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.Discovery;
import dev.medianest.features.requests.TitleAvailability;
import dev.medianest.platform.i18n.Messages;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code media_details}: one title as its page shows it, with what the household has of it and what the caller may request. */
final class MediaDetailsTool extends DefinedTool<MediaDetailsTool.Arguments> {

    /**
     * @param mediaType movie, series or book
     * @param id        the title's id from search_media ("438631", "tvdb-269613")
     */
    record Arguments(String mediaType, String id) {
        Arguments {
            ArgumentChecks.titleIds(ArgumentChecks.mediaType("mediaType", mediaType), "id", id);
        }

        TitleType type() {
            return ArgumentChecks.mediaType("mediaType", mediaType);
        }

        TitleIds ids() {
            return ArgumentChecks.titleIds(type(), "id", id);
        }
    }

    private static final ToolDefinition DEFINITION = new ToolDefinition("media_details",
            "Gives everything known about one title: overview, runtime, genres, cast, rating, and for a series each season with its "
                    + "episode count and availability; also whether the caller may request it in HD or 4K. Use it when the person asks "
                    + "about a title (\"what is Dune about\", \"how many seasons does Fargo have\"). mediaType and id come from "
                    + "search_media results.",
            ArgumentSchema.object()
                    .title()
                    .build(),
            false);

    private final Discovery discovery;

    MediaDetailsTool(Discovery discovery) {
        super(DEFINITION, Arguments.class);
        this.discovery = discovery;
    }

    @Override
    public ToolResult run(Call<Arguments> call) {
        Arguments asked = call.arguments();
        Messages.Texts texts = call.texts();
        Discovery.TitlePage page = answered(texts, () -> discovery.title(call.who(), asked.type(), asked.ids(), texts.language().locale()))
                .orElseThrow(() -> ToolRefusal.notFound("id", "tools.title.not_found", asked.mediaType(), asked.id()));
        TitleDetails details = page.details();
        ObjectNode structured = ToolViews.title(details.title(), page.availability());
        structured.put("overview", details.title().overview());
        ArrayNode genres = structured.putArray("genres");
        details.title().genres().forEach(genres::add);
        ToolViews.putInt(structured, "runtimeMinutes", details.runtimeMinutes());
        structured.put("certification", details.certification().orElse(null));
        ArrayNode cast = structured.putArray("cast");
        details.people().forEach(cast::add);
        ArrayNode makers = structured.putArray("makers");
        details.makers().forEach(makers::add);
        structured.put("trailer", details.trailer().map(URI::toString).orElse(null));
        ArrayNode seasons = structured.putArray("seasons");
        for (TitleDetails.Season season : details.seasonDetails()) {
            TitleAvailability.SeasonAvailability availability = page.availability().season(season.number());
            ObjectNode view = seasons.addObject();
            view.put("number", season.number());
            view.put("name", season.name());
            ToolViews.putInt(view, "episodeCount", season.episodeCount());
            view.put("airDate", season.airDate().map(Object::toString).orElse(null));
            view.put("hd", availability.hd().wireName());
            view.put("fourK", availability.fourK().wireName());
            ToolViews.putInt(view, "episodesWithFiles", availability.episodesWithFiles());
        }
        ObjectNode request = structured.putObject("request");
        Discovery.RequestChoices choices = page.choices();
        request.put("allowed", choices.blocked().isEmpty());
        request.put("hd", choices.blocked().isEmpty() && choices.hd());
        request.put("fourK", choices.blocked().isEmpty() && choices.fourK());
        request.put("blockedReason", choices.blocked().map(problem -> ToolViews.problemText(problem, texts)).orElse(null));
        structured.set("problems", ToolViews.problems(page.problems(), texts));
        return new ToolResult(structured, summary(details, page.availability(), texts),
                List.of(ToolViews.titleCard(details.title(), page.availability(), texts)));
    }

    private static String summary(TitleDetails details, TitleAvailability availability, Messages.Texts texts) {
        List<String> parts = new ArrayList<>();
        parts.add(ToolViews.named(details.title()));
        details.runtimeMinutes().ifPresent(minutes -> parts.add(texts.get("tools.details.runtime", minutes)));
        if (!details.seasonDetails().isEmpty()) {
            parts.add(texts.get("tools.details.seasons", details.seasonDetails().size()));
        }
        if (!details.title().genres().isEmpty()) {
            parts.add(String.join(", ", details.title().genres().stream().limit(3).toList()));
        }
        List<String> badges = ToolViews.badges(availability, texts);
        parts.add(badges.isEmpty() ? texts.get("discover.availability.not_requested") : String.join(", ", badges));
        return String.join(" · ", parts);
    }

    /**
     * A metadata source that cannot answer is the call's failure, told as the web's title API tells
     * it: the source's name and its own reason.
     */
    static <T> T answered(Messages.Texts texts, Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (MetadataFailure failure) {
            throw failure.refusal(texts);
        }
    }
}
