package dev.medianest.channels.cli;

import dev.medianest.platform.config.ConfigException;
import dev.medianest.platform.config.ConfigLoader;
import dev.medianest.platform.config.ConfigProblem;
import dev.medianest.platform.config.Settings;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What every command shares: the environment, standard streams, texts in the terminal's
 * language (LANG or MEDIANEST_LANG), and loading the configuration with readable problems.
 */
public final class Console {

    /** Exit status for configuration, environment and usage problems: nothing was started. */
    public static final int INVALID_INPUT = 2;
    public static final int FAILURE = 1;

    final Map<String, String> environment;
    final PrintWriter out;
    final PrintWriter err;
    final BufferedReader in;
    final Messages.Texts texts;
    /** Every language's texts, for what is said in the language of a message rather than the terminal's. */
    final Messages messages;

    public Console(Map<String, String> environment, PrintWriter out, PrintWriter err, BufferedReader in, Messages messages) {
        this.environment = Map.copyOf(environment);
        this.out = out;
        this.err = err;
        this.in = in;
        this.texts = messages.in(Language.fromPosixEnvironment(environment, Language.EN));
        this.messages = messages;
    }

    Settings loadSettings(Path configFile) throws ConfigException {
        return new ConfigLoader(environment).load(configFile);
    }

    /** One line per problem, each naming the source, the key, the value and what is allowed. */
    void printProblems(ConfigException problems) {
        for (ConfigProblem problem : problems.problems()) {
            String key = "config.problem." + problem.kind().name().toLowerCase(Locale.ROOT);
            String line = switch (problem.kind()) {
                case UNKNOWN_KEY -> texts.get(key, problem.source(), problem.key(), problem.allowed());
                case WRONG_TYPE, BAD_VALUE -> texts.get(key, problem.source(), problem.key(), problem.value(), problem.allowed());
                case UNREADABLE_FILE -> texts.get(key, problem.source());
                case MALFORMED_FILE -> texts.get(key, problem.source(), problem.value(), problem.allowed());
            };
            err.println(line);
        }
        err.println(texts.get("config.invalid", problems.problems().size()));
        err.flush();
    }

    void printInvalid(AppException invalid) {
        err.println(texts.get("cli.user.invalid"));
        invalid.details().forEach((field, key) -> err.println("  " + field + ": " + texts.get(key, invalid.args())));
        if (invalid.details().isEmpty()) {
            err.println("  " + texts.get(invalid.code().messageKey(), invalid.args()));
        }
        err.flush();
    }
}
