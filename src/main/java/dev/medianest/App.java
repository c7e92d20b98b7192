package dev.medianest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.medianest.channels.mcp.McpHttp;
import dev.medianest.channels.web.WebServer;
import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.assistant.Assistant;
import dev.medianest.features.assistant.AssistantSetup;
import dev.medianest.features.assistant.IntentParser;
import dev.medianest.features.assistant.ModelSettings;
import dev.medianest.features.assistant.Tools;
import dev.medianest.features.accounts.ApiTokens;
import dev.medianest.features.accounts.InitialAdmin;
import dev.medianest.features.accounts.Sessions;
import dev.medianest.features.accounts.SignIn;
import dev.medianest.features.accounts.SignInThrottle;
import dev.medianest.features.assistant.AssistantTools;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.features.services.ServiceCatalog;
import dev.medianest.features.events.EventBus;
import dev.medianest.features.services.ServiceConnector;
import dev.medianest.features.catalog.MetadataSources;
import dev.medianest.features.requests.AvailabilityCheck;
import dev.medianest.features.requests.DirectBackend;
import dev.medianest.features.requests.Discovery;
import dev.medianest.features.requests.QuotaPolicy;
import dev.medianest.features.requests.RequestDispatcher;
import dev.medianest.features.requests.RequestRouter;
import dev.medianest.features.requests.Requests;
import dev.medianest.features.requests.Webhooks;
import dev.medianest.integrations.arrlookup.ArrLookup;
import dev.medianest.integrations.deluge.DelugeConnector;
import dev.medianest.integrations.llm.LlmConnector;
import dev.medianest.integrations.prowlarr.ProwlarrConnector;
import dev.medianest.features.services.ServiceHealth;
import dev.medianest.features.services.StatusJob;
import dev.medianest.integrations.radarr.RadarrConnector;
import dev.medianest.integrations.qbittorrent.QbittorrentConnector;
import dev.medianest.integrations.transmission.TransmissionConnector;
import dev.medianest.integrations.readarr.ReadarrConnector;
import dev.medianest.integrations.seerr.SeerrConnector;
import dev.medianest.integrations.sonarr.SonarrConnector;
import dev.medianest.integrations.tmdb.TmdbConnector;
import dev.medianest.platform.config.Settings;
import dev.medianest.platform.crypto.SecretBox;
import dev.medianest.platform.crypto.SecretKeyFile;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.platform.crypto.PasswordHasher;
import dev.medianest.platform.crypto.SecureTokens;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.i18n.Messages;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The composition root: configuration → database → features → channels, built explicitly in
 * one place. Nothing else constructs long-lived parts, and nothing holds state in statics.
 */
public final class App implements AutoCloseable {

    private final Settings settings;
    private final Database database;
    private final Messages messages;
    private final SecureTokens tokens;
    private final Sessions sessions;
    private final Accounts accounts;
    private final ApiTokens apiTokens;
    private final SignIn signIn;
    private final InitialAdmin initialAdmin;
    private final Clock clock;
    private final ServiceCatalog services;
    private final MetadataSources metadata;
    private final EventBus events;
    private final ServiceHealth health;
    private final StatusJob statusJob;
    private final Requests requests;
    private final RequestDispatcher requestDispatcher;
    private final AvailabilityCheck availability;
    private final Discovery discovery;
    private final Webhooks webhooks;
    private final DownloadBoard downloads;
    private final Tools tools;
    private final Assistant assistant;
    private WebServer web;
    private McpHttp mcp;

