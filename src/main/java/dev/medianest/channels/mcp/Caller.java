package dev.medianest.channels.mcp;

import dev.medianest.features.assistant.Toolbox;
import dev.medianest.platform.i18n.Messages;

/**
 * Who one MCP request runs as: their tools (already bound to their identity and permissions) and
 * their language. Over stdio there is one for the whole process; over HTTP one per request, from
 * the bearer token.
 */
record Caller(Toolbox toolbox, Messages.Texts texts) {

    /** The key under which the HTTP transport hands the caller to the SDK's request context. */
    static final String CONTEXT_KEY = "medianest.caller";
}
