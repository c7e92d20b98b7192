package dev.medianest.channels.web;

import io.javalin.config.RoutesConfig;

import static dev.medianest.channels.web.Access.ADMIN;
import static dev.medianest.channels.web.Access.MEMBER;
import static dev.medianest.channels.web.Access.PUBLIC;
import static dev.medianest.channels.web.Access.SIGNED_IN;

/** Every route of the web channel and the access it needs, in one place. */
final class RouteTable {

    private RouteTable() {
    }

    /** The Downloads page, its JSON API and its live stream. */
    record Downloads(DownloadPages pages, DownloadApi api, DownloadLive live) {
    }

    /** The Requests pages, the requests and quota API and the requests' live stream. */
    record RequestRoutes(RequestPages pages, RequestApi api, RequestLive live) {
    }

    /** Discover, search and the title pages, and their JSON API. */
    record Discover(DiscoverPages pages, DiscoverApi api) {
    }

    static void register(RoutesConfig routes, AccountPages account, AdminPages admin, AccountApi accountApi, UserApi userApi,
                         OpsRoutes ops, StaticAssets assets, ServicePages services, ServiceApi serviceApi, LiveUpdates live,
                         Downloads downloads, RequestRoutes requests, Discover discover) {
        // static files
        routes.get("/assets/{file}", assets::asset, PUBLIC);
        routes.get("/webjars/<path>", assets::webjar, PUBLIC);

        // pages
        routes.get("/sign-in", account::signInForm, PUBLIC);
        routes.post("/sign-in", account::signIn, PUBLIC);
        routes.post("/sign-out", account::signOut, PUBLIC);
        routes.post("/preferences/theme", account::setTheme, PUBLIC);
        routes.post("/preferences/language", account::setLanguage, PUBLIC);
        routes.get("/password", account::passwordForm, SIGNED_IN);
        routes.post("/password", account::changePassword, SIGNED_IN);
        routes.get("/", account::dashboard, MEMBER);
        routes.get("/profile", account::profile, MEMBER);
        routes.post("/profile", account::saveProfile, MEMBER);
        routes.post("/profile/tokens", account::createToken, MEMBER);
        routes.post("/profile/tokens/{id}/revoke", account::revokeToken, MEMBER);
        routes.post("/profile/sessions/{id}/revoke", account::revokeSession, MEMBER);
        routes.get("/admin/users", admin::list, ADMIN);
        routes.post("/admin/users", admin::create, ADMIN);
        routes.get("/admin/users/{id}", admin::edit, ADMIN);
        routes.post("/admin/users/{id}", admin::update, ADMIN);
        routes.post("/admin/users/{id}/password", admin::resetPassword, ADMIN);
        routes.post("/admin/users/{id}/delete", admin::delete, ADMIN);
        routes.get("/settings/services", services::list, ADMIN);
        routes.get("/settings/services/new", services::newForm, ADMIN);
        routes.post("/settings/services", services::create, ADMIN);
        routes.post("/settings/services/test", services::test, ADMIN);
        routes.post("/settings/services/choices/{field}", services::choices, ADMIN);
        routes.get("/settings/services/{id}", services::edit, ADMIN);
        routes.post("/settings/services/{id}", services::update, ADMIN);
        routes.post("/settings/services/{id}/delete", services::delete, ADMIN);

        routes.get("/downloads", downloads.pages()::list, MEMBER);
        routes.post("/downloads/add", downloads.pages()::add, ADMIN);
        routes.post("/downloads/{id}/pause-all", downloads.pages()::pauseAll, ADMIN);
        routes.post("/downloads/{id}/resume-all", downloads.pages()::resumeAll, ADMIN);
        routes.post("/downloads/{id}/{hash}/category", downloads.pages()::category, ADMIN);
        routes.post("/downloads/{id}/{hash}/{action}", downloads.pages()::act, ADMIN);

        routes.get("/requests", requests.pages()::list, MEMBER);
        routes.post("/requests/bulk", requests.pages()::bulk, MEMBER);
        routes.get("/requests/{id}", requests.pages()::detail, MEMBER);
        routes.post("/requests/{id}/approve", requests.pages()::approve, MEMBER);
        routes.post("/requests/{id}/decline", requests.pages()::decline, MEMBER);
        routes.post("/requests/{id}/cancel", requests.pages()::cancel, MEMBER);
        routes.post("/admin/users/{id}/quota", admin::saveQuota, ADMIN);
        routes.get("/discover", discover.pages()::discover, MEMBER);
        routes.get("/discover/search", discover.pages()::search, MEMBER);
        routes.get("/title/{type}/{id}", discover.pages()::title, MEMBER);
        routes.post("/title/{type}/{id}/request", discover.pages()::request, MEMBER);
        routes.get("/title/{type}/{id}/options", discover.pages()::options, MEMBER);

        // live updates (server-sent events)
        routes.get("/live/dashboard", live::dashboard, MEMBER);
        routes.get("/live/downloads", downloads.live()::downloads, MEMBER);
        routes.get("/live/requests", requests.live()::requests, MEMBER);

        // JSON API
        routes.get("/api/v1/openapi.json", ops::openApi, PUBLIC);
        routes.post("/api/v1/auth/sign-in", accountApi::signIn, PUBLIC);
        routes.post("/api/v1/auth/sign-out", accountApi::signOut, SIGNED_IN);
        routes.get("/api/v1/me", accountApi::me, SIGNED_IN);
        routes.patch("/api/v1/me", accountApi::updateMe, MEMBER);
        routes.post("/api/v1/me/password", accountApi::changePassword, SIGNED_IN);
        routes.get("/api/v1/me/sessions", accountApi::listSessions, MEMBER);
        routes.delete("/api/v1/me/sessions/{id}", accountApi::revokeSession, MEMBER);
        routes.get("/api/v1/me/tokens", accountApi::listTokens, MEMBER);
        routes.post("/api/v1/me/tokens", accountApi::createToken, MEMBER);
        routes.delete("/api/v1/me/tokens/{id}", accountApi::revokeToken, MEMBER);
        routes.get("/api/v1/users", userApi::list, ADMIN);
        routes.post("/api/v1/users", userApi::create, ADMIN);
        routes.get("/api/v1/users/{id}", userApi::get, ADMIN);
        routes.patch("/api/v1/users/{id}", userApi::update, ADMIN);
        routes.delete("/api/v1/users/{id}", userApi::delete, ADMIN);
        routes.post("/api/v1/users/{id}/password", userApi::resetPassword, ADMIN);
        routes.get("/api/v1/services", serviceApi::list, ADMIN);
        routes.post("/api/v1/services", serviceApi::create, ADMIN);
        routes.get("/api/v1/services/{id}", serviceApi::get, ADMIN);
        routes.patch("/api/v1/services/{id}", serviceApi::update, ADMIN);
        routes.delete("/api/v1/services/{id}", serviceApi::delete, ADMIN);
        routes.post("/api/v1/services/{id}/test", serviceApi::test, ADMIN);
        routes.get("/api/v1/services/{id}/choices/{list}", serviceApi::choices, ADMIN);
        routes.get("/api/v1/services/{id}/status", serviceApi::status, ADMIN);

        routes.get("/api/v1/downloads", downloads.api()::list, MEMBER);
        routes.post("/api/v1/downloads/{id}/torrents", downloads.api()::add, ADMIN);
        routes.post("/api/v1/downloads/{id}/pause-all", downloads.api()::pauseAll, ADMIN);
        routes.post("/api/v1/downloads/{id}/resume-all", downloads.api()::resumeAll, ADMIN);
        routes.post("/api/v1/downloads/{id}/torrents/{hash}/pause", downloads.api()::pause, ADMIN);
        routes.post("/api/v1/downloads/{id}/torrents/{hash}/resume", downloads.api()::resume, ADMIN);
        routes.post("/api/v1/downloads/{id}/torrents/{hash}/recheck", downloads.api()::recheck, ADMIN);
        routes.put("/api/v1/downloads/{id}/torrents/{hash}/category", downloads.api()::category, ADMIN);
        routes.delete("/api/v1/downloads/{id}/torrents/{hash}", downloads.api()::remove, ADMIN);

        routes.post("/api/v1/requests", requests.api()::create, MEMBER);
        routes.get("/api/v1/requests", requests.api()::list, MEMBER);
        routes.post("/api/v1/requests/approve", requests.api()::approveAll, MEMBER);
        routes.post("/api/v1/requests/decline", requests.api()::declineAll, MEMBER);
        routes.get("/api/v1/requests/{id}", requests.api()::get, MEMBER);
        routes.post("/api/v1/requests/{id}/approve", requests.api()::approve, MEMBER);
        routes.post("/api/v1/requests/{id}/decline", requests.api()::decline, MEMBER);
        routes.post("/api/v1/requests/{id}/cancel", requests.api()::cancel, MEMBER);
        routes.get("/api/v1/me/quota", requests.api()::myQuota, MEMBER);
        routes.get("/api/v1/users/{id}/quota", requests.api()::userQuota, ADMIN);
        routes.put("/api/v1/users/{id}/quota", requests.api()::setUserQuota, ADMIN);
        routes.get("/api/v1/discover/{chart}", discover.api()::chart, MEMBER);
        routes.get("/api/v1/search", discover.api()::search, MEMBER);
        routes.get("/api/v1/titles/{type}/{id}", discover.api()::title, MEMBER);

        // operations
        routes.get("/health/live", ops::live, PUBLIC);
        routes.get("/health/ready", ops::ready, PUBLIC);
        routes.get("/metrics", ops::metrics, ADMIN);
    }

