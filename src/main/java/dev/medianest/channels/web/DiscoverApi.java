package dev.medianest.channels.web;

import dev.medianest.features.catalog.TitleAddress;
import dev.medianest.features.catalog.MetadataFailure;
import dev.medianest.features.catalog.Title;
import dev.medianest.features.catalog.TitleDetails;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.Discovery;
import dev.medianest.features.requests.TitleAvailability;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Messages;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /api/v1/discover/{chart}}, {@code /api/v1/search} and {@code /api/v1/titles/{type}/{id}}:
 * what the Discover and title pages show, for scripts and other front ends, in the caller's language.
 */
final class DiscoverApi {

    private final Discovery discovery;

    DiscoverApi(Discovery discovery) {
        this.discovery = discovery;
    }

    void chart(Context ctx) {
        Discovery.Chart chart = Discovery.Chart.fromWireName(ctx.pathParam("chart")).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        TitleType type = typeParam(ctx).orElse(TitleType.MOVIE);
        Messages.Texts texts = texts(ctx);
        Discovery.Shelf shelf = answered(texts, () -> discovery.chart(chart, type, texts.language().locale()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chart", chart.wireName());
        body.put("type", TitleAddress.segment(type));
        body.put("results", shelf.cards().stream().map(DiscoverApi::card).toList());
        body.put("problems", shelf.problem().stream().map(problem -> Views.problem(problem, texts)).toList());
        ctx.json(body);
    }

    void search(Context ctx) {
        Messages.Texts texts = texts(ctx);
        String query = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        Discovery.Found found = answered(texts, () -> discovery.search(query, typeParam(ctx), texts.language().locale()));
        if (!found.answered()) {
            // Every source asked failed: that is the answer's failure, not an empty result.
            ServiceProblem first = found.problems().getFirst();
            throw new MetadataFailure(first, null).refusal(texts);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", found.query());
        body.put("results", found.cards().stream().map(DiscoverApi::card).toList());
        body.put("problems", found.problems().stream().map(problem -> Views.problem(problem, texts)).toList());
        ctx.json(body);
    }

    void title(Context ctx) {
        TitleType type = DiscoverPages.type(ctx);
        TitleIds ids = DiscoverPages.ids(ctx, type);
        Messages.Texts texts = texts(ctx);
        Discovery.TitlePage page = answered(texts, () -> discovery.title(RequestState.of(ctx).requirePrincipal(), type, ids,
                texts.language().locale())).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        TitleDetails details = page.details();
        Map<String, Object> body = summary(details.title());
        body.put("availability", availability(page.availability()));
        body.put("runtimeMinutes", details.runtimeMinutes().isPresent() ? details.runtimeMinutes().getAsInt() : null);
        body.put("certification", details.certification().orElse(null));
        body.put("cast", details.people());
        body.put("makers", details.makers());
        body.put("trailer", details.trailer().map(Object::toString).orElse(null));
        body.put("seasons", details.seasonDetails().stream().map(season -> season(season, page.availability().season(season.number()))).toList());
        body.put("recommendations", page.recommendations().stream().map(DiscoverApi::card).toList());
        body.put("similar", page.similar().stream().map(DiscoverApi::card).toList());
        body.put("request", choices(page.choices(), type, texts));
        body.put("problems", page.problems().stream().map(problem -> Views.problem(problem, texts)).toList());
        ctx.json(body);
    }

    private static <T> T answered(Messages.Texts texts, Supplier<T> call) {
        try {
            return call.get();
        } catch (MetadataFailure failure) {
            throw failure.refusal(texts);
        }
    }

    private static Optional<TitleType> typeParam(Context ctx) {
        String given = ctx.queryParam("type");
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(TitleAddress.type(given.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> AppException.invalid("type", "discover.error.type")));
    }

    static Map<String, Object> card(Discovery.Card card) {
        Map<String, Object> view = summary(card.title());
        view.put("availability", availability(card.availability()));
        return view;
    }

    private static Map<String, Object> summary(Title title) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", TitleAddress.segment(title.type()));
        view.put("id", TitleAddress.id(title.type(), title.ids()));
        view.put("ids", ids(title.ids()));
        view.put("title", title.title());
        view.put("originalTitle", title.originalTitle());
        view.put("year", title.year().isPresent() ? title.year().getAsInt() : null);
        view.put("overview", title.overview());
        view.put("poster", title.poster().map(Object::toString).orElse(null));
        view.put("rating", title.rating().isPresent() ? title.rating().getAsDouble() : null);
        view.put("genres", title.genres());
        return view;
    }

    private static Map<String, Object> ids(TitleIds ids) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tmdb", ids.tmdb().isPresent() ? ids.tmdb().getAsInt() : null);
        view.put("tvdb", ids.tvdb().isPresent() ? ids.tvdb().getAsInt() : null);
        view.put("imdb", ids.imdb().orElse(null));
        view.put("goodreads", ids.goodreads().isPresent() ? ids.goodreads().getAsInt() : null);
        return view;
    }

    private static Map<String, Object> availability(TitleAvailability availability) {
        return Map.of("hd", availability.hd().wireName(), "fourK", availability.fourK().wireName());
    }

    private static Map<String, Object> season(TitleDetails.Season season, TitleAvailability.SeasonAvailability availability) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("number", season.number());
        view.put("name", season.name());
        view.put("episodeCount", season.episodeCount().isPresent() ? season.episodeCount().getAsInt() : null);
        view.put("airDate", season.airDate().map(Object::toString).orElse(null));
        view.put("availability", Map.of("hd", availability.hd().wireName(), "fourK", availability.fourK().wireName()));
        view.put("episodesWithFiles", availability.episodesWithFiles().isPresent() ? availability.episodesWithFiles().getAsInt() : null);
        view.put("episodesWanted", availability.episodesWanted().isPresent() ? availability.episodesWanted().getAsInt() : null);
        return view;
    }

    private static Map<String, Object> choices(Discovery.RequestChoices choices, TitleType type, Messages.Texts texts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("allowed", choices.blocked().isEmpty());
        view.put("blocked", choices.blocked().map(problem -> Views.problem(problem, texts)).orElse(null));
        view.put("hd", choices.hd());
        view.put("fourK", choices.fourK());
        view.put("seasons", type == TitleType.SERIES);
        view.put("advanced", choices.advanced());
        view.put("instances", choices.instances().stream().map(instance -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", instance.id());
            one.put("name", instance.name());
            one.put("fourK", instance.fourK());
            one.put("preferred", instance.preferred());
            return one;
        }).toList());
        return view;
    }

    private static Messages.Texts texts(Context ctx) {
        return RequestState.of(ctx).texts;
    }
}
