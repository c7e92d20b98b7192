package dev.medianest.channels.web;

import dev.medianest.features.accounts.Lookup;
import dev.medianest.features.accounts.Principal;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;
import io.javalin.http.Context;

import java.util.Optional;

/** What the gatekeeper learned about one request, shared by the handlers that follow. */
final class RequestState {

    private static final String ATTRIBUTE = "medianest.request";

    final String correlationId;
    final String cspNonce;
    final String clientAddress;
    final boolean https;
    final boolean api;
    Language language;
    Messages.Texts texts;
    String theme = "system";
    Optional<Principal> principal = Optional.empty();
    /** Why a presented cookie or token did not authenticate, when one was presented. */
    Optional<Lookup> rejectedCredential = Optional.empty();
    String anonymousCsrf;

    RequestState(String correlationId, String cspNonce, String clientAddress, boolean https, boolean api) {
        this.correlationId = correlationId;
        this.cspNonce = cspNonce;
        this.clientAddress = clientAddress;
        this.https = https;
        this.api = api;
    }

    static RequestState of(Context ctx) {
        RequestState state = ctx.attribute(ATTRIBUTE);
        if (state == null) {
            throw new IllegalStateException("request state missing: the gatekeeper did not run for " + ctx.path());
        }
        return state;
    }

    static Optional<RequestState> find(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    Principal requirePrincipal() {
        return principal.orElseThrow(() -> new IllegalStateException("route needs a signed-in caller"));
    }

    /** The CSRF token forms on this page must carry: the session's, or the anonymous double-submit cookie's. */
    String csrfToken() {
        return principal.map(p -> p.credential() instanceof Principal.SessionCredential session ? session.csrfToken() : "")
                .filter(token -> !token.isEmpty())
                .orElse(anonymousCsrf == null ? "" : anonymousCsrf);
    }
}