    private App(Settings settings, Database database, Clock clock, SecretBox secretBox) {
        this.settings = settings;
        this.database = database;
        this.clock = clock;
        this.messages = new Messages();
        this.tokens = new SecureTokens();
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT_COST);
        this.sessions = new Sessions(database, tokens, clock, Duration.ofHours(settings.security().sessionIdleHours()),
                Duration.ofDays(settings.security().rememberMeDays()));
        this.accounts = new Accounts(database, hasher, sessions, clock, settings.data().dir());
        this.apiTokens = new ApiTokens(database, tokens, clock);
        this.signIn = new SignIn(database, hasher, new SignInThrottle(clock, settings.security().signInAttemptsBeforeLockout()), sessions);
        this.initialAdmin = new InitialAdmin(accounts, tokens, settings.data().dir());
        RemoteHttp http = new RemoteHttp(json());
        this.events = new EventBus();
        this.services = new ServiceCatalog(database, secretBox, clock, connectors(http), events);
        this.health = new ServiceHealth(database, clock, services);
        this.statusJob = new StatusJob(services, health, events, clock,
                Duration.ofSeconds(settings.services().probeIntervalSeconds()));
        events.subscribe(statusJob::onEvent);
        this.metadata = new MetadataSources(services, new TmdbConnector(http)::titles, new ArrLookup(http)::titles);
        Settings.Requests requestSettings = settings.requests();
        RequestRouter router = new RequestRouter(services, new DirectBackend(services), new SeerrConnector(http)::requestBackend);
        this.requests = new Requests(database, clock, events, new QuotaPolicy(requestSettings.movieQuota(), requestSettings.seasonQuota(),
                requestSettings.bookQuota(), requestSettings.quotaDays()), router);
        this.requestDispatcher = new RequestDispatcher(requests, router, Duration.ofMinutes(requestSettings.reconcileMinutes()));
        this.webhooks = new Webhooks(database, secretBox, tokens, clock, services, requests, router,
                List.of(RadarrConnector.webhookFormat(), SonarrConnector.webhookFormat(), SeerrConnector.webhookFormat()));
        // A search waits this long for *arr libraries not read yet, then shows its results without their badges.
        this.availability = new AvailabilityCheck(services, requests, Duration.ofMillis(600));
        this.discovery = new Discovery(metadata, services, availability, requests, router);
        events.subscribe(availability::onEvent);
        events.subscribe(discovery::onEvent);
        this.downloads = new DownloadBoard(services);
        this.tools = new Tools(json(), messages, AssistantTools.all(discovery, requests, downloads, health, messages));
        this.assistant = new Assistant(database, clock, secretBox, messages, tools, new IntentParser(), new LlmConnector(),
                assistantSetup(settings.assistant()), json());
    }

    /** The assistant as the configuration file sets it up (Settings › Assistant overrides it once saved). */
    private static AssistantSetup assistantSetup(Settings.Assistant configured) {
        ModelSettings model = new ModelSettings(ModelSettings.Provider.fromWireName(configured.provider()).orElse(ModelSettings.Provider.OFFLINE),
                configured.baseUrl().isEmpty() ? Optional.empty() : Optional.of(java.net.URI.create(configured.baseUrl())), configured.model(),
                Optional.of(configured.apiKey()), Duration.ofSeconds(configured.timeoutSeconds()), configured.maxRetries());
        return new AssistantSetup(model, configured.history(), configured.messagesPerMinute(), false);
    }

    /** Every service plug-in; each integration package adds its connector here. */
    private static List<ServiceConnector> connectors(RemoteHttp http) {
        return List.of(
                new RadarrConnector(http),
                new SonarrConnector(http),
                new ReadarrConnector(http),
                new ProwlarrConnector(http),
                new SeerrConnector(http),
                new TmdbConnector(http),
                new QbittorrentConnector(http),
                new TransmissionConnector(http),
                new DelugeConnector(http));
    }

    /** Prepares the data directory, opens and migrates the database, and builds the features. */
    public static App assemble(Settings settings, Clock clock) {
        return assemble(settings, clock, Optional.ofNullable(System.getenv("MEDIANEST_SECRET_KEY")));
    }

    /** As {@link #assemble(Settings, Clock)}, with the sealing key given instead of read from MEDIANEST_SECRET_KEY. */
    public static App assemble(Settings settings, Clock clock, Optional<String> secretKey) {
        Path dataDir = settings.data().dir();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException | SecurityException e) {
            throw new StartupException("cli.data_dir_unwritable", e, dataDir);
        }
        if (!Files.isDirectory(dataDir) || !Files.isWritable(dataDir)) {
            throw new StartupException("cli.data_dir_unwritable", null, dataDir);
        }
        SecretBox secretBox;
        try {
            secretBox = new SecretBox(SecretKeyFile.load(secretKey, dataDir));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new StartupException("cli.secret_key_invalid", e, e.getMessage());
        }
        Database database;
        try {
            database = Database.open(settings.database(), dataDir);
            database.migrate();
        } catch (RuntimeException e) {
            throw new StartupException("cli.database_unreachable", e, rootMessage(e));
        }
        return new App(settings, database, clock, secretBox);
    }

    /** The first start of an empty database creates the admin account. */
    public Optional<InitialAdmin.Created> ensureInitialAdmin(Optional<String> presetPassword) {
        return initialAdmin.ensure(presetPassword);
    }

    /** Builds and starts the web channel; returns the port it listens on. */
    public int serve() {
        Optional<PrometheusMeterRegistry> metrics = Optional.empty();
        if (settings.metrics().enabled()) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmGcMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            metrics = Optional.of(registry);
        }
        mcp = McpHttp.servlet(tools, apiTokens, messages, settings, BuildInfo.version(), json());
        web = new WebServer(new WebServer.Parts(settings, database, accounts, signIn, sessions, apiTokens, messages, tokens,
                json(), metrics, BuildInfo.version(), services, health, webhooks, requests, discovery, downloads, tools, assistant,
                Map.of(McpHttp.PATH, mcp)));
        try {
            web.start();
        } catch (WebServer.PortInUseException taken) {
            web = null;
            throw new StartupException("cli.port_in_use", taken, taken.host(), String.valueOf(taken.port()));
        }
        events.subscribe(web::deliver);
        sessions.purgeExpired();
        // Probing belongs to the server: CLI commands build the same App but never call serve().
        statusJob.start();
        requestDispatcher.start();
        return web.port();
    }

    public static ObjectMapper json() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return mapper;
    }

    public Settings settings() {
        return settings;
    }

    public ServiceCatalog services() {
        return services;
    }

    /** Where discovery looks titles up: TMDb, else the Radarr/Sonarr lookup. */
    public MetadataSources metadata() {
        return metadata;
    }

    /** The status job, so tests can run a due round at once instead of waiting for its timer. */
    public StatusJob statusJob() {
        return statusJob;
    }

    /** The request portal's use cases. */
    public Requests requests() {
        return requests;
    }

    /** Webhook secrets and calls from Radarr, Sonarr and Seerr. */
    public Webhooks webhooks() {
        return webhooks;
    }

    /** Discover, search and the title pages, with availability badges. */
    public Discovery discovery() {
        return discovery;
    }

    /** Sends approved requests and reconciles in-flight ones; tests run its rounds directly. */
    public RequestDispatcher requestDispatcher() {
        return requestDispatcher;
    }

    /** The torrents of every download client; the web's Downloads page and the assistant's tools share it. */
    public DownloadBoard downloads() {
        return downloads;
    }

    /** The assistant's tools, which every channel calls. */
    public Tools tools() {
        return tools;
    }

    /** The assistant: conversations, its settings and its token use. */
    public Assistant assistant() {
        return assistant;
    }

    /** Personal API tokens: who a bearer token belongs to. */
    public ApiTokens apiTokens() {
        return apiTokens;
    }

    public ServiceHealth health() {
        return health;
    }

    public EventBus events() {
        return events;
    }

    public Accounts accounts() {
        return accounts;
    }

    public Messages messages() {
        return messages;
    }

    public SecureTokens tokens() {
        return tokens;
    }

    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        statusJob.close();
        requestDispatcher.close();
        discovery.close();
        availability.close();
        if (mcp != null) {
            // Open MCP sessions hold event streams; ending them first keeps the web server's graceful stop quick.
            mcp.close();
        }
        if (web != null) {
            web.stop();
        }
        database.close();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
