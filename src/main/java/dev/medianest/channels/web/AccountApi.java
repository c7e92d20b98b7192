package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.ApiToken;
import dev.medianest.features.accounts.ApiTokens;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.accounts.SignIn;
import dev.medianest.features.accounts.Sessions;
import dev.medianest.features.accounts.TokenRequest;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Language;
import io.javalin.http.Context;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /api/v1/auth} and {@code /api/v1/me}: signing in and out, one's own profile, sessions and tokens. */
final class AccountApi {

    private final SignIn signIn;
    private final Sessions sessions;
    private final ApiTokens apiTokens;
    private final Accounts accounts;
    private final ObjectMapper mapper;

    AccountApi(SignIn signIn, Sessions sessions, ApiTokens apiTokens, Accounts accounts, ObjectMapper mapper) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.apiTokens = apiTokens;
        this.accounts = accounts;
        this.mapper = mapper;
    }

    void signIn(Context ctx) {
        JsonInput input = JsonInput.read(ctx, mapper, Set.of("username", "password", "remember"));
        String username = input.string("username").orElse("");
        String password = input.string("password").orElse("");
        boolean remember = input.bool("remember").orElse(false);
        input.throwIfInvalid();
        RequestState state = RequestState.of(ctx);
        Sessions.Started started = signIn.attempt(username, password, remember, state.clientAddress, ctx.userAgent());
        sessions.end(ctx.cookie(Gatekeeper.SESSION_COOKIE));
        AccountPages.setSessionCookie(ctx, state, started, sessions);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", Views.user(accounts.get(started.session().userId())));
        body.put("csrfToken", started.csrfToken());
        body.put("expiresAt", started.session().expiresAt().toString());
        ctx.json(body);
    }

    void signOut(Context ctx) {
        sessions.end(ctx.cookie(Gatekeeper.SESSION_COOKIE));
        Cookies.clear(ctx, RequestState.of(ctx), Gatekeeper.SESSION_COOKIE);
        ctx.status(204);
    }

    void me(Context ctx) {
        ctx.json(Views.user(accounts.get(principal(ctx).user().id())));
    }

    void updateMe(Context ctx) {
        JsonInput input = JsonInput.read(ctx, mapper, Set.of("displayName", "language"));
        Optional<String> displayName = input.string("displayName");
        Optional<Optional<Language>> language = Optional.empty();
        if (input.has("language")) {
            Optional<String> code = input.string("language");
            Optional<Language> parsed = code.flatMap(Language::fromCode);
            if (code.isPresent() && parsed.isEmpty()) {
                input.problem("language", "validation.language");
            }
            language = Optional.of(parsed);
        }
        input.throwIfInvalid();
        ctx.json(Views.user(accounts.updateProfile(principal(ctx).user().id(), displayName, language)));
    }

    void changePassword(Context ctx) {
        JsonInput input = JsonInput.read(ctx, mapper, Set.of("currentPassword", "newPassword"));
        String current = input.string("currentPassword").orElse("");
        String next = input.string("newPassword").orElse("");
        input.throwIfInvalid();
        Principal principal = principal(ctx);
        accounts.changeOwnPassword(principal.user().id(), current, next, sessionId(principal));
        ctx.status(204);
    }

    void listSessions(Context ctx) {
        Principal principal = principal(ctx);
        String current = sessionId(principal).orElse("");
        ctx.json(Map.of("items", sessions.list(principal.user().id()).stream().map(s -> Views.session(s, current)).toList()));
    }

    void revokeSession(Context ctx) {
        if (!sessions.revoke(principal(ctx).user().id(), ctx.pathParam("id"))) {
            throw new AppException(ErrorCode.NOT_FOUND);
        }
        ctx.status(204);
    }

    void listTokens(Context ctx) {
        ctx.json(Map.of("items", apiTokens.list(principal(ctx).user().id()).stream().map(Views::token).toList()));
    }

    void createToken(Context ctx) {
        JsonInput input = JsonInput.read(ctx, mapper, Set.of("name", "permissions", "admin", "expiresInDays"));
        String name = input.string("name").orElse("");
        Optional<Set<Permission>> permissions = input.strings("permissions").map(names -> parsePermissions(names, input));
        boolean admin = input.bool("admin").orElse(false);
        Optional<Integer> days = input.integer("expiresInDays");
        input.throwIfInvalid();
        ApiToken.Issued issued = apiTokens.issue(principal(ctx), new TokenRequest(name, permissions, admin, days));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.secret());
        body.put("apiToken", Views.token(issued.token()));
        ctx.status(201).json(body);
    }

    void revokeToken(Context ctx) {
        if (!apiTokens.revoke(principal(ctx).user().id(), ctx.pathParam("id"))) {
            throw new AppException(ErrorCode.NOT_FOUND);
        }
        ctx.status(204);
    }

    static Set<Permission> parsePermissions(List<String> names, JsonInput input) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : names) {
            Optional<Permission> permission = Permission.fromWireName(name);
            if (permission.isEmpty()) {
                input.problem("permissions", "validation.permission");
            } else {
                permissions.add(permission.get());
            }
        }
        return permissions;
    }

    private static Principal principal(Context ctx) {
        return RequestState.of(ctx).requirePrincipal();
    }

    static Optional<String> sessionId(Principal principal) {
        return principal.credential() instanceof Principal.SessionCredential session ? Optional.of(session.sessionId()) : Optional.empty();
    }
}
