package dev.medianest.platform.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of every configuration key MediaNest reads. The example file, {@code docs/configuration.md}
 * and the validator all follow this list; a test keeps the documents in step with it.
 */
public final class ConfigKeys {

    private static final List<ConfigKey> ALL = List.of(
            ConfigKey.string("server.host", "0.0.0.0", "an IP address or host name to listen on",
                    "Address the web server binds to. 0.0.0.0 listens on every interface; 127.0.0.1 keeps it local.", false),
            ConfigKey.integer("server.port", 8080, 0, 65535, "TCP port of the web server and the JSON API; 0 picks a free port (printed at start)."),
            ConfigKey.url("server.publicUrl", "empty, or an http:// or https:// URL",
                    "The address people use to reach MediaNest (https://media.example.org). Printed at start and used in links."),
            ConfigKey.list("server.trustedProxies", "a list of IP addresses or CIDR blocks, such as 127.0.0.1 or 10.0.0.0/8",
                    "Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto headers are believed. Only then are HSTS and "
                            + "Secure cookies switched on for HTTPS requests. Empty: forwarded headers are ignored."),
            ConfigKey.integer("server.maxRequestBytes", 1_048_576, 1_024, 104_857_600,
                    "Largest request body accepted; larger requests get 413 payload_too_large."),
            ConfigKey.integer("server.shutdownGraceSeconds", 20, 0, 300,
                    "On SIGTERM, how long in-flight requests may take to finish before the server stops."),
            ConfigKey.path("data.dir", "./data", "Directory for the SQLite database, the key file and other state."),
            ConfigKey.string("database.url", "", "empty (SQLite in data.dir), jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB",
                    "Database to use. Empty keeps everything in data.dir/medianest.db.", false),
            ConfigKey.string("database.username", "", "a PostgreSQL user name", "User for a PostgreSQL database.url.", false),
            ConfigKey.string("database.password", "", "a PostgreSQL password", "Password for a PostgreSQL database.url.", true),
            ConfigKey.integer("database.maxPoolSize", 4, 1, 100,
                    "Connections kept for reading (SQLite) or for everything (PostgreSQL). SQLite always has one writer."),
            ConfigKey.integer("security.sessionIdleHours", 24, 1, 720,
                    "A browser session without \"remember me\" ends after this many idle hours."),
            ConfigKey.integer("security.rememberMeDays", 90, 1, 365,
                    "A \"remember me\" session ends after this many days without use."),
            ConfigKey.integer("security.apiRequestsPerMinute", 100, 1, 100_000,
                    "JSON API requests one user (or one address, when signed out) may make per minute; more get 429 with Retry-After."),
            ConfigKey.integer("security.signInAttemptsBeforeLockout", 5, 1, 100,
                    "Failed sign-ins for one user name before a lockout starts; each further failure doubles it (30 s up to 1 h). "
                            + "One address gets four times as many."),
            ConfigKey.choice("ui.defaultLanguage", "en", List.of("en", "ru"),
                    "Language for people whose browser asks for neither English nor Russian."),
            ConfigKey.choice("logging.level", "INFO", List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"),
                    "Lowest level written to the log."),
            ConfigKey.choice("logging.format", "text", List.of("text", "json"),
                    "text for people, json (one object per line) for log collectors."),
            ConfigKey.bool("metrics.enabled", true, "Serve Prometheus metrics at /metrics (admins and admin API tokens only)."),
            ConfigKey.integer("services.probeIntervalSeconds", 60, 10, 3600,
                    "How often the server checks each service in Settings › Services for the dashboard. A failing service is "
                            + "checked less often, doubling the wait after each failure up to 30 minutes, and back to this interval once it answers."),
            ConfigKey.integer("requests.quota.movies", 10, 0, 10_000,
                    "Movies one person may request within requests.quota.days; 0 means no limit. Admins have none; an admin can set "
                            + "another limit per person (Users › Edit). Declined and cancelled requests do not count, nor does joining a "
                            + "title someone else already asked for."),
            ConfigKey.integer("requests.quota.seasons", 20, 0, 10_000,
                    "Series seasons one person may request within requests.quota.days (a request for a whole series counts all its "
                            + "seasons); 0 means no limit."),
            ConfigKey.integer("requests.quota.books", 10, 0, 10_000,
                    "Books one person may request within requests.quota.days; 0 means no limit."),
            ConfigKey.integer("requests.quota.days", 7, 1, 365,
                    "The rolling period, in days, that the request quotas count over."),
            ConfigKey.integer("requests.reconcileMinutes", 5, 1, 1440,
                    "How often requests being worked on are checked against Radarr, Sonarr, Readarr or Seerr, catching anything a "
                            + "missed webhook would have lost."),
            ConfigKey.integer("downloads.maxTorrentFileMegabytes", 10, 1, 100,
                    "Largest .torrent file accepted when adding a torrent, through the Downloads page or the API, in MB "
                            + "(1 MB = 1,048,576 bytes). This upload may exceed server.maxRequestBytes. Real torrent files are "
                            + "kilobytes, a few MB for huge multi-file sets; a larger file is refused before any client sees it."),
            ConfigKey.choice("assistant.provider", "offline", List.of("offline", "anthropic", "openai", "ollama", "openai-compatible"),
                    "Which LLM the assistant uses: offline (none; the built-in English/Russian understanding answers everything), "
                            + "anthropic (Claude), openai, ollama, or openai-compatible (LM Studio, vLLM, llama.cpp server). "
                            + "Settings › Assistant overrides this once an admin saves it there."),
            ConfigKey.string("assistant.model", "", "a model name such as claude-sonnet-4-5, gpt-4o-mini or llama3.1",
                    "The model to ask; required for every provider except offline.", false),
            ConfigKey.url("assistant.baseUrl", "empty, or an http:// or https:// URL",
                    "The provider's API address. Empty: the provider's own (Ollama: http://localhost:11434). Required for openai-compatible "
                            + "(for example http://localhost:1234/v1 for LM Studio)."),
            ConfigKey.string("assistant.apiKey", "", "the provider's API key",
                    "API key of the provider (required for anthropic and openai). Kept sealed in the database once saved in Settings › Assistant.", true),
            ConfigKey.integer("assistant.timeoutSeconds", 60, 5, 600,
                    "Longest wait for one answer of the LLM; after it the assistant answers with the offline understanding."),
            ConfigKey.integer("assistant.maxRetries", 2, 0, 10,
                    "Extra attempts after the provider answers 429 (rate limited) or 5xx, waiting longer each time."),
            ConfigKey.integer("assistant.messagesPerMinute", 10, 1, 1000,
                    "Messages one person may send to the LLM per minute; past it the offline understanding answers until the minute is over."),
            ConfigKey.bool("assistant.history", true,
                    "Keep each person's conversation so follow-ups work and they can read, export or delete it. Off: nothing is stored "
                            + "but a pending choice or confirmation.")
    );

    private static final Map<String, ConfigKey> BY_PATH = index();

    private ConfigKeys() {
    }

    public static List<ConfigKey> all() {
        return ALL;
    }

    public static Optional<ConfigKey> find(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    private static Map<String, ConfigKey> index() {
        Map<String, ConfigKey> map = new LinkedHashMap<>();
        for (ConfigKey key : ALL) {
            map.put(key.path(), key);
        }
        return Map.copyOf(map);
    }
}
