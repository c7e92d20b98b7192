package dev.medianest.channels.web;

import dev.medianest.features.catalog.TitleAddress;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.catalog.MetadataFailure;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.Discovery;
import dev.medianest.features.requests.RequestOptions;
import dev.medianest.features.requests.RequestState;
import dev.medianest.features.requests.Requests;
import dev.medianest.features.requests.SeasonChoice;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Messages;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Discover page (charts and search-as-you-type) and the title page with its request form.
 * Every page works without JavaScript: the search form is a plain GET of {@code /discover}, the
 * request form a plain POST that renders the page again with the outcome. With htmx, the search
 * swaps in {@code /discover/search} as one types, and the request form swaps in its outcome.
 */
final class DiscoverPages {

    private final Pages pages;
    private final Discovery discovery;

    DiscoverPages(Pages pages, Discovery discovery) {
        this.pages = pages;
        this.discovery = discovery;
    }

    void discover(Context ctx) {
        Locale language = language(ctx);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("front", discovery.front(language));
        String query = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        String type = typeParam(ctx);
        params.put("query", query);
        params.put("type", type);
        putResults(ctx, params, query, type);
        pages.render(ctx, "discover.jte", params);
    }

    /** The results part alone, for htmx; the address bar follows the words so a reload or a shared link shows the same. */
    void search(Context ctx) {
        String query = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        String type = typeParam(ctx);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("query", query);
        params.put("type", type);
        putResults(ctx, params, query, type);
        ctx.header("HX-Replace-Url", query.isEmpty() ? "/discover" : "/discover?q=" + java.net.URLEncoder.encode(query,
                java.nio.charset.StandardCharsets.UTF_8) + (type.isEmpty() ? "" : "&type=" + type));
        pages.renderFragment(ctx, "discover_results.jte", params);
    }

    void title(Context ctx) {
        show(ctx, Map.of(), null, null, Map.of(), 200);
    }

    /** The request form's POST: asks for the title and shows the outcome in place of the form, keeping what was chosen. */
    void request(Context ctx) {
        TitleType type = type(ctx);
        TitleIds ids = ids(ctx, type);
        Principal who = dev.medianest.channels.web.RequestState.of(ctx).requirePrincipal();
        Messages.Texts texts = texts(ctx);
        Map<String, String> form = formValues(ctx);
        String outcome;
        String message;
        Map<String, String> errors = new LinkedHashMap<>();
        int status = 200;
        try {
            Requests.Submitted submitted = discovery.request(who, type, ids, texts.language().locale(), "4k".equals(form.get("quality")),
                    seasons(ctx, type, form), options(ctx, form));
            outcome = submitted.joined() ? "joined" : "created";
            message = submitted.joined() ? texts.get("discover.request.joined")
                    : submitted.request().state() == RequestState.PENDING ? texts.get("discover.request.created_pending")
                    : texts.get("discover.request.created_approved");
        } catch (AppException refused) {
            outcome = "error";
            message = texts.get(refused.code().messageKey(), refused.args());
            refused.details().forEach((field, key) -> errors.put(field, texts.get(key)));
            status = ApiErrors.status(refused.code());
        } catch (MetadataFailure failure) {
            outcome = "error";
            message = pages.context(ctx).problem(failure.problem());
            status = 502;
        }
        if (ctx.header("HX-Request") != null) {
            // htmx swaps only 2xx answers: the outcome, good or bad, arrives as one.
            Map<String, Object> params = titleParams(ctx, type, ids);
            params.put("form", form);
            params.put("outcome", outcome);
            params.put("outcomeMessage", message);
            params.put("errors", errors);
            params.put("swapBadges", true);
            pages.renderFragment(ctx, "request_form.jte", params);
            return;
        }
        show(ctx, form, outcome, message, errors, status);
    }