    /** The web chat, Settings › Assistant and the assistant's JSON API. */
    record AssistantRoutes(AssistantPages pages, AssistantApi api) {
    }

    /**
     * The assistant. Chat routes are MEMBER here and also need the {@code assistant} permission,
     * which the handlers check (a route names one access level only).
     */
    static void registerAssistant(RoutesConfig routes, AssistantRoutes assistant) {
        routes.get("/assistant", assistant.pages()::chat, MEMBER);
        routes.post("/assistant", assistant.pages()::send, MEMBER);
        routes.post("/assistant/new", assistant.pages()::startOver, MEMBER);
        routes.post("/assistant/history/delete", assistant.pages()::deleteHistory, MEMBER);
        routes.get("/settings/assistant", assistant.pages()::settings, ADMIN);
        routes.post("/settings/assistant", assistant.pages()::saveSettings, ADMIN);
        routes.post("/settings/assistant/test", assistant.pages()::testSettings, ADMIN);

        routes.post("/api/v1/assistant/messages", assistant.api()::send, MEMBER);
        routes.get("/api/v1/assistant/history", assistant.api()::history, MEMBER);
        routes.delete("/api/v1/assistant/history", assistant.api()::deleteHistory, MEMBER);
        routes.get("/api/v1/assistant/history/export", assistant.api()::export, MEMBER);
        routes.post("/api/v1/assistant/new", assistant.api()::startOver, MEMBER);
        routes.get("/api/v1/assistant/settings", assistant.api()::settings, ADMIN);
        routes.put("/api/v1/assistant/settings", assistant.api()::saveSettings, ADMIN);
        routes.post("/api/v1/assistant/settings/test", assistant.api()::testSettings, ADMIN);
        routes.get("/api/v1/assistant/usage", assistant.api()::usage, ADMIN);
    }

