package dev.medianest.channels.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** Reads the options every command inherits from {@code medianest}. */
final class RootOptions {

    private RootOptions() {
    }

    static Path configFile(CommandSpec anyCommand) {
        CommandSpec spec = anyCommand;
        while (spec.parent() != null) {
            spec = spec.parent();
        }
        return ((MediaNestCommand) spec.userObject()).configFile;
    }
}