    /** The advanced options' live lists for one instance; htmx swaps them in when the options open or the instance changes. */
    void options(Context ctx) {
        TitleType type = type(ctx);
        Principal who = dev.medianest.channels.web.RequestState.of(ctx).requirePrincipal();
        long serviceId;
        try {
            serviceId = Long.parseLong(Optional.ofNullable(ctx.queryParam("serviceId")).orElse("").strip());
        } catch (NumberFormatException e) {
            throw AppException.invalid("serviceId", "discover.error.instance");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lists", discovery.options(who, type, serviceId));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("qualityProfileId", Optional.ofNullable(ctx.queryParam("qualityProfileId")).orElse(""));
        form.put("rootFolder", Optional.ofNullable(ctx.queryParam("rootFolder")).orElse(""));
        form.put("tags", String.join(",", ctx.queryParams("tag")));
        params.put("form", form);
        pages.renderFragment(ctx, "request_options.jte", params);
    }

    private void show(Context ctx, Map<String, String> form, String outcome, String message, Map<String, String> errors, int status) {
        TitleType type = type(ctx);
        Map<String, Object> params = titleParams(ctx, type, ids(ctx, type));
        params.put("form", form);
        params.put("outcome", outcome);
        params.put("outcomeMessage", message);
        params.put("errors", errors);
        params.put("swapBadges", false);
        ctx.status(status);
        pages.render(ctx, "title.jte", params);
    }

    private Map<String, Object> titleParams(Context ctx, TitleType type, TitleIds ids) {
        Principal who = dev.medianest.channels.web.RequestState.of(ctx).requirePrincipal();
        Discovery.TitlePage title;
        try {
            title = discovery.title(who, type, ids, language(ctx)).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        } catch (MetadataFailure failure) {
            throw failure.refusal(texts(ctx));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("title", title);
        params.put("action", "/title/" + TitleAddress.segment(type) + "/" + TitleAddress.id(type, title.details().title().ids()));
        return params;
    }

    private void putResults(Context ctx, Map<String, Object> params, String query, String type) {
        params.put("found", null);
        params.put("searchError", null);
        if (query.isEmpty()) {
            return;
        }
        try {
            params.put("found", discovery.search(query, TitleAddress.type(type), language(ctx)));
        } catch (AppException refused) {
            params.put("searchError", texts(ctx).get(refused.details().values().stream().findFirst().orElse(refused.code().messageKey()),
                    refused.args()));
        }
    }

    static TitleType type(Context ctx) {
        return TitleAddress.type(ctx.pathParam("type")).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
    }

    static TitleIds ids(Context ctx, TitleType type) {
        return TitleAddress.ids(type, ctx.pathParam("id")).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
    }

    private static String typeParam(Context ctx) {
        String type = Optional.ofNullable(ctx.queryParam("type")).orElse("");
        return TitleAddress.type(type).isPresent() ? type : "";
    }

    private static Locale language(Context ctx) {
        return texts(ctx).language().locale();
    }

    private static Messages.Texts texts(Context ctx) {
        return dev.medianest.channels.web.RequestState.of(ctx).texts;
    }

    /** What the form sent, as text, to fill it in again. */
    private static Map<String, String> formValues(Context ctx) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String name : List.of("quality", "seasons", "serviceId", "qualityProfileId", "rootFolder")) {
            form.put(name, Optional.ofNullable(ctx.formParam(name)).orElse("").strip());
        }
        form.put("season", String.join(",", ctx.formParams("season")));
        form.put("tags", String.join(",", ctx.formParams("tag")));
        return form;
    }

    /** All seasons unless the form says otherwise; ticked seasons mean "these" even when the mode was left alone. */
    private static SeasonChoice seasons(Context ctx, TitleType type, Map<String, String> form) {
        if (type != TitleType.SERIES) {
            return SeasonChoice.all();
        }
        Set<Integer> chosen = numbers(ctx.formParams("season"), "season", SeasonChoice.MAX_SEASON);
        return switch (form.get("seasons")) {
            case "future" -> SeasonChoice.future();
            case "chosen" -> {
                if (chosen.isEmpty()) {
                    throw AppException.invalid("season", "discover.error.choose_season");
                }
                yield SeasonChoice.of(chosen);
            }
            case "all" -> SeasonChoice.all();
            default -> chosen.isEmpty() ? SeasonChoice.all() : SeasonChoice.of(chosen);
        };
    }

    private static RequestOptions options(Context ctx, Map<String, String> form) {
        Optional<Long> serviceId = Optional.of(form.get("serviceId")).filter(text -> !text.isEmpty()).map(text -> {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw AppException.invalid("serviceId", "discover.error.instance");
            }
        });
        Optional<Integer> profile = numbers(Optional.of(form.get("qualityProfileId")).filter(text -> !text.isEmpty()).stream().toList(),
                "qualityProfileId", Integer.MAX_VALUE).stream().findFirst();
        Set<Integer> tags = numbers(ctx.formParams("tag"), "tag", Integer.MAX_VALUE);
        try {
            return new RequestOptions(serviceId, profile, Optional.of(form.get("rootFolder")), tags);
        } catch (IllegalArgumentException invalid) {
            throw AppException.invalid("options", "discover.error.options");
        }
    }

    private static Set<Integer> numbers(List<String> values, String field, int max) {
        try {
            Set<Integer> numbers = new TreeSet<>();
            for (String value : values) {
                long number = Long.parseLong(value.strip());
                if (number < 0 || number > max) {
                    throw new NumberFormatException(value);
                }
                numbers.add((int) number);
            }
            return numbers;
        } catch (NumberFormatException e) {
            throw AppException.invalid(field, "discover.error.options");
        }
    }
}
