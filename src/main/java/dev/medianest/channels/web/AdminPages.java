package dev.medianest.channels.web;

import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.features.accounts.User;
import dev.medianest.features.accounts.UserChanges;
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

    AdminPages(Pages pages, Accounts accounts) {
        this.pages = pages;
        this.accounts = accounts;
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
        Map<String, Object> params = new LinkedHashMap<>();
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