    /**
     * The assistant's tools for scripts and the remote MCP mode: anyone signed in may list them; each
     * call is checked by the tool layer (the {@code assistant} permission, then the tool's own rules).
     */
    static void registerTools(RoutesConfig routes, ToolApi api) {
        routes.get("/api/v1/assistant/tools", api::list, MEMBER);
        routes.post("/api/v1/assistant/tools/{name}", api::call, MEMBER);
    }

    /**
     * Request tracking: each Radarr, Sonarr and Seerr calls its own webhook, proving itself with its
     * instance's secret instead of a session (so PUBLIC here); admins make and rotate the secrets.
     */
    static void registerWebhooks(RoutesConfig routes, WebhookPages pages, WebhookApi api) {
        routes.get("/settings/services/{id}/webhook", pages::show, ADMIN);
        routes.post("/settings/services/{id}/webhook", pages::rotate, ADMIN);
        routes.post("/api/v1/webhooks/radarr/{serviceId}", api::radarr, PUBLIC);
        routes.post("/api/v1/webhooks/sonarr/{serviceId}", api::sonarr, PUBLIC);
        routes.post("/api/v1/webhooks/seerr/{serviceId}", api::seerr, PUBLIC);
        routes.get("/api/v1/webhooks", api::list, ADMIN);
        routes.post("/api/v1/webhooks/{serviceId}/secret", api::issue, ADMIN);
    }
}
