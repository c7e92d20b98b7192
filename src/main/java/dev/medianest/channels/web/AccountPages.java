package dev.medianest.channels.web;

import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.ApiToken;
import dev.medianest.features.accounts.ApiTokens;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.accounts.SignIn;
import dev.medianest.features.accounts.Sessions;
import dev.medianest.features.accounts.TokenRequest;
import dev.medianest.features.accounts.User;
import dev.medianest.features.services.ServiceHealth;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Language;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The pages every person uses: sign-in, the forced password change, the dashboard, the profile, and preferences. */
final class AccountPages {

    private final Pages pages;
    private final SignIn signIn;
    private final Sessions sessions;
    private final ApiTokens apiTokens;
    private final Accounts accounts;
    private final String version;
    private final ServiceHealth health;

    AccountPages(Pages pages, SignIn signIn, Sessions sessions, ApiTokens apiTokens, Accounts accounts, String version,
                 ServiceHealth health) {
        this.pages = pages;
        this.signIn = signIn;
        this.sessions = sessions;
        this.apiTokens = apiTokens;
        this.accounts = accounts;
        this.version = version;
        this.health = health;
    }

    void signInForm(Context ctx) {
        RequestState state = RequestState.of(ctx);
        if (state.principal.isPresent()) {
            ctx.redirect(safeNext(ctx.queryParam("next")));
            return;
        }
        showSignIn(ctx, "", safeNext(ctx.queryParam("next")), Optional.empty());
    }

    void signIn(Context ctx) {
        RequestState state = RequestState.of(ctx);
        String username = Optional.ofNullable(ctx.formParam("username")).orElse("");
        String next = safeNext(ctx.formParam("next"));
        try {
            Sessions.Started started = signIn.attempt(username, Optional.ofNullable(ctx.formParam("password")).orElse(""),
                    "on".equals(ctx.formParam("remember")), state.clientAddress, ctx.userAgent());
            sessions.end(ctx.cookie(Gatekeeper.SESSION_COOKIE));
            setSessionCookie(ctx, state, started, sessions);
            User user = accounts.get(started.session().userId());
            ctx.redirect(user.mustChangePassword() ? "/password" : next);
        } catch (AppException failure) {
            ctx.status(ApiErrors.status(failure.code()));
            if (failure.code() == ErrorCode.SIGN_IN_LOCKED) {
                ctx.header("Retry-After", String.valueOf(failure.args()[0]));
            }
            showSignIn(ctx, username, next, Optional.of(state.texts.get(failure.code().messageKey(), failure.args())));
        }
    }

