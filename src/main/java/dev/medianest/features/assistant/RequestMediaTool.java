package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.Discovery;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestOptions;
import dev.medianest.features.requests.RequestState;
import dev.medianest.features.requests.Requests;
import dev.medianest.features.requests.SeasonChoice;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Messages;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code request_media}: asks for a title exactly as the request button of its web page does, so
 * permissions, quotas, joining an open request for the same title and routing to the HD or 4K
 * instance all apply.
 */
final class RequestMediaTool extends DefinedTool<RequestMediaTool.Arguments> {

    static final List<String> QUALITIES = List.of("2160p", "1080p", "720p");
    static final int MAX_TAGS = 20;

    /**
     * @param quality          2160p asks the 4K instance; 1080p and 720p (or nothing) the ordinary one
     * @param seasons          for a series: season numbers from 1, or "all" or "future"; every season when absent
     * @param serviceId        advanced: the instance to send it to
     * @param qualityProfileId advanced: the instance's quality profile
     * @param rootFolder       advanced: the instance's root folder
     * @param tags             advanced: the instance's tag ids
     */
    record Arguments(String mediaType, String id, String quality, JsonNode seasons, Long serviceId, Integer qualityProfileId,
                     String rootFolder, List<Integer> tags) {
        Arguments {
            TitleType type = ArgumentChecks.mediaType("mediaType", mediaType);
            ArgumentChecks.titleIds(type, "id", id);
            if (quality != null && !QUALITIES.contains(quality.strip().toLowerCase(Locale.ROOT))) {
                throw new InvalidArgument("quality", "tools.argument.one_of", String.join(", ", QUALITIES));
            }
            quality = quality == null ? null : quality.strip().toLowerCase(Locale.ROOT);
            if (type == TitleType.BOOK && "2160p".equals(quality)) {
                throw new InvalidArgument("quality", "tools.argument.book_4k");
            }
            seasons = seasons == null || seasons.isNull() ? null : seasons;
            if (seasons != null && type != TitleType.SERIES) {
                throw new InvalidArgument("seasons", "tools.argument.seasons_series_only");
            }
            seasonChoice(seasons);
            if (serviceId != null && serviceId < 1 || qualityProfileId != null && qualityProfileId < 1) {
                throw new InvalidArgument(serviceId != null && serviceId < 1 ? "serviceId" : "qualityProfileId", "tools.argument.positive");
            }
            rootFolder = ArgumentChecks.optionalText("rootFolder", rootFolder, 1024).orElse(null);
            if (rootFolder != null && rootFolder.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidArgument("rootFolder", "tools.argument.printable");
            }
            tags = tags == null ? null : List.copyOf(tags);
            if (tags != null && (tags.size() > MAX_TAGS || tags.stream().anyMatch(tag -> tag == null || tag < 1))) {
                throw new InvalidArgument("tags", "tools.argument.tags", MAX_TAGS);
            }
        }

        TitleType type() {
            return ArgumentChecks.mediaType("mediaType", mediaType);
        }

        TitleIds ids() {
            return ArgumentChecks.titleIds(type(), "id", id);
        }

        boolean fourK() {
            return "2160p".equals(quality);
        }

        SeasonChoice seasonChoice() {
            return seasonChoice(seasons);
        }

        RequestOptions options() {
            return new RequestOptions(Optional.ofNullable(serviceId), Optional.ofNullable(qualityProfileId), Optional.ofNullable(rootFolder),
                    tags == null ? Set.of() : new HashSet<>(tags));
        }

        private static SeasonChoice seasonChoice(JsonNode seasons) {
            if (seasons == null) {
                return SeasonChoice.all();
            }
            if (seasons.isTextual()) {
                return switch (seasons.asText().strip().toLowerCase(Locale.ROOT)) {
                    case "all" -> SeasonChoice.all();
                    case "future" -> SeasonChoice.future();
                    default -> throw new InvalidArgument("seasons", "tools.argument.seasons", SeasonChoice.MAX_SEASON);
                };
            }
            if (!seasons.isArray() || seasons.isEmpty()) {
                throw new InvalidArgument("seasons", "tools.argument.seasons", SeasonChoice.MAX_SEASON);
            }
            TreeSet<Integer> numbers = new TreeSet<>();
            for (JsonNode season : seasons) {
                if (!season.isIntegralNumber() || !season.canConvertToInt() || season.asInt() < 1 || season.asInt() > SeasonChoice.MAX_SEASON) {
                    throw new InvalidArgument("seasons", "tools.argument.seasons", SeasonChoice.MAX_SEASON);
                }
                numbers.add(season.asInt());
            }
            return SeasonChoice.of(numbers);
        }
    }

