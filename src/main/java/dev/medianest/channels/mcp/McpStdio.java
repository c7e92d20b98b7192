package dev.medianest.channels.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.assistant.Toolbox;
import dev.medianest.platform.i18n.Messages;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * MCP over standard input and output for one caller ({@code medianest mcp}): one JSON-RPC message
 * per line, nothing else on standard output. A line is checked first (malformed JSON-RPC, an
 * unknown tool, a 2026-07-28 request) and otherwise handed to the SDK's stdio session. Returns when
 * standard input ends.
 */
public final class McpStdio {

    private final ObjectMapper json;
    private final Caller caller;
    private final McpCatalog catalog;
    private final StatelessMcp stateless;
    private final PrintWriter out;

    public McpStdio(ObjectMapper json, Toolbox toolbox, Messages.Texts texts, String version, PrintWriter out) {
        this.json = json;
        this.caller = new Caller(toolbox, texts);
        this.catalog = new McpCatalog(json, toolbox.definitions(), texts, version, context -> caller);
        this.stateless = new StatelessMcp(catalog);
        this.out = out;
    }

    /** Serves until {@code in} ends; in-flight calls get a few seconds to answer. */
    public void serve(BufferedReader in) throws IOException {
        LinePipes.Feed feed = new LinePipes.Feed();
        StdioServerTransportProvider transport = new StdioServerTransportProvider(catalog.mcpJson(), feed, new LinePipes.Lines(this::send)) {
            @Override
            public List<String> protocolVersions() {
                return McpVersions.WITH_INITIALIZE;
            }
        };
        McpSyncServer server = catalog.build(McpServer.sync(transport));
        ExecutorService statelessCalls = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                switch (JsonRpc.read(line, json, caller.texts())) {
                    case JsonRpc.Malformed malformed -> send(malformed.error());
                    case JsonRpc.Message message when message.stateless() ->
                            statelessCalls.submit(() -> stateless.handle(message, caller, Optional.empty(), this::send)
                                    .ifPresent(answer -> send(answer.message())));
                    case JsonRpc.Message message when catalog.callsUnknownTool(message) -> send(catalog.unknownToolAnswer(message, caller.texts()));
                    case JsonRpc.Message message -> feed.offer(line);
                }
            }
        } finally {
            feed.close();
            statelessCalls.shutdown();
            try {
                statelessCalls.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.closeGracefully();
        }
    }

    private void send(ObjectNode message) {
        send(catalog.write(message));
    }

    private void send(String line) {
        synchronized (out) {
            out.print(line);
            out.print('\n');
            out.flush();
        }
    }
}
