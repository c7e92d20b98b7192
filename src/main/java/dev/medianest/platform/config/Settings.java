package dev.medianest.platform.config;

import dev.medianest.platform.net.IpRange;

import java.nio.file.Path;
import java.util.List;

/** The validated configuration of one MediaNest process. Built only by {@link ConfigLoader}. */
public record Settings(Server server, Data data, Database database, Security security, Ui ui, Logging logging,
                       Metrics metrics, Services services, Requests requests, Downloads downloads, Assistant assistant,
                       String source) {

    /** The web server. */
    public record Server(String host, int port, String publicUrl, List<IpRange> trustedProxies, long maxRequestBytes,
                         int shutdownGraceSeconds) {
        public Server {
            trustedProxies = List.copyOf(trustedProxies);
        }
    }

    /** Where state lives. */
    public record Data(Path dir) {
    }

    /** The database; an empty url means SQLite in the data directory. */
    public record Database(String url, String username, String password, int maxPoolSize) {
        public boolean isPostgres() {
            return url.startsWith("jdbc:postgresql:");
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + ", password=" + (password.isEmpty() ? "" : "(hidden)")
                    + ", maxPoolSize=" + maxPoolSize + "]";
        }
    }

    /** Session lifetimes and rate limits. */
    public record Security(int sessionIdleHours, int rememberMeDays, int apiRequestsPerMinute,
                           int signInAttemptsBeforeLockout) {
    }

    /** The web interface. */
    public record Ui(String defaultLanguage) {
    }

    /** Log output. */
    public record Logging(String level, String format) {
    }

    /** Prometheus metrics. */
    public record Metrics(boolean enabled) {
    }

    /** Health checks of the configured services. */
    public record Services(int probeIntervalSeconds) {
    }

    /** Request quotas and tracking. */
    public record Requests(int movieQuota, int seasonQuota, int bookQuota, int quotaDays, int reconcileMinutes) {
    }

    /** The Downloads board. */
    public record Downloads(int maxTorrentFileMegabytes) {
        public Downloads {
            if (maxTorrentFileMegabytes < 1 || maxTorrentFileMegabytes > 100) {
                throw new IllegalArgumentException("maxTorrentFileMegabytes must be 1 to 100: " + maxTorrentFileMegabytes);
            }
        }
    }

    /**
     * The assistant as the configuration file sets it up; Settings › Assistant overrides it once saved.
     *
     * @param provider the wire name (offline, anthropic, openai, ollama, openai-compatible)
     */
    public record Assistant(String provider, String model, String baseUrl, String apiKey, int timeoutSeconds, int maxRetries,
                            int messagesPerMinute, boolean history) {
        @Override
        public String toString() {
            return "Assistant[provider=" + provider + ", model=" + model + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isEmpty() ? "" : "***")
                    + ", timeoutSeconds=" + timeoutSeconds + ", maxRetries=" + maxRetries + ", messagesPerMinute=" + messagesPerMinute
                    + ", history=" + history + "]";
        }
    }

    /** Where the settings came from, for messages ("medianest.yml", "defaults"). */
    @Override
    public String source() {
        return source;
    }
}
