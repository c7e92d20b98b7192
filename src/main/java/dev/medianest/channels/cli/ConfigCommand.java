package dev.medianest.channels.cli;

import dev.medianest.platform.config.ConfigException;
import dev.medianest.platform.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code medianest config}: work with the configuration without starting anything. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check the configuration.",
        subcommands = {})
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code medianest config validate}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Read the configuration file and MEDIANEST_* variables and report every problem, without starting.",
                    "Exits 0 when valid, 2 otherwise."})
    static final class Validate implements Callable<Integer> {

        @ParentCommand
        ConfigCommand parent;

        private final Console console;

        Validate(Console console) {
            this.console = console;
        }

        @Override
        public Integer call() {
            try {
                Settings settings = console.loadSettings(RootOptions.configFile(parent.spec));
                console.out.println(console.texts.get("config.valid", settings.source()));
                console.out.flush();
                return 0;
            } catch (ConfigException problems) {
                console.printProblems(problems);
                return Console.INVALID_INPUT;
            }
        }
    }
}
