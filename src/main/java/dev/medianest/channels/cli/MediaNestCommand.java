package dev.medianest.channels.cli;

import dev.medianest.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code medianest}: the root command; without a subcommand it serves. */
@Command(name = "medianest", mixinStandardHelpOptions = true, versionProvider = MediaNestCommand.Version.class,
        description = "MediaNest: the request portal, dashboard, assistant and stack tools of a Plex/Jellyfin household, in one program.",
        footer = {"", "Exit status: 0 success, 1 unexpected failure, 2 invalid configuration, input or environment.",
                "Configuration: --config FILE, else MEDIANEST_CONFIG, else ./medianest.yml; MEDIANEST_* variables override keys "
                        + "(server.port -> MEDIANEST_SERVER_PORT). See docs/configuration.md."})
public final class MediaNestCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "YAML configuration file (default: MEDIANEST_CONFIG, else ./medianest.yml when present).")
    Path configFile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final ServeCommand serve;

    MediaNestCommand(ServeCommand serve) {
        this.serve = serve;
    }

    /** Without a subcommand, MediaNest serves. */
    @Override
    public Integer call() {
        serve.spec = spec;
        return serve.call();
    }

    /** Builds the command tree. Later features add their commands here. */
    public static CommandLine commandLine(Console console) {
        ServeCommand serve = new ServeCommand(console);
        CommandLine line = new CommandLine(new MediaNestCommand(serve));
        line.addSubcommand("serve", serve);
        line.addSubcommand("config", new CommandLine(new ConfigCommand())
                .addSubcommand("validate", new ConfigCommand.Validate(console)));
        line.addSubcommand("user", new CommandLine(new UserCommand())
                .addSubcommand("list", new UserCommand.ListUsers(console))
                .addSubcommand("create", new UserCommand.Create(console))
                .addSubcommand("reset-password", new UserCommand.ResetPassword(console))
                .addSubcommand("set-role", new UserCommand.SetRole(console)));
        // The assistant on the command line; their --help is in the terminal's language.
        line.addSubcommand("chat", new CommandLine(new ChatCommand(console)).setResourceBundle(new HelpTexts(console.texts, "chat")));
        line.addSubcommand("query", new CommandLine(new QueryCommand(console)).setResourceBundle(new HelpTexts(console.texts, "query")));
        line.addSubcommand("status", new CommandLine(new StatusCommand(console)).setResourceBundle(new HelpTexts(console.texts, "status")));
        line.addSubcommand("mcp", new McpCommand(console));
        line.setOut(console.out);
        line.setErr(console.err);
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setExitCodeExceptionMapper(error -> error instanceof CommandLine.ParameterException ? Console.INVALID_INPUT : Console.FAILURE);
        return line;
    }

    /** {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"MediaNest " + BuildInfo.version(), "Java " + Runtime.version()};
        }
    }
}
