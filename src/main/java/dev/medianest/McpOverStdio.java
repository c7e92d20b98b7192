package dev.medianest;

import dev.medianest.channels.mcp.McpStdio;
import dev.medianest.features.assistant.Toolbox;
import dev.medianest.platform.i18n.Messages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Wires {@code medianest mcp}: the MCP channel on standard input and output. The command line
 * cannot reach the MCP channel itself (channels never import each other), so it comes through
 * here, beside the composition root.
 */
public final class McpOverStdio {

    private McpOverStdio() {
    }

    /** Serves {@code toolbox} (one caller's tools, in the language of {@code texts}) until {@code in} ends. */
    public static void serve(Toolbox toolbox, Messages.Texts texts, BufferedReader in, PrintWriter out) throws IOException {
        new McpStdio(App.json(), toolbox, texts, BuildInfo.version(), out).serve(in);
    }
}
