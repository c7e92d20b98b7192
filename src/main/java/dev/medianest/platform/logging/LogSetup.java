package dev.medianest.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.medianest.platform.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;

/** Applies {@code logging.level} and {@code logging.format} once the configuration is known. */
public final class LogSetup {

    private LogSetup() {
    }

    public static void apply(Settings.Logging logging) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        if ("json".equals(logging.format())) {
            URL json = LogSetup.class.getResource("/logback-json.xml");
            if (json != null) {
                context.reset();
                JoranConfigurator configurator = new JoranConfigurator();
                configurator.setContext(context);
                try {
                    configurator.doConfigure(json);
                } catch (JoranException e) {
                    throw new IllegalStateException("the bundled logback-json.xml is broken", e);
                }
            }
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(logging.level(), Level.INFO));
    }

    /**
     * For commands whose output is their answer ({@code chat}, {@code query}, {@code status}): only
     * errors are logged, unless {@code logging.level} asks for debug or trace. Returns what puts the
     * level back.
     */
    public static Runnable onlyErrors(Settings.Logging logging) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> {
            };
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        Level wanted = Level.toLevel(logging.level(), Level.INFO);
        root.setLevel(wanted.isGreaterOrEqual(Level.INFO) ? Level.ERROR : wanted);
        return () -> root.setLevel(before);
    }
}
