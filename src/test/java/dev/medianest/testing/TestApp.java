package dev.medianest.testing;

import dev.medianest.App;
import dev.medianest.features.accounts.InitialAdmin;
import dev.medianest.platform.config.ConfigException;
import dev.medianest.platform.config.ConfigLoader;
import dev.medianest.platform.config.Settings;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A real MediaNest (real SQLite file or PostgreSQL, real Jetty on a free loopback port) built by the
 * same composition root as production, for system tests.
 */
public final class TestApp implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "correct horse battery";

    private final App app;
    private final int port;
    private final Optional<InitialAdmin.Created> initialAdmin;

    private TestApp(App app, int port, Optional<InitialAdmin.Created> initialAdmin) {
        this.app = app;
        this.port = port;
        this.initialAdmin = initialAdmin;
    }

    /** Starts with an admin whose password is {@link #ADMIN_PASSWORD} (no forced change). */
    public static TestApp start(Path dataDir, Map<String, String> environment, Clock clock) {
        return start(dataDir, environment, clock, Optional.of(ADMIN_PASSWORD));
    }

    public static TestApp start(Path dataDir, Map<String, String> environment, Clock clock, Optional<String> adminPassword) {
        App app = App.assemble(settings(dataDir, environment), clock);
        Optional<InitialAdmin.Created> created = app.ensureInitialAdmin(adminPassword);
        return new TestApp(app, app.serve(), created);
    }

    /** Settings as production reads them, from environment variables, on a free loopback port. */
    public static Settings settings(Path dataDir, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>();
        env.put("MEDIANEST_DATA_DIR", dataDir.toString());
        env.put("MEDIANEST_SERVER_PORT", "0");
        env.put("MEDIANEST_SERVER_HOST", "127.0.0.1");
        env.putAll(environment);
        try {
            return new ConfigLoader(env).load(null);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("test settings invalid: " + e.getMessage(), e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The one-time admin password the first start generated (started without a preset password),
     * as an operator would read it from {@code initial-admin-password} in the data directory.
     */
    public String oneTimeAdminPassword() {
        return initialAdmin.flatMap(InitialAdmin.Created::oneTimePassword)
                .orElseThrow(() -> new IllegalStateException("this start made no one-time admin password"));
    }

    public App app() {
        return app;
    }

    @Override
    public void close() {
        app.close();
    }
}
