package dev.medianest.channels.web;

import dev.medianest.features.accounts.ApiTokens;
import dev.medianest.features.accounts.Lookup;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.accounts.Sessions;
import dev.medianest.platform.config.Settings;
import dev.medianest.platform.crypto.SecureTokens;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;
import dev.medianest.platform.net.IpRange;
import dev.medianest.platform.net.RateLimiter;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import org.slf4j.MDC;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs before every request: correlation id, client address (believing forwarded headers only
 * from trusted proxies), security headers, who is calling, their language and theme; and before
 * every matched route: the route's {@link Access}, CSRF for cookie-authenticated writes, and the
 * API allowance.
 */
final class Gatekeeper {

    static final String SESSION_COOKIE = "mn_session";
    static final String CSRF_COOKIE = "mn_csrf";
    static final String LANGUAGE_COOKIE = "mn_lang";
    static final String THEME_COOKIE = "mn_theme";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "_csrf";
    static final String CORRELATION_HEADER = "X-Correlation-Id";

    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    /**
     * The Content-Security-Policy after its per-request script nonce. Posters come straight from the
     * metadata servers' image hosts, and from no other (pages show a placeholder for any other address).
     */
    private static final String CSP_REST = "style-src 'self'; img-src 'self' data:"
            + PageContext.ARTWORK_HOSTS.stream().map(host -> " https://" + host).collect(Collectors.joining())
            + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private final Settings.Server server;
    private final Sessions sessions;
    private final ApiTokens apiTokens;
    private final Messages messages;
    private final Language defaultLanguage;
    private final SecureTokens tokens;
    private final RateLimiter rateLimiter;
    private final ThemeStore themes;
    private final TorrentUploads uploads;

    /** Reads and stores a signed-in person's theme; kept out of this class's knowledge of accounts. */
    interface ThemeStore {
        Optional<String> themeOf(long userId);
    }

    Gatekeeper(Settings settings, Sessions sessions, ApiTokens apiTokens, Messages messages, SecureTokens tokens, ThemeStore themes,
               TorrentUploads uploads) {
        this.server = settings.server();
        this.sessions = sessions;
        this.apiTokens = apiTokens;
        this.messages = messages;
        this.defaultLanguage = Language.fromCode(settings.ui().defaultLanguage()).orElse(Language.EN);
        this.tokens = tokens;
        this.rateLimiter = new RateLimiter(settings.security().apiRequestsPerMinute());
        this.themes = themes;
        this.uploads = uploads;
    }

    /** Before any handler, matched or not. */
    void identify(Context ctx) {
        String incoming = ctx.header(CORRELATION_HEADER);
        String correlationId = incoming != null && CORRELATION_ID.matcher(incoming).matches()
                ? incoming : UUID.randomUUID().toString();
        MDC.put("correlationId", correlationId);
        ctx.header(CORRELATION_HEADER, correlationId);
        boolean fromProxy = isTrustedProxy(ctx.req().getRemoteAddr());
        String address = fromProxy ? forwardedClient(ctx) : ctx.req().getRemoteAddr();
        boolean https = "https".equalsIgnoreCase(ctx.scheme())
                || (fromProxy && "https".equalsIgnoreCase(firstValue(ctx.header("X-Forwarded-Proto"))));
        // Machine endpoints answer in JSON and never redirect to the sign-in page.
        // The live stream too: an EventSource cannot follow a redirect to the sign-in page, a 401 ends it cleanly.
        boolean api = ctx.path().startsWith("/api/") || ctx.path().startsWith("/health/") || ctx.path().equals("/metrics")
                || ctx.path().startsWith("/live/");
        RequestState state = new RequestState(correlationId, tokens.newToken(16), address, https, api);
        state.attachTo(ctx);
        securityHeaders(ctx, state);
        authenticate(ctx, state);
        state.language = state.principal.flatMap(p -> p.user().language())
                .or(() -> Language.fromCode(ctx.cookie(LANGUAGE_COOKIE)))
                .or(() -> Language.fromAcceptLanguage(ctx.header("Accept-Language")))
                .orElse(defaultLanguage);
        state.texts = messages.in(state.language);
        boolean asset = ctx.path().startsWith("/assets/") || ctx.path().startsWith("/webjars/");
        if (!api && !asset) {
            // Only pages draw a theme; API calls and assets skip the database read.
            state.theme = state.principal.flatMap(p -> themes.themeOf(p.user().id()))
                    .or(() -> Optional.ofNullable(ctx.cookie(THEME_COOKIE)))
                    .filter(Themes::isValid)
                    .orElse("system");
        }
        if (!api && !asset) {
            String csrfCookie = ctx.cookie(CSRF_COOKIE);
            if (csrfCookie == null || csrfCookie.length() < 16 || csrfCookie.length() > 64) {
                csrfCookie = tokens.newToken(24);
                Cookies.set(ctx, state, CSRF_COOKIE, csrfCookie, -1);
            }
            state.anonymousCsrf = csrfCookie;
        }
        long length = ctx.req().getContentLengthLong();
        OptionalLong upload = uploads.bodyLimit(ctx);
        long limit = Math.max(server.maxRequestBytes(), upload.orElse(0));
        if (length > limit) {
            // A torrent upload says which setting limits the file: raising server.maxRequestBytes would not help.
            throw upload.isPresent() ? uploads.limit().exceeded() : new AppException(ErrorCode.PAYLOAD_TOO_LARGE, limit);
        }
    }

