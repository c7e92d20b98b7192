package dev.medianest.channels.web;

import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.platform.i18n.Language;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders the precompiled JTE templates (compiled at build time by jte-maven-plugin, so a broken
 * template fails the build, not a page view) into full pages.
 */
final class Pages {

    private static final Set<String> NOTICES = Set.of("forbidden", "expired", "disabled", "signed_out", "password_changed",
            "profile_saved", "user_created", "user_saved", "user_deleted", "password_reset", "session_revoked",
            "token_revoked", "csrf_failed", "service_added", "service_saved", "service_removed", "service_gone",
            "torrent_added", "quota_saved");

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final List<Section> sections;

    /**
     * A section of the navigation; later features add theirs to the list the composition root passes in.
     * {@code needs} hides it from people without that permission (the assistant's chat).
     */
    record Section(String href, String labelKey, boolean adminOnly, Optional<Permission> needs) {
        Section(String href, String labelKey, boolean adminOnly) {
            this(href, labelKey, adminOnly, Optional.empty());
        }
    }

    Pages(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    PageContext context(Context ctx) {
        RequestState state = RequestState.of(ctx);
        Optional<Principal> principal = state.principal;
        boolean admin = principal.map(Principal::admin).orElse(false);
        List<PageContext.NavItem> nav = new ArrayList<>();
        if (principal.isPresent() && !principal.get().user().mustChangePassword()) {
            for (Section section : sections) {
                if ((!section.adminOnly() || admin) && section.needs().map(principal.get()::can).orElse(true)) {
                    boolean active = section.href().equals("/") ? ctx.path().equals("/") : ctx.path().startsWith(section.href());
                    nav.add(new PageContext.NavItem(section.href(), state.texts.get(section.labelKey()), active));
                }
            }
        }
        Optional<String> notice = Optional.ofNullable(ctx.queryParam("notice")).filter(NOTICES::contains)
                .map(key -> state.texts.get("notice." + key));
        return new PageContext(state.texts, state.theme, principal.map(Principal::user), admin, state.csrfToken(),
                state.cspNonce, ctx.path(), nav, notice, List.of(Language.values()));
    }

    void render(Context ctx, String template, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.putIfAbsent("page", context(ctx));
        StringOutput output = new StringOutput();
        engine.render(template, all, output);
        ctx.html(output.toString());
    }

    void render(Context ctx, String template) {
        render(ctx, template, Map.of());
    }

    /** A piece of a page (an htmx answer, a server-sent card) for the page context given in {@code params}. */
    String fragment(String template, Map<String, Object> params) {
        StringOutput output = new StringOutput();
        engine.render(template, params, output);
        return output.toString();
    }

    /** A piece of a page as the answer to this request (htmx swaps it in). */
    void renderFragment(Context ctx, String template, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.putIfAbsent("page", context(ctx));
        ctx.html(fragment(template, all));
    }
}
