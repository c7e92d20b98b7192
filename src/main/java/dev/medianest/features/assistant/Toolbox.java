package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The tool layer as one caller sees it: the tools they may list and call, each call run with their
 * identity and permissions. The local implementation runs the tools in this process; a remote one
 * calls a running MediaNest over its API with a personal token. The offline understanding, the LLM
 * agent, the chats, the CLI and the MCP server all go through this.
 */
public interface Toolbox {

    List<ToolDefinition> definitions();

    /**
     * Calls a tool. Never throws for anything the caller or a remote service did: bad arguments, a
     * missing permission or a service that is down come back as {@link ToolOutcome.Failed}.
     */
    ToolOutcome call(String name, JsonNode arguments, ToolProgress progress);
}
