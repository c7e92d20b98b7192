package dev.medianest.channels.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.accounts.ApiTokens;
import dev.medianest.features.accounts.Lookup;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.assistant.Tools;
import dev.medianest.platform.config.Settings;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;
import dev.medianest.platform.net.RateLimiter;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import reactor.core.publisher.Mono;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * MCP over Streamable HTTP at {@code /mcp}: every request must carry a personal API token as
 * {@code Authorization: Bearer}, is counted against that token's allowance, and runs as the token's
 * owner narrowed to its scopes, in their language. Sessions (2025-06-18, 2025-11-25) are the SDK's
 * servlet transport; session-less 2026-07-28 requests are answered by {@link StatelessMcp}.
 */
public final class McpHttp extends HttpServlet {

    /** Where the web server mounts it. */
    public static final String PATH = "/mcp";

    private static final int UNAUTHORIZED_CODE = -32001;
    private static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";
    private static final String SESSION_HEADER = "Mcp-Session-Id";

    private final transient Tools tools;
    private final transient ApiTokens apiTokens;
    private final transient Messages messages;
    private final transient ObjectMapper json;
    private final transient RateLimiter allowance;
    private final Language defaultLanguage;
    private final long maxBodyBytes;
    private final transient String version;
    private transient ServletConfig servletConfig;
    /** Built on the first call to /mcp: the SDK and Reactor cost memory a server that no client uses should not pay. */
    private transient volatile Engine engine;

    /** The MCP SDK's server and the handlers around it. */
    private record Engine(HttpServletStreamableServerTransportProvider sessions, McpCatalog catalog, StatelessMcp stateless,
                          McpSyncServer server) {
    }

    private McpHttp(Tools tools, ApiTokens apiTokens, Messages messages, Settings settings, String version, ObjectMapper json) {
        this.tools = tools;
        this.apiTokens = apiTokens;
        this.messages = messages;
        this.json = json;
        this.allowance = new RateLimiter(settings.security().apiRequestsPerMinute());
        this.defaultLanguage = Language.fromCode(settings.ui().defaultLanguage()).orElse(Language.EN);
        this.maxBodyBytes = settings.server().maxRequestBytes();
        this.version = version;
    }

