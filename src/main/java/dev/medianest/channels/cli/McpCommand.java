package dev.medianest.channels.cli;

import dev.medianest.App;
import dev.medianest.McpOverStdio;
import dev.medianest.StartupException;
import dev.medianest.platform.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code medianest mcp}: the assistant's tools for an MCP client (Claude Desktop, Claude Code, an
 * IDE) over standard input and output. Standard output carries only MCP messages; everything else
 * goes to standard error.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve MediaNest's assistant tools to an MCP client over standard input and output.",
                "With --server it uses a running MediaNest over its API; without, it opens the local data directory (as configured, "
                        + "like `medianest user`). Either way it acts as the owner of a personal API token, with exactly their "
                        + "permissions. It stops, with status 0, when standard input closes."},
        footer = {"", "The token: --token, else the MEDIANEST_TOKEN environment variable (which keeps it out of the process list).",
                "Create one in the web interface under Profile › API tokens.",
                "Protocol versions: 2025-06-18 and 2025-11-25 (negotiated at initialize) and 2026-07-28 (named in each request).",
                "Standard output carries MCP messages only; logs go to standard error.",
                "Example (Claude Code): claude mcp add medianest --env MEDIANEST_TOKEN=mnt_... -- medianest mcp --server http://nas:8080",
                "Exit status: 0 when standard input closed, 2 for a missing or refused token, an unreachable server or invalid configuration.",
                "See docs/mcp.md."})
final class McpCommand implements Callable<Integer> {

    static final String TOKEN_VARIABLE = "MEDIANEST_TOKEN";

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL",
            description = "A running MediaNest to use over its API, such as http://nas:8080 (default: the local data directory).")
    URI server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Personal API token to act with (default: $" + TOKEN_VARIABLE + ").")
    String token;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "With --server: how long to wait for the server to connect and list the tools (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final Console console;

    McpCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        String secret = token != null ? token : console.environment.get(TOKEN_VARIABLE);
        if (secret == null || secret.isBlank()) {
            return fail(console.texts.get("mcp.cli.token_missing"));
        }
        try {
            if (server != null) {
                McpOverStdio.againstServer(server, secret, Duration.ofSeconds(Math.max(1, timeoutSeconds)), console.texts, console.in, console.out);
                return 0;
            }
            App app = App.assemble(console.loadSettings(RootOptions.configFile(spec)), Clock.systemUTC());
            try (app) {
                McpOverStdio.onDataDirectory(app, secret, console.texts.language(), console.in, console.out);
            }
            return 0;
        } catch (ConfigException problems) {
            console.printProblems(problems);
            return Console.INVALID_INPUT;
        } catch (StartupException refused) {
            return fail(console.texts.get(refused.messageKey(), refused.args()));
        } catch (IOException | UncheckedIOException broken) {
            // Standard input or output broke: the client went away, which ends the session like a close.
            return 0;
        }
    }

    private int fail(String message) {
        console.err.println(message);
        console.err.flush();
        return Console.INVALID_INPUT;
    }
}
