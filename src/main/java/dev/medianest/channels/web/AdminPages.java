package dev.medianest.channels.web;

import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.features.accounts.User;
import dev.medianest.features.accounts.UserChanges;
import dev.medianest.features.requests.QuotaPolicy;
import dev.medianest.features.requests.Requests;
import dev.medianest.platform.errors.AppException;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Admin › Users: list, create, edit, disable, reset the password of, and delete accounts. */
final class AdminPages {

    private final Pages pages;
    private final Accounts accounts;
    private final Requests requests;

    AdminPages(Pages pages, Accounts accounts, Requests requests) {
        this.pages = pages;
        this.accounts = accounts;
        this.requests = requests;
    }

    void list(Context ctx) {
        showList(ctx, Map.of(), Map.of());
    }

    void create(Context ctx) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : List.of("username", "displayName", "role")) {
            form.put(field, Optional.ofNullable(ctx.formParam(field)).orElse(""));
        }
        try {
            Role role = "ADMIN".equals(ctx.formParam("role")) ? Role.ADMIN : Role.USER;
            User created = accounts.create(actor(ctx), new NewUser(ctx.formParam("username"), ctx.formParam("displayName"),
                    ctx.formParam("password"), role, permissions(ctx), true, Optional.empty()));
            ctx.redirect("/admin/users?notice=user_created#user-" + created.id());
        } catch (AppException failure) {
            ctx.status(ApiErrors.status(failure.code()));
            showList(ctx, FormErrors.of(failure, RequestState.of(ctx).texts), form);
        }
    }

    void edit(Context ctx) {
        showEdit(ctx, accounts.get(UserApi.id(ctx)), Map.of());
    }

    /** The person's own quota; an empty field falls back to the configured default. */
    void saveQuota(Context ctx) {
        User user = accounts.get(UserApi.id(ctx));
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Integer> movies = quotaField(ctx, "quotaMovies", 0, QuotaPolicy.MAX_LIMIT, "validation.quota.limit", typed, errors);
        Optional<Integer> seasons = quotaField(ctx, "quotaSeasons", 0, QuotaPolicy.MAX_LIMIT, "validation.quota.limit", typed, errors);
        Optional<Integer> books = quotaField(ctx, "quotaBooks", 0, QuotaPolicy.MAX_LIMIT, "validation.quota.limit", typed, errors);
        Optional<Integer> days = quotaField(ctx, "quotaDays", 1, QuotaPolicy.MAX_DAYS, "validation.quota.days", typed, errors);
        if (!errors.isEmpty()) {
            errors.put("form", RequestState.of(ctx).texts.get("requestpage.quota.form_invalid"));
            ctx.status(400);
            showEdit(ctx, user, errors, typed);
            return;
        }
        requests.setQuota(RequestState.of(ctx).requirePrincipal(), user.id(), new QuotaPolicy.Override(movies, seasons, books, days));
        ctx.redirect("/admin/users/" + user.id() + "?notice=quota_saved#quota-heading", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static Optional<Integer> quotaField(Context ctx, String name, int min, int max, String problem, Map<String, String> typed,
                                                Map<String, String> errors) {
        String given = Optional.ofNullable(ctx.formParam(name)).orElse("").strip();
        typed.put(name, given);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(given);
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(name, RequestState.of(ctx).texts.get(problem));
        return Optional.empty();
    }

    void update(Context ctx) {
        long id = UserApi.id(ctx);
        User current = accounts.get(id);
        try {
            Role role = "ADMIN".equals(ctx.formParam("role")) ? Role.ADMIN : Role.USER;
            accounts.update(actor(ctx), id, new UserChanges(Optional.ofNullable(ctx.formParam("displayName")), Optional.of(role),
                    Optional.of(permissions(ctx)), Optional.of("on".equals(ctx.formParam("disabled")))));
            ctx.redirect("/admin/users?notice=user_saved");
        } catch (AppException failure) {
            ctx.status(ApiErrors.status(failure.code()));
            showEdit(ctx, current, FormErrors.of(failure, RequestState.of(ctx).texts));
        }
    }

    void resetPassword(Context ctx) {
        long id = UserApi.id(ctx);
        User current = accounts.get(id);
        try {
            accounts.resetPassword(actor(ctx), id, Optional.ofNullable(ctx.formParam("newPassword")).orElse(""),
                    "on".equals(ctx.formParam("mustChangePassword")));
            ctx.redirect("/admin/users/" + id + "?notice=password_reset");
        } catch (AppException failure) {
            ctx.status(ApiErrors.status(failure.code()));
            showEdit(ctx, current, FormErrors.of(failure, RequestState.of(ctx).texts));
        }
    }

    void delete(Context ctx) {
        long id = UserApi.id(ctx);
        User current = accounts.get(id);
        try {
            accounts.delete(actor(ctx), id);
            ctx.redirect("/admin/users?notice=user_deleted");
        } catch (AppException failure) {
            ctx.status(ApiErrors.status(failure.code()));
            showEdit(ctx, current, FormErrors.of(failure, RequestState.of(ctx).texts));
        }
    }

    private void showList(Context ctx, Map<String, String> errors, Map<String, String> form) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("users", accounts.list());
        params.put("permissions", Arrays.asList(Permission.values()));
        params.put("errors", errors);
        params.put("form", form);
        pages.render(ctx, "users.jte", params);
    }

    private void showEdit(Context ctx, User user, Map<String, String> errors) {
        showEdit(ctx, user, errors, Map.of());
    }

    private void showEdit(Context ctx, User user, Map<String, String> errors, Map<String, String> quotaTyped) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("quotaOverride", requests.quotaOverride(user.id()));
        params.put("quotaDefaults", requests.defaultQuota());
        params.put("quotaStanding", requests.quota(user.id()));
        params.put("quotaTyped", quotaTyped);
        params.put("user", user);
        params.put("permissions", Arrays.asList(Permission.values()));
        params.put("errors", errors);
        params.put("self", user.id() == actor(ctx));
        pages.render(ctx, "user-edit.jte", params);
    }

    private static Set<Permission> permissions(Context ctx) {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (String name : ctx.formParams("permissions")) {
            Permission.fromWireName(name).ifPresent(granted::add);
        }
        return granted;
    }

    private static long actor(Context ctx) {
        return RequestState.of(ctx).requirePrincipal().user().id();
    }
}
