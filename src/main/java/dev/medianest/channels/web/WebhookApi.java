package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.requests.Webhooks;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.platform.config.Settings;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhooks Radarr, Sonarr and Seerr call ({@code /api/v1/webhooks/{kind}/{serviceId}}), and the
 * admin's JSON view of them. The callers have no session and no CSRF token: each proves itself with
 * its instance's secret, as the Basic password (Radarr and Sonarr send Basic authentication) or as a
 * Bearer token (Seerr sends the Authorization header it is given).
 */
final class WebhookApi {

    /** The user name Radarr and Sonarr are told to send; only the password is checked. */
    static final String USERNAME = "medianest";

    private final Webhooks webhooks;
    private final String publicUrl;

    WebhookApi(Webhooks webhooks, Settings.Server server) {
        this.webhooks = webhooks;
        this.publicUrl = server.publicUrl();
    }

    void radarr(Context ctx) {
        receive(ctx, ServiceKind.RADARR);
    }

    void sonarr(Context ctx) {
        receive(ctx, ServiceKind.SONARR);
    }

    void seerr(Context ctx) {
        receive(ctx, ServiceKind.SEERR);
    }

    private void receive(Context ctx, ServiceKind kind) {
        Webhooks.Receipt receipt = webhooks.receive(kind, serviceId(ctx), secretOf(ctx.header("Authorization")), ctx.body(),
                RequestState.of(ctx).clientAddress);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", receipt.event());
        body.put("matched", receipt.matched());
        ctx.json(body);
    }

    /** Every Radarr, Sonarr and Seerr with its webhook address and whether a secret was made. */
    void list(Context ctx) {
        List<Map<String, Object>> senders = webhooks.senders().stream().map(sender -> describe(ctx, sender)).toList();
        ctx.json(Map.of("webhooks", senders));
    }

    /** Makes (or replaces) the instance's secret and shows it, the one time it can be read. */
    void issue(Context ctx) {
        Webhooks.Issued issued = webhooks.issueSecret(RequestState.of(ctx).principal.orElseThrow().user().id(), serviceId(ctx));
        Map<String, Object> body = describe(ctx, issued.sender());
        body.put("secret", issued.secret());
        body.put("authorization", issued.sender().kind() == ServiceKind.SEERR ? "Bearer " + issued.secret()
                : "Basic " + Base64.getEncoder().encodeToString((USERNAME + ":" + issued.secret()).getBytes(StandardCharsets.UTF_8)));
        ctx.status(201).json(body);
    }

    private Map<String, Object> describe(Context ctx, Webhooks.Sender sender) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("serviceId", sender.serviceId());
        body.put("kind", sender.kind().key());
        body.put("name", sender.name());
        body.put("url", url(ctx, publicUrl, sender));
        body.put("username", sender.kind() == ServiceKind.SEERR ? null : USERNAME);
        body.put("secretSet", sender.secretSince().isPresent());
        body.put("secretCreatedAt", sender.secretSince().map(Object::toString).orElse(null));
        return body;
    }

    /** The address to enter in the other service: under server.publicUrl when set, else where this request came in. */
    static String url(Context ctx, String publicUrl, Webhooks.Sender sender) {
        String base = publicUrl == null || publicUrl.isBlank()
                ? (RequestState.of(ctx).https ? "https" : "http") + "://" + java.util.Objects.requireNonNullElse(ctx.host(), "localhost")
                : publicUrl.replaceAll("/+$", "");
        return base + "/api/v1/webhooks/" + sender.kind().key() + "/" + sender.serviceId();
    }

    static long serviceId(Context ctx) {
        return UserApi.id(ctx, "serviceId");
    }

    /** The password of Basic authentication, or a Bearer token; nothing for any other scheme. */
    static Optional<String> secretOf(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(value.substring(7).strip()).filter(secret -> !secret.isEmpty());
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? Optional.empty() : Optional.of(pair.substring(colon + 1)).filter(secret -> !secret.isEmpty());
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