    private static final ToolDefinition DEFINITION = new ToolDefinition("request_media",
            "Requests a movie, series or book, exactly like the Request button on the title's web page: it goes to an admin for "
                    + "approval unless the caller may skip it, counts against the caller's quota, and joins an existing request for the "
                    + "same title instead of adding a second one. Use it when the person asks to download, get or add a title. mediaType "
                    + "and id come from search_media results (search first when you only have a name). quality 2160p asks for the 4K "
                    + "edition (needs the request_4k permission and a 4K instance). The advanced fields (serviceId, qualityProfileId, "
                    + "rootFolder, tags) are only for admins and holders of request_advanced; leave them out unless the person names "
                    + "them. The person should confirm before you call this.",
            ArgumentSchema.object()
                    .title()
                    .choice("quality", "2160p for the 4K edition; 1080p or 720p (or omitted) for the ordinary HD one.", QUALITIES, false)
                    .property("seasons", seasonsSchema(), false)
                    .id("serviceId", "Advanced: the id of the Radarr/Sonarr/Readarr instance to use.", false)
                    .id("qualityProfileId", "Advanced: the instance's quality profile id.", false)
                    .text("rootFolder", "Advanced: the instance's root folder path, e.g. \"/movies\".", 1024, false)
                    .property("tags", tagsSchema(), false)
                    .build(),
            true);

    private static ObjectNode seasonsSchema() {
        ObjectNode schema = ToolViews.NODES.objectNode();
        schema.put("description", "Series only: which seasons. A list of season numbers (from 1), or \"all\" for every season, or "
                + "\"future\" for only seasons still to come. Every season when omitted.");
        ArrayNode anyOf = schema.putArray("anyOf");
        ObjectNode numbers = anyOf.addObject().put("type", "array").put("minItems", 1).put("uniqueItems", true);
        numbers.putObject("items").put("type", "integer").put("minimum", 1).put("maximum", SeasonChoice.MAX_SEASON);
        anyOf.add(ArgumentSchema.choiceSchema("Every season, or only the seasons still to come.", List.of("all", "future")));
        return schema;
    }

    private static ObjectNode tagsSchema() {
        ObjectNode schema = ToolViews.NODES.objectNode().put("type", "array").put("description", "Advanced: the instance's tag ids.")
                .put("maxItems", MAX_TAGS).put("uniqueItems", true);
        schema.putObject("items").put("type", "integer").put("minimum", 1);
        return schema;
    }

    private final Discovery discovery;

    RequestMediaTool(Discovery discovery) {
        super(DEFINITION, Arguments.class);
        this.discovery = discovery;
    }

    @Override
    public ToolResult run(Call<Arguments> call) {
        Arguments asked = call.arguments();
        Messages.Texts texts = call.texts();
        Requests.Submitted submitted;
        try {
            submitted = MediaDetailsTool.answered(texts, () -> discovery.request(call.who(), asked.type(), asked.ids(),
                    texts.language().locale(), asked.fourK(), asked.seasonChoice(), asked.options()));
        } catch (AppException refused) {
            if (refused.code() == ErrorCode.NOT_FOUND) {
                throw ToolRefusal.notFound("id", "tools.title.not_found", asked.mediaType(), asked.id());
            }
            throw refused;
        }
        MediaRequest request = submitted.request();
        ObjectNode structured = ToolViews.NODES.objectNode();
        structured.put("requestId", request.id());
        structured.put("state", request.state().wireName());
        structured.put("joined", submitted.joined());
        structured.put("fourK", request.fourK());
        structured.set("request", ToolViews.request(request, texts));
        return new ToolResult(structured, summary(submitted, texts), List.of(ToolViews.requestCard(request, texts)));
    }

    private static String summary(Requests.Submitted submitted, Messages.Texts texts) {
        MediaRequest request = submitted.request();
        if (submitted.joined()) {
            return ToolViews.aboutRequest("tools.request.joined", request, texts, texts.get("request.state." + request.state().wireName()));
        }
        return ToolViews.aboutRequest(request.state() == RequestState.PENDING ? "tools.request.pending" : "tools.request.approved",
                request, texts);
    }
}
