package dev.medianest.channels.cli;

import dev.medianest.App;
import dev.medianest.McpOverStdio;
import dev.medianest.StartupException;
import dev.medianest.features.accounts.Principal;
import dev.medianest.integrations.medianest.MediaNestClient;
import dev.medianest.integrations.medianest.RemoteToolbox;
import dev.medianest.integrations.medianest.ServerFailure;
import dev.medianest.platform.config.ConfigException;
import dev.medianest.platform.i18n.Language;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL",
            description = "A running MediaNest to use over its API, such as http://nas:8080 (default: the local data directory).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Personal API token to act with (default: $" + TargetOptions.TOKEN_VARIABLE + ").")
    String token;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "With --server: how long to wait for the server to connect (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final Console console;

    McpCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        try {
            String secret = TargetOptions.given(token).or(() -> TargetOptions.given(console.environment.get(TargetOptions.TOKEN_VARIABLE)))
                    .map(given -> TargetOptions.checked(console, given))
                    .orElseThrow(() -> new CommandProblem(Console.INVALID_INPUT, console.texts.get("mcp.cli.token_missing")));
            if (server != null) {
                try (MediaNestClient client = new MediaNestClient(TargetOptions.address(console, server), secret, console.texts.language(), App.json(),
                        Duration.ofSeconds(Math.max(1, timeoutSeconds)))) {
                    McpOverStdio.serve(RemoteToolbox.listed(client, console.texts), console.texts, console.in, console.out);
                }
                return 0;
            }
            App app = App.assemble(console.loadSettings(RootOptions.configFile(spec)), Clock.systemUTC());
            try (app) {
                Principal owner = TargetOptions.tokenOwner(console, app, secret);
                Language language = owner.user().language().orElse(console.texts.language());
                McpOverStdio.serve(app.tools().as(owner, language), app.messages().in(language), console.in, console.out);
            }
            return 0;
        } catch (ConfigException problems) {
            console.printProblems(problems);
            return Console.INVALID_INPUT;
        } catch (CommandProblem problem) {
            return fail(problem.getMessage());
        } catch (ServerFailure failure) {
            return fail(failure.text(console.texts));
        } catch (StartupException refused) {
            return fail(console.texts.get(refused.messageKey(), refused.args()));
        } catch (IOException | UncheckedIOException broken) {
            // Standard input or output broke: the client went away, which ends the session like a close.
            return 0;
        }
    }

    /** Every refusal, an unreachable server included, is exit status 2: the client's configuration has to change. */
    private int fail(String message) {
        console.err.println(message);
        console.err.flush();
        return Console.INVALID_INPUT;
    }
}
