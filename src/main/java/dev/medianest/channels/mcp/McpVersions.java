package dev.medianest.channels.mcp;

import java.util.List;

/**
 * The MCP protocol versions MediaNest speaks (schemas in ../shared/specs/mcp-schema*.json).
 * 2025-06-18 and 2025-11-25 open with {@code initialize} and keep a session; the SDK negotiates
 * them. 2026-07-28 has no {@code initialize} at all: every request carries its version and the
 * client's capabilities in {@code params._meta} (mcp-schema.json, {@code RequestMetaObject}) and
 * {@code server/discover} lists the versions, so {@link StatelessMcp} answers those requests itself.
 */
final class McpVersions {

    static final String V2025_06_18 = "2025-06-18";
    static final String V2025_11_25 = "2025-11-25";
    static final String V2026_07_28 = "2026-07-28";

    /** Versions negotiated at {@code initialize}, oldest first: the SDK answers the last one to a client asking for another. */
    static final List<String> WITH_INITIALIZE = List.of(V2025_06_18, V2025_11_25);

    /** Every version, as {@code server/discover} and an unsupported-version error list them. */
    static final List<String> ALL = List.of(V2025_06_18, V2025_11_25, V2026_07_28);

    /** The request {@code _meta} keys of 2026-07-28 (mcp-schema.json, {@code RequestMetaObject}). */
    static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

    private McpVersions() {
    }
}
