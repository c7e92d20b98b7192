package dev.medianest.channels.web;

import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.accounts.User;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestListView;
import dev.medianest.features.requests.Requests;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.i18n.Messages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Requests page (one's own requests, and everyone's for managers) and a request's own page
 * with its timeline. Actions are plain forms that come back to the page they were sent from; a
 * refused action shows that page again with the reason.
 */
final class RequestPages {

    /** Where a form may send the browser back to: the list with its view, or one request. */
    private static final Pattern RETURN = Pattern.compile("/requests(?:/([0-9]{1,18}))?(?:\\?([A-Za-z0-9=&%._+-]*))?");
    private static final Set<String> DONE = Set.of("approved", "declined", "cancelled");

    private final Pages pages;
    private final Requests requests;
    private final Accounts accounts;

    RequestPages(Pages pages, Requests requests, Accounts accounts) {
        this.pages = pages;
        this.requests = requests;
        this.accounts = accounts;
    }

    void list(Context ctx) {
        showList(ctx, ctx::queryParam, Map.of(), done(ctx), List.of());
    }

    void detail(Context ctx) {
        showDetail(ctx, UserApi.id(ctx), Map.of(), done(ctx));
    }

    /** The line saying what the action that led here did ({@code ?done=approved}), or null. */
    private static String done(Context ctx) {
        Messages.Texts texts = RequestState.of(ctx).texts;
        return Optional.ofNullable(ctx.queryParam("done")).filter(DONE::contains).map(key -> texts.get("requestpage.done." + key)).orElse(null);
    }

    void approve(Context ctx) {
        act(ctx, "approved", (who, id) -> requests.approve(who, id, Optional.empty()));
    }

    void decline(Context ctx) {
        Optional<String> reason = Optional.ofNullable(ctx.formParam("reason"));
        act(ctx, "declined", (who, id) -> requests.decline(who, id, reason));
    }

    void cancel(Context ctx) {
        act(ctx, "cancelled", requests::cancel);
    }

    /** Approves or declines the ticked requests; the page then names each one that could not be changed, and why. */
    void bulk(Context ctx) {
        Principal who = principal(ctx);
        Messages.Texts texts = RequestState.of(ctx).texts;
        Back back = back(ctx);
        List<Long> ids = new ArrayList<>();
        for (String given : ctx.formParams("ids")) {
            try {
                ids.add(Long.parseLong(given.strip()));
            } catch (NumberFormatException ignored) {
                // a box the page did not make; the others still count
            }
        }
        boolean approve = "approve".equals(ctx.formParam("action"));
        Optional<String> reason = Optional.ofNullable(ctx.formParam("reason"));
        try {
            List<Requests.BulkResult> results = approve ? requests.approveAll(who, ids) : requests.declineAll(who, ids, reason);
            List<String> failures = new ArrayList<>();
            int changed = 0;
            for (Requests.BulkResult result : results) {
                if (result.error().isPresent()) {
                    AppException error = result.error().get();
                    String title = titleOf(who, result.id()).orElse("#" + result.id());
                    failures.add(texts.get("requestpage.bulk.failure", title, texts.get(error.code().messageKey(), error.args())));
                } else {
                    changed++;
                }
            }
            String done = texts.get(approve ? "requestpage.bulk.approved" : "requestpage.bulk.declined", changed);
            showList(ctx, back.query(), Map.of(), done, failures);
        } catch (AppException refused) {
            ctx.status(ApiErrors.status(refused.code()));
            showList(ctx, back.query(), FormErrors.of(refused, texts), null, List.of());
        }
    }

    @FunctionalInterface
    private interface Action {
        MediaRequest apply(Principal who, long id);
    }

    private void act(Context ctx, String done, Action action) {
        Principal who = principal(ctx);
        long id = UserApi.id(ctx);
        Back back = back(ctx);
        try {
            if (!Requests.manages(who)) {
                // Someone else's request does not exist for a member, whatever they try on it.
                requests.get(who, id);
            }
            action.apply(who, id);
            String separator = back.address().contains("?") ? "&" : "?";
            ctx.redirect(back.address() + separator + "done=" + done + "#request-" + id, HttpStatus.SEE_OTHER);
        } catch (AppException refused) {
            ctx.status(ApiErrors.status(refused.code()));
            Map<String, String> errors = FormErrors.of(refused, RequestState.of(ctx).texts);
            if (back.detail().isPresent()) {
                showDetail(ctx, back.detail().get(), errors, null);
            } else {
                showList(ctx, back.query(), errors, null, List.of());
            }
        }
    }

    private Optional<String> titleOf(Principal who, long id) {
        try {
            return Optional.of(requests.get(who, id).title().display());
        } catch (AppException unseen) {
            return Optional.empty();
        }
    }

    /** The page a form came from, checked so a crafted form cannot send the browser elsewhere. */
    private record Back(String address, Optional<Long> detail, UnaryOperator<String> query) {
    }

    private static Back back(Context ctx) {
        String given = Optional.ofNullable(ctx.formParam("return")).orElse("/requests");
        Matcher matcher = RETURN.matcher(given);
        if (!matcher.matches()) {
            return new Back("/requests", Optional.empty(), name -> null);
        }
        Optional<Long> detail = Optional.ofNullable(matcher.group(1)).map(Long::parseLong);
        Map<String, String> params = new HashMap<>();
        if (matcher.group(2) != null) {
            for (String pair : matcher.group(2).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    params.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return new Back(given, detail, params::get);
    }

    private void showList(Context ctx, UnaryOperator<String> query, Map<String, String> errors, String done, List<String> bulkFailures) {
        Principal who = principal(ctx);
        boolean manages = Requests.manages(who);
        RequestListView view = RequestListView.of(query, manages);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("view", view);
        params.put("list", requests.list(who, view.filter(who.user().id())));
        params.put("manages", manages);
        params.put("viewerId", who.user().id());
        params.put("quota", requests.quota(who.user().id()));
        params.put("users", manages ? accounts.list() : List.<User>of());
        params.put("errors", errors);
        params.put("done", done);
        params.put("bulkFailures", bulkFailures);
        pages.render(ctx, "requests.jte", params);
    }

    private void showDetail(Context ctx, long id, Map<String, String> errors, String done) {
        Principal who = principal(ctx);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("request", requests.get(who, id));
        params.put("timeline", requests.timeline(who, id));
        params.put("manages", Requests.manages(who));
        params.put("viewerId", who.user().id());
        params.put("errors", errors);
        params.put("done", done);
        pages.render(ctx, "request.jte", params);
    }

    private static Principal principal(Context ctx) {
        return RequestState.of(ctx).requirePrincipal();
    }
}