    private void showSignIn(Context ctx, String username, String next, Optional<String> error) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("username", username);
        params.put("next", next);
        params.put("error", error.orElse(null));
        pages.render(ctx, "signin.jte", params);
    }

    void signOut(Context ctx) {
        sessions.end(ctx.cookie(Gatekeeper.SESSION_COOKIE));
        Cookies.clear(ctx, RequestState.of(ctx), Gatekeeper.SESSION_COOKIE);
        ctx.redirect("/sign-in?notice=signed_out");
    }

    void dashboard(Context ctx) {
        Principal principal = RequestState.of(ctx).requirePrincipal();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("permissions", Views.permissions(principal.permissions()));
        params.put("version", version);
        params.put("userCount", principal.admin() ? accounts.count() : 0);
        params.put("statuses", health.board());
        pages.render(ctx, "dashboard.jte", params);
    }

    void passwordForm(Context ctx) {
        showPassword(ctx, Map.of());
    }

    void changePassword(Context ctx) {
        Principal principal = RequestState.of(ctx).requirePrincipal();
        String next = Optional.ofNullable(ctx.formParam("newPassword")).orElse("");
        if (!next.equals(ctx.formParam("confirmPassword"))) {
            ctx.status(400);
            showPassword(ctx, Map.of("confirmPassword", RequestState.of(ctx).texts.get("validation.password.mismatch")));
            return;
        }
        try {
            accounts.changeOwnPassword(principal.user().id(), Optional.ofNullable(ctx.formParam("currentPassword")).orElse(""),
                    next, AccountApi.sessionId(principal));
            ctx.redirect("/?notice=password_changed");
        } catch (AppException failure) {
            ctx.status(ApiErrors.status(failure.code()));
            showPassword(ctx, FormErrors.of(failure, RequestState.of(ctx).texts));
        }
    }

    private void showPassword(Context ctx, Map<String, String> errors) {
        Principal principal = RequestState.of(ctx).requirePrincipal();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("forced", principal.user().mustChangePassword());
        params.put("errors", errors);
        pages.render(ctx, "password.jte", params);
    }

    void profile(Context ctx) {
        showProfile(ctx, Map.of(), Optional.empty());
    }

    void saveProfile(Context ctx) {
        Principal principal = RequestState.of(ctx).requirePrincipal();
        String languageCode = Optional.ofNullable(ctx.formParam("language")).orElse("auto");
        Optional<Language> language = Language.fromCode(languageCode);
        try {
            accounts.updateProfile(principal.user().id(), Optional.ofNullable(ctx.formParam("displayName")), Optional.of(language));
            if (language.isEmpty()) {
                Cookies.clear(ctx, RequestState.of(ctx), Gatekeeper.LANGUAGE_COOKIE);
            } else {
                Cookies.set(ctx, RequestState.of(ctx), Gatekeeper.LANGUAGE_COOKIE, language.get().code(), 365 * 24 * 3600);
            }
            ctx.redirect("/profile?notice=profile_saved");
        } catch (AppException failure) {
            ctx.status(ApiErrors.status(failure.code()));
            showProfile(ctx, FormErrors.of(failure, RequestState.of(ctx).texts), Optional.empty());
        }
    }

    void createToken(Context ctx) {
        Principal principal = RequestState.of(ctx).requirePrincipal();
        try {
            String days = Optional.ofNullable(ctx.formParam("expiresInDays")).orElse("");
            Optional<Integer> expires = days.isBlank() || days.equals("never") ? Optional.empty() : Optional.of(parseDays(days));
            ApiToken.Issued issued = apiTokens.issue(principal, new TokenRequest(ctx.formParam("name"), Optional.empty(),
                    principal.admin() && "on".equals(ctx.formParam("admin")), expires));
            ctx.status(201);
            showProfile(ctx, Map.of(), Optional.of(issued));
        } catch (AppException failure) {
            ctx.status(ApiErrors.status(failure.code()));
            showProfile(ctx, FormErrors.of(failure, RequestState.of(ctx).texts), Optional.empty());
        }
    }

    void revokeToken(Context ctx) {
        apiTokens.revoke(RequestState.of(ctx).requirePrincipal().user().id(), ctx.pathParam("id"));
        removedRow(ctx, "token_revoked");
    }

    void revokeSession(Context ctx) {
        sessions.revoke(RequestState.of(ctx).requirePrincipal().user().id(), ctx.pathParam("id"));
        removedRow(ctx, "session_revoked");
    }

    /** htmx swaps the row away; without JavaScript the browser reloads the profile. */
    private static void removedRow(Context ctx, String notice) {
        if ("true".equals(ctx.header("HX-Request"))) {
            ctx.html("");
        } else {
            ctx.redirect("/profile?notice=" + notice);
        }
    }

    private void showProfile(Context ctx, Map<String, String> errors, Optional<ApiToken.Issued> issued) {
        Principal principal = RequestState.of(ctx).requirePrincipal();
        long userId = principal.user().id();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("user", accounts.get(userId));
        params.put("sessions", sessions.list(userId));
        params.put("currentSessionId", AccountApi.sessionId(principal).orElse(""));
        params.put("tokens", apiTokens.list(userId));
        params.put("issued", issued.orElse(null));
        params.put("errors", errors);
        pages.render(ctx, "profile.jte", params);
    }

    void setTheme(Context ctx) {
        RequestState state = RequestState.of(ctx);
        String theme = ctx.formParam("theme");
        if (!Themes.isValid(theme)) {
            throw AppException.invalid("theme", "validation.theme");
        }
        Cookies.set(ctx, state, Gatekeeper.THEME_COOKIE, theme, 365 * 24 * 3600);
        state.principal.ifPresent(principal -> accounts.setTheme(principal.user().id(), theme));
        ctx.redirect(safeNext(ctx.formParam("return")));
    }

    void setLanguage(Context ctx) {
        RequestState state = RequestState.of(ctx);
        String code = Optional.ofNullable(ctx.formParam("language")).orElse("");
        Optional<Language> language = Language.fromCode(code);
        if (language.isEmpty() && !code.equals("auto")) {
            throw AppException.invalid("language", "validation.language");
        }
        if (language.isPresent()) {
            Cookies.set(ctx, state, Gatekeeper.LANGUAGE_COOKIE, language.get().code(), 365 * 24 * 3600);
        } else {
            Cookies.clear(ctx, state, Gatekeeper.LANGUAGE_COOKIE);
        }
        state.principal.ifPresent(principal -> accounts.updateProfile(principal.user().id(), Optional.empty(), Optional.of(language)));
        ctx.redirect(safeNext(ctx.formParam("return")));
    }

    static void setSessionCookie(Context ctx, RequestState state, Sessions.Started started, Sessions sessions) {
        int maxAge = started.session().remember() ? (int) sessions.lifetime(true).toSeconds() : -1;
        Cookies.set(ctx, state, Gatekeeper.SESSION_COOKIE, started.cookieValue(), maxAge);
    }

    private static int parseDays(String days) {
        try {
            return Integer.parseInt(days.trim());
        } catch (NumberFormatException e) {
            throw AppException.invalid("expiresInDays", "validation.token_days");
        }
    }

    /** Only paths on this site: no scheme, no "//host", no backslash tricks, no header splitting. */
    static String safeNext(String next) {
        if (next == null || next.isBlank() || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.length() > 512 || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }
}