    /** Before the matched route's handler: access, CSRF, API allowance. */
    void admit(Context ctx) {
        RequestState state = RequestState.of(ctx);
        Set<RouteRole> roles = ctx.routeRoles();
        Access access = roles.isEmpty() ? Access.PUBLIC : (Access) roles.iterator().next();
        checkAccess(ctx, state, access);
        if (WRITES.contains(ctx.method())) {
            checkCsrf(ctx, state);
        }
        if (ctx.path().startsWith("/api/")) {
            String caller = state.principal.map(p -> "user:" + p.user().id()).orElse("address:" + state.clientAddress);
            OptionalLong wait = rateLimiter.take(caller);
            if (wait.isPresent()) {
                ctx.header("Retry-After", String.valueOf(wait.getAsLong()));
                throw new AppException(ErrorCode.RATE_LIMITED, wait.getAsLong());
            }
        }
    }

    private void checkAccess(Context ctx, RequestState state, Access access) {
        if (access == Access.PUBLIC) {
            return;
        }
        if (state.principal.isEmpty()) {
            ErrorCode reason = state.rejectedCredential.map(Gatekeeper::reasonFor).orElse(ErrorCode.UNAUTHENTICATED);
            if (state.api) {
                throw new AppException(reason);
            }
            String next = ctx.method() == HandlerType.GET ? ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()) : "/";
            String notice = reason == ErrorCode.SESSION_EXPIRED ? "&notice=expired" : reason == ErrorCode.ACCOUNT_DISABLED ? "&notice=disabled" : "";
            throw new Redirect("/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8) + notice);
        }
        Principal principal = state.principal.get();
        if (access != Access.SIGNED_IN && principal.user().mustChangePassword()) {
            if (state.api) {
                throw new AppException(ErrorCode.PASSWORD_CHANGE_REQUIRED);
            }
            throw new Redirect("/password");
        }
        if (access == Access.ADMIN && !principal.admin()) {
            if (state.api) {
                throw new AppException(ErrorCode.FORBIDDEN);
            }
            throw new Redirect("/?notice=forbidden");
        }
    }

    private void checkCsrf(Context ctx, RequestState state) {
        Optional<Principal.Credential> credential = state.principal.map(Principal::credential);
        if (credential.isPresent() && credential.get() instanceof Principal.TokenCredential) {
            return; // a bearer token is not sent by browsers on their own, so it cannot be forged cross-site
        }
        String expected;
        if (credential.isPresent() && credential.get() instanceof Principal.SessionCredential session) {
            expected = session.csrfToken();
        } else if (state.api) {
            // Signed-out JSON calls (sign-in): a cross-site page cannot send application/json without a
            // CORS preflight, which this server never grants, so the content type is the guard here.
            if (isJson(ctx)) {
                return;
            }
            throw new AppException(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        } else {
            expected = state.anonymousCsrf;
        }
        String given = ctx.header(CSRF_HEADER);
        if (given == null && isForm(ctx)) {
            given = ctx.formParam(CSRF_FIELD);
        }
        if (!SecureTokens.sameSecret(expected, given)) {
            throw new AppException(ErrorCode.CSRF_FAILED);
        }
    }

    private void authenticate(Context ctx, RequestState state) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            String secret = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : "";
            record(state, apiTokens.lookup(secret));
            return;
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie != null) {
            Lookup lookup = sessions.lookup(cookie);
            record(state, lookup);
            if (!(lookup instanceof Lookup.Active)) {
                Cookies.clear(ctx, state, SESSION_COOKIE);
            }
        }
    }

    private static void record(RequestState state, Lookup lookup) {
        switch (lookup) {
            case Lookup.Active active -> state.principal = Optional.of(active.principal());
            case Lookup.Expired expired -> state.rejectedCredential = Optional.of(expired);
            case Lookup.Unknown unknown -> state.rejectedCredential = Optional.of(unknown);
            case Lookup.Disabled disabled -> state.rejectedCredential = Optional.of(disabled);
        }
    }

    private static ErrorCode reasonFor(Lookup lookup) {
        return switch (lookup) {
            case Lookup.Active active -> ErrorCode.UNAUTHENTICATED;
            case Lookup.Expired expired -> ErrorCode.SESSION_EXPIRED;
            case Lookup.Unknown unknown -> ErrorCode.TOKEN_INVALID;
            case Lookup.Disabled disabled -> ErrorCode.ACCOUNT_DISABLED;
        };
    }

    private void securityHeaders(Context ctx, RequestState state) {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'nonce-" + state.cspNonce + "'; " + CSP_REST);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        if (state.https) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (!ctx.path().startsWith("/assets/") && !ctx.path().startsWith("/webjars/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private boolean isTrustedProxy(String address) {
        List<IpRange> proxies = server.trustedProxies();
        return proxies.stream().anyMatch(range -> range.contains(address));
    }

    /** The right-most X-Forwarded-For entry that is not itself a trusted proxy (RFC 7239 §5.2 reasoning). */
    private String forwardedClient(Context ctx) {
        String header = ctx.header("X-Forwarded-For");
        String remote = ctx.req().getRemoteAddr();
        if (header == null || header.isBlank()) {
            return remote;
        }
        String[] hops = header.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (IpRange.parse(hop).isEmpty()) {
                return remote;
            }
            if (!isTrustedProxy(hop)) {
                return hop;
            }
        }
        return hops[0].trim();
    }

    private static String firstValue(String header) {
        return header == null ? "" : header.split(",")[0].trim();
    }

    static boolean isJson(Context ctx) {
        String type = ctx.header("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.header("Content-Type");
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    /** Sent to a page request that must go elsewhere first (sign in, change password). */
    static final class Redirect extends RuntimeException {
        final String location;

        Redirect(String location) {
            super(location, null, false, false);
            this.location = location;
        }
    }
}