    private Engine engine() {
        Engine built = engine;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (engine == null) {
                // Lists are the same for everyone; each request runs as the caller the bearer token names.
                McpCatalog catalog = new McpCatalog(json, tools.definitions(), messages.in(defaultLanguage), version, McpHttp::callerOf);
                StatelessMcp stateless = new StatelessMcp(catalog);
                HttpServletStreamableServerTransportProvider sessions = HttpServletStreamableServerTransportProvider.builder()
                        .jsonMapper(catalog.mcpJson())
                        .mcpEndpoint(PATH)
                        .maxRequestSize((int) Math.min(Integer.MAX_VALUE, maxBodyBytes))
                        .contextExtractor(request -> McpTransportContext.create(Map.of(Caller.CONTEXT_KEY, request.getAttribute(Caller.CONTEXT_KEY))))
                        .build();
                McpSyncServer server = catalog.build(McpServer.sync(new Negotiating(sessions)));
                try {
                    sessions.init(servletConfig);
                } catch (ServletException failed) {
                    throw new IllegalStateException("the MCP transport could not start", failed);
                }
                engine = new Engine(sessions, catalog, stateless, server);
            }
            return engine;
        }
    }

    /** The servlet to mount at {@link #PATH}. */
    public static McpHttp servlet(Tools tools, ApiTokens apiTokens, Messages messages, Settings settings, String version, ObjectMapper json) {
        return new McpHttp(tools, apiTokens, messages, settings, version, json);
    }

    private static Caller callerOf(McpTransportContext context) {
        if (context.get(Caller.CONTEXT_KEY) instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("an MCP request reached a handler without an authenticated caller");
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        this.servletConfig = config;
    }

    /** Ends every session and its open event streams; the server is stopping. */
    public void close() {
        Engine built = engine;
        if (built != null) {
            built.server().closeGracefully();
        }
    }

    @Override
    public void destroy() {
        Engine built = engine;
        if (built != null) {
            built.server().close();
            built.sessions().destroy();
        }
        super.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Language guess = Language.fromAcceptLanguage(request.getHeader("Accept-Language")).orElse(defaultLanguage);
        Optional<Principal> principal = authenticate(request, response, messages.in(guess));
        if (principal.isEmpty()) {
            return;
        }
        Principal who = principal.get();
        Language language = who.user().language().orElse(guess);
        Messages.Texts texts = messages.in(language);
        String tokenId = ((Principal.TokenCredential) who.credential()).tokenId();
        OptionalLong wait = allowance.take("token:" + tokenId);
        if (wait.isPresent()) {
            response.setHeader("Retry-After", String.valueOf(wait.getAsLong()));
            refuse(response, 429, texts.get("mcp.http.rate_limited", wait.getAsLong()), "rate_limited");
            return;
        }
        Caller caller = new Caller(tools.as(who, language), texts);
        request.setAttribute(Caller.CONTEXT_KEY, caller);
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            engine().sessions().service(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        if (body.length > maxBodyBytes) {
            write(response, 413, JsonRpc.error(json, null, -32600, texts.get("mcp.http.too_large", maxBodyBytes)));
            return;
        }
        switch (JsonRpc.read(new String(body, StandardCharsets.UTF_8), json, texts)) {
            case JsonRpc.Malformed malformed -> write(response, 400, malformed.error());
            case JsonRpc.Message message when isStateless(request, message) -> answerStatelessly(request, response, message, caller);
            case JsonRpc.Message message when engine().catalog().callsUnknownTool(message) ->
                    write(response, 200, engine().catalog().unknownToolAnswer(message, texts));
            case JsonRpc.Message message -> engine().sessions().service(new Replayed(request, body), response);
        }
    }

    /** A bearer token only: no session cookie, so a page in a browser can never drive the assistant. */
    private Optional<Principal> authenticate(HttpServletRequest request, HttpServletResponse response, Messages.Texts texts) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"medianest\"");
            refuse(response, 401, texts.get("mcp.http.no_token"), "unauthenticated");
            return Optional.empty();
        }
        Lookup lookup = apiTokens.lookup(authorization.substring(7).trim());
        switch (lookup) {
            case Lookup.Active active when active.principal().user().mustChangePassword() -> {
                refuse(response, 403, texts.get("mcp.http.password_change_required"), "password_change_required");
                return Optional.empty();
            }
            case Lookup.Active active -> {
                return Optional.of(active.principal());
            }
            case Lookup.Expired expired -> {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"medianest\", error=\"invalid_token\", error_description=\"token expired\"");
                refuse(response, 401, texts.get("mcp.http.token_expired"), "token_expired");
                return Optional.empty();
            }
            case Lookup.Unknown unknown -> {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"medianest\", error=\"invalid_token\"");
                refuse(response, 401, texts.get("mcp.http.token_invalid"), "token_invalid");
                return Optional.empty();
            }
            case Lookup.Disabled disabled -> {
                refuse(response, 403, texts.get("mcp.http.account_disabled"), "account_disabled");
                return Optional.empty();
            }
        }
    }

    private static boolean isStateless(HttpServletRequest request, JsonRpc.Message message) {
        if (message.stateless()) {
            return true;
        }
        // A 2026-07-28 client that left the version out of _meta still names it in the header.
        return McpVersions.V2026_07_28.equals(request.getHeader(PROTOCOL_VERSION_HEADER)) && request.getHeader(SESSION_HEADER) == null
                && !message.method().filter("initialize"::equals).isPresent();
    }

    /**
     * A 2026-07-28 request: JSON, or an event stream when the client asked for progress and accepts
     * one, so the progress notifications travel before the result (Streamable HTTP in the spec).
     */
    private void answerStatelessly(HttpServletRequest request, HttpServletResponse response, JsonRpc.Message message, Caller caller)
            throws IOException {
        Optional<String> header = Optional.ofNullable(request.getHeader(PROTOCOL_VERSION_HEADER));
        if (!message.isRequest()) {
            response.setStatus(202);
            return;
        }
        String accept = Optional.ofNullable(request.getHeader("Accept")).orElse("");
        boolean stream = message.meta().has("progressToken") && accept.contains("text/event-stream");
        if (!stream) {
            StatelessMcp.Answer answer = engine().stateless().handle(message, caller, header, notification -> {
            }).orElseThrow();
            write(response, answer.httpStatus(), answer.message());
            return;
        }
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        PrintWriter events = response.getWriter();
        engine().stateless().handle(message, caller, header, notification -> event(events, notification))
                .ifPresent(answer -> event(events, answer.message()));
    }

    private void event(PrintWriter events, ObjectNode message) {
        synchronized (events) {
            events.write("event: message\ndata: " + engine().catalog().write(message) + "\n\n");
            events.flush();
        }
    }

    /** A refusal before any MCP handling, shaped as a JSON-RPC error so MCP clients can show it. */
    private void refuse(HttpServletResponse response, int status, String message, String reason) throws IOException {
        ObjectNode error = JsonRpc.error(json, null, UNAUTHORIZED_CODE, message);
        ((ObjectNode) error.get("error")).putObject("data").put("reason", reason);
        write(response, status, error);
    }

    private void write(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // Not through the engine: a refused token must not build the MCP SDK it would never use.
        response.getWriter().write(json.writeValueAsString(body));
    }

    /** The SDK's transport with the versions MediaNest negotiates at initialize (the SDK's own list stops at 2025-11-25). */
    private record Negotiating(McpStreamableServerTransportProvider delegate) implements McpStreamableServerTransportProvider {

        @Override
        public void setSessionFactory(McpStreamableServerSession.Factory factory) {
            delegate.setSessionFactory(factory);
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return delegate.notifyClients(method, params);
        }

        @Override
        public Mono<Void> notifyClient(String sessionId, String method, Object params) {
            return delegate.notifyClient(sessionId, method, params);
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully();
        }

        @Override
        public List<String> protocolVersions() {
            return McpVersions.WITH_INITIALIZE;
        }
    }

    /** The request with its body, already read to look at it, readable again by the SDK. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    try {
                        return bytes.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }

                @Override
                public int read() throws IOException {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return bytes.read(buffer, offset, length);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
