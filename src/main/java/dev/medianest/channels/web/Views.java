package dev.medianest.channels.web;

import dev.medianest.features.accounts.ApiToken;
import dev.medianest.features.accounts.BrowserSession;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.User;
import dev.medianest.platform.i18n.Language;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the API (documented in {@code openapi.json}); secrets never appear in them. */
final class Views {

    private Views() {
    }

    static Map<String, Object> user(User user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", user.id());
        view.put("username", user.username());
        view.put("displayName", user.displayName());
        view.put("role", user.role().name());
        view.put("permissions", permissions(user.permissions()));
        view.put("effectivePermissions", permissions(user.effectivePermissions()));
        view.put("disabled", user.disabled());
        view.put("mustChangePassword", user.mustChangePassword());
        view.put("language", user.language().map(Language::code).orElse(null));
        view.put("createdAt", user.createdAt().toString());
        view.put("updatedAt", user.updatedAt().toString());
        return view;
    }

    static Map<String, Object> session(BrowserSession session, String currentId) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", session.id());
        view.put("current", session.id().equals(currentId));
        view.put("remember", session.remember());
        view.put("createdAt", session.createdAt().toString());
        view.put("lastSeenAt", session.lastSeenAt().toString());
        view.put("expiresAt", session.expiresAt().toString());
        view.put("userAgent", session.userAgent());
        view.put("ipAddress", session.ipAddress());
        return view;
    }

    static Map<String, Object> token(ApiToken token) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", token.id());
        view.put("name", token.name());
        view.put("prefix", token.prefix());
        view.put("admin", token.admin());
        view.put("permissions", permissions(token.permissions()));
        view.put("createdAt", token.createdAt().toString());
        view.put("lastUsedAt", token.lastUsedAt().map(Instant::toString).orElse(null));
        view.put("expiresAt", token.expiresAt().map(Instant::toString).orElse(null));
        return view;
    }

    /** A service problem: its stable code (the message key) and the message in the caller's language. */
    static Map<String, Object> problem(dev.medianest.features.services.ServiceProblem problem, dev.medianest.platform.i18n.Messages.Texts texts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", problem.messageKey());
        view.put("message", texts.get(problem.messageKey(), problem.args().toArray()));
        return view;
    }

    static List<String> permissions(java.util.Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::wireName).toList();
    }
}
