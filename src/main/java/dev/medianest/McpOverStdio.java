package dev.medianest;

import dev.medianest.channels.mcp.McpStdio;
import dev.medianest.features.accounts.Lookup;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.assistant.Toolbox;
import dev.medianest.integrations.medianest.MediaNestConnector;
import dev.medianest.integrations.medianest.MediaNestServer;
import dev.medianest.integrations.medianest.MediaNestUnavailable;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;

/**
 * Wires {@code medianest mcp}: the MCP channel on standard input and output, with the tools of a
 * remote MediaNest or of the local data directory, always as the owner of a personal API token so
 * their permissions apply. The command line cannot reach the MCP channel itself (channels never
 * import each other), so it comes through here, beside the composition root.
 */
public final class McpOverStdio {

    private McpOverStdio() {
    }

    /**
     * Serves the tools of a running MediaNest until {@code in} ends.
     *
     * @throws StartupException when the server cannot be reached or refuses the token
     */
    public static void againstServer(URI address, String token, Duration timeout, Messages.Texts texts, BufferedReader in, PrintWriter out)
            throws IOException {
        MediaNestServer server;
        try {
            server = new MediaNestServer(address, token, timeout);
        } catch (IllegalArgumentException unusable) {
            throw new StartupException("mcp.cli.server_invalid", unusable, address, unusable.getMessage());
        }
        Toolbox toolbox;
        try {
            toolbox = MediaNestConnector.toolbox(server, App.json(), texts);
        } catch (MediaNestUnavailable unavailable) {
            throw new StartupException(unavailable.messageKey(), unavailable, server.baseUrl().toString());
        }
        new McpStdio(App.json(), toolbox, texts, BuildInfo.version(), out).serve(in);
    }

    /**
     * Serves the tools of the local data directory as the token's owner until {@code in} ends.
     *
     * @throws StartupException when the token is unknown, revoked, expired or its account disabled
     */
    public static void onDataDirectory(App app, String token, Language fallback, BufferedReader in, PrintWriter out) throws IOException {
        Principal who = switch (app.apiTokens().lookup(token)) {
            case Lookup.Active active -> active.principal();
            case Lookup.Expired expired -> throw new StartupException("mcp.cli.token_expired", null);
            case Lookup.Unknown unknown -> throw new StartupException("mcp.cli.token_invalid", null);
            case Lookup.Disabled disabled -> throw new StartupException("mcp.cli.account_disabled", null);
        };
        Language language = who.user().language().orElse(fallback);
        new McpStdio(App.json(), app.tools().as(who, language), app.messages().in(language), BuildInfo.version(), out).serve(in);
    }
}
