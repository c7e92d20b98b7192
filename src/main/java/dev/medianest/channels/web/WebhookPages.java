package dev.medianest.channels.web;

import dev.medianest.features.requests.Webhooks;
import dev.medianest.platform.config.Settings;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings › Services › an instance › Webhook: where Radarr, Sonarr or Seerr is told to call
 * MediaNest, with the exact fields to fill in, and the button that makes (or rotates) its secret.
 * The secret is on the page only in the answer to that button.
 */
final class WebhookPages {

    private final Pages pages;
    private final Webhooks webhooks;
    private final String publicUrl;

    WebhookPages(Pages pages, Webhooks webhooks, Settings.Server server) {
        this.pages = pages;
        this.webhooks = webhooks;
        this.publicUrl = server.publicUrl();
    }

    void show(Context ctx) {
        Optional<Webhooks.Sender> sender = find(ctx);
        if (sender.isEmpty()) {
            ctx.redirect("/settings/services?notice=service_gone");
            return;
        }
        render(ctx, sender.get(), Optional.empty());
    }

    void rotate(Context ctx) {
        Optional<Webhooks.Sender> sender = find(ctx);
        if (sender.isEmpty()) {
            ctx.redirect("/settings/services?notice=service_gone");
            return;
        }
        Webhooks.Issued issued = webhooks.issueSecret(RequestState.of(ctx).principal.orElseThrow().user().id(), sender.get().serviceId());
        render(ctx, issued.sender(), Optional.of(issued.secret()));
    }

    private Optional<Webhooks.Sender> find(Context ctx) {
        try {
            return Optional.of(webhooks.sender(UserApi.id(ctx)));
        } catch (AppException missing) {
            if (missing.code() != ErrorCode.NOT_FOUND) {
                throw missing;
            }
            return Optional.empty();
        }
    }

    private void render(Context ctx, Webhooks.Sender sender, Optional<String> secret) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("sender", sender);
        params.put("url", WebhookApi.url(ctx, publicUrl, sender));
        params.put("username", WebhookApi.USERNAME);
        params.put("secret", secret.orElse(null));
        pages.render(ctx, "webhook.jte", params);
    }
}
