package dev.medianest.integrations.medianest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.assistant.ToolDefinition;
import dev.medianest.features.assistant.ToolError;
import dev.medianest.features.assistant.ToolOutcome;
import dev.medianest.features.assistant.ToolProgress;
import dev.medianest.features.assistant.Toolbox;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tools of a running MediaNest over its API, as {@code medianest mcp --server} uses them. */
class RemoteToolboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Messages.Texts TEXTS = new Messages().in(Language.EN);

    @TempDir
    static Path dataDir;

    private static TestApp app;
    private static MutableClock clock;
    private static String token;
    private static String expiring;

    @BeforeAll
    static void start() {
        clock = MutableClock.startingNow();
        app = TestApp.start(dataDir, Map.of(), clock);
        HttpSession admin = new HttpSession(app.baseUrl(), null);
        assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
        token = admin.api("POST", "/api/v1/me/tokens", Map.of("name", "mcp")).json().get("token").asText();
        expiring = admin.api("POST", "/api/v1/me/tokens", Map.of("name", "short", "expiresInDays", 1)).json().get("token").asText();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The tools of a server with a token, listed as {@code medianest mcp --server} lists them at start. */
    private static Toolbox listed(URI server, String secret) {
        return RemoteToolbox.listed(new MediaNestClient(server, secret, Language.EN, JSON, Duration.ofSeconds(5)), TEXTS);
    }

    private static Toolbox listed(String secret) {
        return listed(URI.create(app.baseUrl() + "/"), secret);
    }

    private static String asText(ToolDefinition definition) {
        return definition.name() + " " + definition.changes() + " " + definition.description() + " " + definition.inputSchema();
    }

    @Test
    void the_remote_tools_are_the_servers_and_a_failed_call_comes_back_as_a_tool_error() {
        Toolbox remote = listed(token);

        // As JSON text: a number the server built as a long reads back as an int, equal but not equals().
        assertThat(remote.definitions()).map(RemoteToolboxTest::asText)
                .containsExactlyElementsOf(app.app().tools().definitions().stream().map(RemoteToolboxTest::asText).toList());
        ToolOutcome outcome = remote.call("launch_rocket", JSON.createObjectNode(), ToolProgress.NONE);
        assertThat(outcome).isInstanceOfSatisfying(ToolOutcome.Failed.class, failed -> {
            assertThat(failed.error().kind()).isEqualTo(ToolError.Kind.UNKNOWN_TOOL);
            assertThat(failed.error().message()).contains("launch_rocket");
        });
    }

    @Test
    void a_refused_an_expired_token_and_an_unreachable_server_are_told_apart() {
        assertThatThrownBy(() -> listed("mnt_" + "y".repeat(43)))
                .isInstanceOfSatisfying(ServerFailure.class, e -> assertThat(e.kind()).isEqualTo(ServerFailure.Kind.TOKEN_REFUSED));
        int closed = LoopbackPorts.free();
        assertThatThrownBy(() -> listed(URI.create("http://127.0.0.1:" + closed), token))
                .isInstanceOfSatisfying(ServerFailure.class, e -> assertThat(e.kind()).isEqualTo(ServerFailure.Kind.UNREACHABLE));
        Toolbox beforeExpiry = listed(expiring);
        clock.advance(Duration.ofDays(2));

        ToolOutcome afterExpiry = beforeExpiry.call("launch_rocket", JSON.createObjectNode(), ToolProgress.NONE);

        assertThat(afterExpiry).isInstanceOfSatisfying(ToolOutcome.Failed.class, failed -> {
            assertThat(failed.error().kind()).isEqualTo(ToolError.Kind.FORBIDDEN);
            assertThat(failed.error().message()).contains("expired").contains(app.baseUrl());
        });
        assertThatThrownBy(() -> listed(expiring))
                .isInstanceOfSatisfying(ServerFailure.class, e -> assertThat(e.kind()).isEqualTo(ServerFailure.Kind.TOKEN_EXPIRED));
    }
}
