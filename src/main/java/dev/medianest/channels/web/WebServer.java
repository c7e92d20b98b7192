package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.assistant.Assistant;
import dev.medianest.features.assistant.Tools;
import dev.medianest.features.accounts.ApiTokens;
import dev.medianest.features.accounts.SignIn;
import dev.medianest.features.accounts.Sessions;
import dev.medianest.features.events.DomainEvent;
import dev.medianest.features.downloads.DownloadAudience;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.features.requests.Discovery;
import dev.medianest.features.requests.Webhooks;
import dev.medianest.features.requests.Requests;
import dev.medianest.features.downloads.TorrentFileLimit;
import dev.medianest.features.services.ServiceCatalog;
import dev.medianest.features.services.ServiceHealth;
import dev.medianest.platform.config.Settings;
import dev.medianest.platform.crypto.SecureTokens;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Messages;
import io.javalin.Javalin;
import jakarta.servlet.Servlet;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The web channel: pages, the JSON API under {@code /api/v1}, health and metrics, on one Javalin
 * (Jetty 12) server with virtual threads.
 */
public final class WebServer {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;
    private final Settings settings;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final LiveUpdates live;
    private final DownloadLive downloadLive;
    private final RequestLive requestLive;

    /** What the web channel is built from; the composition root fills it in. */
    public record Parts(Settings settings, Database database, Accounts accounts, SignIn signIn, Sessions sessions,
                        ApiTokens apiTokens, Messages messages, SecureTokens tokens, ObjectMapper json,
                        Optional<PrometheusMeterRegistry> metrics, String version, ServiceCatalog services,
                        ServiceHealth health, Webhooks webhooks, Requests requests, Discovery discovery,
                        DownloadBoard downloads, Tools tools, Assistant assistant,
                        Map<String, Servlet> servlets) {
    }

