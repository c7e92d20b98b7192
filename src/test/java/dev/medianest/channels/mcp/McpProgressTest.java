package dev.medianest.channels.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.assistant.ToolDefinition;
import dev.medianest.features.assistant.ToolOutcome;
import dev.medianest.features.assistant.ToolProgress;
import dev.medianest.features.assistant.ToolResult;
import dev.medianest.features.assistant.Toolbox;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;
import dev.medianest.testing.McpSchemas;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long tool's progress reaches the client as {@code notifications/progress} before its result,
 * in a session (2025-11-25) and without one (2026-07-28), over stdio. The toolbox here is a stand-in
 * for a slow remote service: none of the built-in tools reports progress yet.
 */
class McpProgressTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tool that reports two steps before it answers. */
    private static final class SlowToolbox implements Toolbox {
        private final ToolDefinition definition = new ToolDefinition("scan_library", "Scans the library in two steps.",
                JSON.createObjectNode().put("type", "object"), false);

        @Override
        public List<ToolDefinition> definitions() {
            return List.of(definition);
        }

        @Override
        public ToolOutcome call(String name, JsonNode arguments, ToolProgress progress) {
            progress.report(1, 2, "Radarr read");
            progress.report(2, 2, "Sonarr read");
            return new ToolOutcome.Succeeded(new ToolResult(JSON.createObjectNode().put("titles", 42), "42 titles.", List.of()));
        }
    }

    private static List<JsonNode> exchange(String... lines) throws Exception {
        StringWriter output = new StringWriter();
        PipedWriter input = new PipedWriter();
        BufferedReader reader = new BufferedReader(new PipedReader(input, 1 << 16));
        McpStdio stdio = new McpStdio(JSON, new SlowToolbox(), new Messages().in(Language.EN), "test", new PrintWriter(output));
        CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
            try {
                stdio.serve(reader);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (String line : lines) {
            input.write(line + "\n");
            input.flush();
        }
        // Let the call finish before standard input ends, as a client waits for its answer.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!output.toString().contains("42 titles") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        input.close();
        serving.get(20, TimeUnit.SECONDS);
        List<JsonNode> messages = new ArrayList<>();
        for (String line : output.toString().split("\n")) {
            if (!line.isBlank()) {
                messages.add(JSON.readTree(line));
            }
        }
        return messages;
    }

    @Test
    void progress_in_a_session_arrives_before_the_result() throws Exception {
        List<JsonNode> messages = exchange(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"scan_library\",\"arguments\":{},"
                        + "\"_meta\":{\"progressToken\":\"scan-1\"}}}");

        List<JsonNode> progress = messages.stream().filter(m -> "notifications/progress".equals(m.path("method").asText())).toList();
        assertThat(progress).extracting(m -> m.at("/params/message").asText()).containsExactly("Radarr read", "Sonarr read");
        assertThat(progress.getFirst().at("/params/progressToken").asText()).isEqualTo("scan-1");
        assertThat(messages.getLast().at("/result/structuredContent/titles").asInt()).isEqualTo(42);
        messages.forEach(message -> McpSchemas.assertValid("2025-11-25", message));
    }

    @Test
    void progress_without_a_session_in_2026_07_28() throws Exception {
        List<JsonNode> messages = exchange("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"scan_library\","
                + "\"arguments\":{},\"_meta\":{\"progressToken\":3,\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");

        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).at("/params/progress").asDouble()).isEqualTo(1.0);
        assertThat(messages.get(1).at("/params/total").asDouble()).isEqualTo(2.0);
        assertThat(messages.get(2).at("/result/resultType").asText()).isEqualTo("complete");
        assertThat(messages.get(2).at("/result/content/0/text").asText()).isEqualTo("42 titles.");
        messages.forEach(message -> McpSchemas.assertValid("2026-07-28", message));
    }
}
