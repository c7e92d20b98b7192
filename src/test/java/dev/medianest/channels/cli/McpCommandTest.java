package dev.medianest.channels.cli;

import dev.medianest.testing.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code medianest mcp} refuses to start, with status 2 and a line on standard error, for what an
 * MCP client's configuration has to change; standard output, the protocol's, stays empty.
 */
class McpCommandTest {

    private static final String TOKEN = "mnt_" + "x".repeat(43);

    @TempDir
    Path dataDir;

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = Commands.environment(dataDir);
        env.putAll(extra);
        return env;
    }

    @Test
    void without_a_token_it_says_where_to_get_one() {
        Commands.Ran ran = Commands.run(env(Map.of()), "", "mcp", "--server", "http://127.0.0.1:1");

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("needs a personal API token").contains("MEDIANEST_TOKEN");
        assertThat(ran.out()).isEmpty();
    }

    @Test
    void a_malformed_token_or_server_address_is_refused_before_anything_is_sent() {
        Commands.Ran badToken = Commands.run(env(Map.of("MEDIANEST_TOKEN", "not-a-token")), "", "mcp", "--server", "http://127.0.0.1:1");
        Commands.Ran badServer = Commands.run(env(Map.of("MEDIANEST_TOKEN", TOKEN)), "", "mcp", "--server", "ftp://nas");

        assertThat(badToken.status()).isEqualTo(2);
        assertThat(badToken.err()).contains("does not look like a MediaNest API token");
        assertThat(badServer.status()).isEqualTo(2);
        assertThat(badServer.err()).contains("\"ftp://nas\" is not a server address");
        assertThat(badToken.out() + badServer.out()).isEmpty();
    }

    @Test
    void an_unreachable_server_exits_2_naming_it() {
        String server = "http://127.0.0.1:" + LoopbackPorts.free();

        Commands.Ran ran = Commands.run(env(Map.of()), "", "mcp", "--server", server, "--token", TOKEN, "--timeout", "2");

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("MediaNest at " + server + " cannot be reached");
        assertThat(ran.out()).isEmpty();
    }
}