    public WebServer(Parts parts) {
        this.settings = parts.settings();
        Pages pages = new Pages(List.of(
                new Pages.Section("/", "nav.dashboard", false),
                new Pages.Section("/discover", "nav.discover", false),
                new Pages.Section("/requests", "nav.requests", false),
                new Pages.Section("/downloads", "nav.downloads", false),
                new Pages.Section("/assistant", "chat.nav.chat", false, Optional.of(Permission.ASSISTANT)),
                new Pages.Section("/profile", "nav.profile", false),
                new Pages.Section("/admin/users", "nav.users", true),
                new Pages.Section("/settings/services", "nav.services", true),
                new Pages.Section("/settings/assistant", "chat.nav.settings", true)));
        TorrentUploads torrentUploads = new TorrentUploads(new TorrentFileLimit(settings.downloads().maxTorrentFileMegabytes()));
        Gatekeeper gatekeeper = new Gatekeeper(settings, parts.sessions(), parts.apiTokens(), parts.messages(), parts.tokens(),
                userId -> parts.accounts().theme(userId), torrentUploads);
        AccountPages accountPages = new AccountPages(pages, parts.signIn(), parts.sessions(), parts.apiTokens(), parts.accounts(),
                parts.version(), parts.health());
        AdminPages adminPages = new AdminPages(pages, parts.accounts(), parts.requests());
        AccountApi accountApi = new AccountApi(parts.signIn(), parts.sessions(), parts.apiTokens(), parts.accounts(), parts.json());
        UserApi userApi = new UserApi(parts.accounts(), parts.json());
        ServicePages servicePages = new ServicePages(pages, parts.services(), parts.health());
        ServiceApi serviceApi = new ServiceApi(parts.services(), parts.health(), parts.json());
        this.live = new LiveUpdates(pages, parts.health());
        DownloadBoard downloadBoard = parts.downloads();
        DownloadAudience audience = new DownloadAudience(parts.requests()::torrentHashesOf);
        DownloadPages downloadPages = new DownloadPages(pages, downloadBoard, torrentUploads.limit(), audience);
        DownloadApi downloadApi = new DownloadApi(downloadBoard, parts.json(), torrentUploads, audience);
        this.downloadLive = new DownloadLive(pages, downloadBoard, audience);
        this.requestLive = new RequestLive(pages, parts.requests(), parts.discovery());
        RouteTable.RequestRoutes requestRoutes = new RouteTable.RequestRoutes(new RequestPages(pages, parts.requests(), parts.accounts()),
                new RequestApi(parts.requests(), parts.accounts(), parts.json()), requestLive);
        ToolApi toolApi = new ToolApi(parts.tools(), parts.json());
        OpsRoutes ops = new OpsRoutes(parts.database(), parts.metrics(), draining);
        long graceMillis = Duration.ofSeconds(settings.server().shutdownGraceSeconds()).toMillis();

        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.jetty.host = settings.server().host();
            config.jetty.port = settings.server().port();
            // Javalin's server already wraps its handlers in a StatisticsHandler, which makes Jetty's
            // stop wait for in-flight requests up to the stop timeout (GracefulShutdownTest proves it).
            config.jetty.modifyServer(server -> server.setStopTimeout(graceMillis));
            // Other channels' endpoints (the MCP server at /mcp) are servlets beside Javalin's; an exact
            // path wins over Javalin's catch-all, and each checks its own callers.
            config.jetty.modifyServletContextHandler(handler -> parts.servlets().forEach((path, servlet) ->
                    handler.addServlet(new ServletHolder(servlet), path)));
            config.http.maxRequestSize = settings.server().maxRequestBytes();
            config.http.generateEtags = false;
            config.jsonMapper(new JavalinJackson(parts.json(), true));
            config.routes.before(gatekeeper::identify);
            config.routes.beforeMatched(gatekeeper::admit);
            config.routes.after(ctx -> MDC.clear());
            RouteTable.register(config.routes, accountPages, adminPages, accountApi, userApi, ops, new StaticAssets(), servicePages, serviceApi, live,
                    new RouteTable.Downloads(downloadPages, downloadApi, downloadLive), requestRoutes,
                    new RouteTable.Discover(new DiscoverPages(pages, parts.discovery()), new DiscoverApi(parts.discovery())));

            RouteTable.registerTools(config.routes, toolApi);
            RouteTable.registerAssistant(config.routes, new RouteTable.AssistantRoutes(
                    new AssistantPages(pages, parts.assistant(), parts.json()), new AssistantApi(parts.assistant(), parts.json())));
            RouteTable.registerWebhooks(config.routes, new WebhookPages(pages, parts.webhooks(), settings.server()),
                    new WebhookApi(parts.webhooks(), settings.server()));
            config.routes.exception(Gatekeeper.Redirect.class, (redirect, ctx) -> ctx.redirect(redirect.location, HttpStatus.SEE_OTHER));
            config.routes.exception(AppException.class, (error, ctx) -> fail(ctx, pages, error));
            config.routes.exception(HttpResponseException.class, (error, ctx) -> {
                ErrorCode code = codeFor(error.getStatus());
                fail(ctx, pages, code == ErrorCode.PAYLOAD_TOO_LARGE
                        ? new AppException(code, settings.server().maxRequestBytes()) : new AppException(code));
            });
            config.routes.exception(Exception.class, (error, ctx) -> {
                LOG.error("request failed: {} {}", ctx.method(), ctx.path(), error);
                fail(ctx, pages, new AppException(ErrorCode.INTERNAL_ERROR));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    fail(ctx, pages, new AppException(ErrorCode.NOT_FOUND));
                }
            });
            config.routes.error(405, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    fail(ctx, pages, new AppException(ErrorCode.METHOD_NOT_ALLOWED));
                }
            });
            parts.metrics().ifPresent(registry -> config.requestLogger.http((ctx, millis) -> Timer.builder("http.server.requests")
                    .tag("method", ctx.method().name())
                    .tag("uri", routeOf(ctx))
                    .tag("status", String.valueOf(ctx.statusCode()))
                    .register(registry)
                    .record(Duration.ofNanos((long) (millis * 1_000_000)))));
        });
    }

    private static String routeOf(Context ctx) {
        try {
            return ctx.endpoints().matchedHttpEndpoint().path;
        } catch (RuntimeException unmatched) {
            return "UNMATCHED";
        }
    }

    private static ErrorCode codeFor(int status) {
        return switch (status) {
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 400 -> ErrorCode.MALFORMED_JSON;
            default -> ErrorCode.INTERNAL_ERROR;
        };
    }

    /** An error reaches an API caller as the JSON error shape and a person as a page in their language. */
    private static void fail(Context ctx, Pages pages, AppException error) {
        Optional<RequestState> state = RequestState.find(ctx);
        if (state.isEmpty()) {
            ctx.status(ApiErrors.status(error.code())).result(error.code().wireName());
            return;
        }
        if (state.get().api) {
            ApiErrors.write(ctx, error, state.get().texts);
            return;
        }
        ctx.status(ApiErrors.status(error.code()));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("status", ApiErrors.status(error.code()));
        StringBuilder message = new StringBuilder(state.get().texts.get(error.code().messageKey(), error.args()));
        // The details say why (a download client's reason, a field's problem); a page has nowhere else to show them.
        error.details().values().forEach(key -> message.append(' ').append(state.get().texts.get(key, error.args())));
        params.put("message", message.toString());
        pages.render(ctx, "error.jte", params);
    }

    /** Starts listening; fails with a {@link PortInUseException} when the port is taken. */
    public void start() {
        try {
            app.start();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.net.BindException) {
                    throw new PortInUseException(settings.server().host(), settings.server().port(), e);
                }
            }
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** Hands a domain event to the open dashboards; the composition root subscribes this to the event bus. */
    public void deliver(DomainEvent event) {
        live.deliver(event);
        requestLive.deliver(event);
    }

    /** Stops accepting requests, lets in-flight ones finish within the grace period, then stops. */
    public void stop() {
        draining.set(true);
        // Open dashboards hold their requests forever; ending them first keeps the graceful stop quick.
        live.close();
        downloadLive.close();
        requestLive.close();
        app.stop();
    }

    /** The configured port is taken by another program. */
    public static final class PortInUseException extends RuntimeException {
        private final String host;
        private final int port;

        PortInUseException(String host, int port, Throwable cause) {
            super("port " + port + " on " + host + " is in use", cause);
            this.host = host;
            this.port = port;
        }

        public String host() {
            return host;
        }

        public int port() {
            return port;
        }
    }
}
