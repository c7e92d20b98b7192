package dev.medianest.channels.cli;

import dev.medianest.App;
import dev.medianest.StartupException;
import dev.medianest.features.accounts.ApiTokens;
import dev.medianest.features.accounts.Lookup;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.accounts.User;
import dev.medianest.integrations.medianest.MediaNestClient;
import dev.medianest.integrations.medianest.ServerFailure;
import dev.medianest.integrations.medianest.TokenOwner;
import dev.medianest.platform.config.ConfigException;
import dev.medianest.platform.config.Settings;
import dev.medianest.platform.logging.LogSetup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code --server}, {@code --token} and {@code --user}, shared by {@code chat}, {@code query} and
 * {@code status}. With a server (the option or {@code MEDIANEST_SERVER}) they call it with the
 * token (the option or {@code MEDIANEST_TOKEN}); without one they open the data directory of the
 * configuration in this process, as the account {@code --user} names, or as the token's owner with
 * the token's narrowed rights. {@code mcp}, which has no {@code --user}, checks its token and
 * server and finds a local token's owner with the same rules.
 */
final class TargetOptions {

    static final String SERVER_VARIABLE = "MEDIANEST_SERVER";
    static final String TOKEN_VARIABLE = "MEDIANEST_TOKEN";

    @Option(names = "--server", paramLabel = "URL", descriptionKey = "server")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", descriptionKey = "token")
    String token;

    @Option(names = {"-u", "--user"}, paramLabel = "NAME", descriptionKey = "user")
    String user;

    /** Opens the target, or says in a {@link CommandProblem} why it cannot be. */
    Target open(Console console, CommandSpec spec) {
        Optional<String> serverGiven = given(server).or(() -> given(console.environment.get(SERVER_VARIABLE)));
        Optional<String> tokenGiven = given(token).or(() -> given(console.environment.get(TOKEN_VARIABLE)));
        if (serverGiven.isPresent()) {
            if (user != null) {
                throw new CommandProblem(Console.INVALID_INPUT, console.texts.get("cli.target.user_with_server"));
            }
            String secret = tokenGiven.orElseThrow(() -> new CommandProblem(Console.INVALID_INPUT,
                    console.texts.get("cli.target.token_missing", serverGiven.get())));
            return remote(console, address(console, serverGiven.get()), checked(console, secret));
        }
        if (user != null && token != null) {
            throw new CommandProblem(Console.INVALID_INPUT, console.texts.get("cli.target.user_and_token"));
        }
        // An explicit --user wins over a MEDIANEST_TOKEN left in the environment.
        Optional<String> localToken = user != null ? Optional.empty() : tokenGiven;
        if (user == null && localToken.isEmpty()) {
            throw new CommandProblem(Console.INVALID_INPUT, console.texts.get("cli.target.who"));
        }
        return local(console, spec, localToken.map(secret -> checked(console, secret)));
    }

    static Optional<String> given(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    static URI address(Console console, String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException malformed) {
            // said below
        }
        throw new CommandProblem(Console.INVALID_INPUT, console.texts.get("cli.target.bad_server", text));
    }

    /** A token is {@code mnt_} and 43 more characters; anything else was pasted wrong, and is not sent anywhere. */
    static String checked(Console console, String secret) {
        if (!secret.startsWith(ApiTokens.PREFIX) || secret.length() < 20 || secret.length() > 100 || secret.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new CommandProblem(Console.INVALID_INPUT, console.texts.get("cli.target.bad_token", ApiTokens.PREFIX));
        }
        return secret;
    }

    private static Target remote(Console console, URI server, String secret) {
        MediaNestClient client = new MediaNestClient(server, secret, console.texts.language(), App.json(), MediaNestClient.CONNECT_TIMEOUT);
        try {
            return new Target.Remote(client, TokenOwner.of(client));
        } catch (ServerFailure failure) {
            client.close();
            throw CommandProblem.of(failure, console);
        }
    }

    private Target local(Console console, CommandSpec spec, Optional<String> secret) {
        Settings settings;
        try {
            settings = console.loadSettings(RootOptions.configFile(spec));
        } catch (ConfigException problems) {
            console.printProblems(problems);
            throw new CommandProblem(Console.INVALID_INPUT, "");
        }
        // The answers say what went wrong; log lines would only break into them (and into the chat's line editor).
        Runnable loud = LogSetup.onlyErrors(settings.logging());
        App app;
        try {
            app = App.assemble(settings, Clock.systemUTC());
        } catch (StartupException failure) {
            loud.run();
            throw new CommandProblem(Console.INVALID_INPUT, console.texts.get(failure.messageKey(), failure.args()));
        }
        try {
            Principal principal = secret.isPresent() ? tokenOwner(console, app, secret.get()) : account(console, app, user);
            return new Target.Local(app, principal, console.texts.language(), loud);
        } catch (RuntimeException refused) {
            app.close();
            loud.run();
            throw refused;
        }
    }

    private static Principal account(Console console, App app, String username) {
        User found = app.accounts().findByUsername(username.strip())
                .orElseThrow(() -> new CommandProblem(Console.INVALID_INPUT, console.texts.get("cli.user.not_found", username)));
        if (found.disabled()) {
            throw new CommandProblem(Console.INVALID_INPUT, console.texts.get("cli.target.disabled", found.username()));
        }
        return new Principal(found, found.isAdmin(), found.effectivePermissions(), new Principal.ConsoleCredential());
    }

    /** The owner of a personal API token of the local data directory, with the token's narrowed rights. */
    static Principal tokenOwner(Console console, App app, String secret) {
        return switch (app.apiTokens().lookup(secret)) {
            case Lookup.Active active -> active.principal();
            case Lookup.Expired expired -> throw new CommandProblem(Console.INVALID_INPUT, console.texts.get("cli.target.token_expired"));
            case Lookup.Disabled disabled -> throw new CommandProblem(Console.INVALID_INPUT, console.texts.get("cli.target.token_disabled"));
            case Lookup.Unknown unknown -> throw new CommandProblem(Console.INVALID_INPUT,
                    console.texts.get("cli.target.token_unknown", app.settings().data().dir().toString()));
        };
    }
}
