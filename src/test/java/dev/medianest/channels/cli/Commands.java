package dev.medianest.channels.cli;

import dev.medianest.Main;
import dev.medianest.testing.HttpSession;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code medianest} in this JVM with its own streams and environment, as the assistant's command tests need it. */
final class Commands {

    /** What one run printed and how it ended. */
    record Ran(int status, String out, String err) {
    }

    private Commands() {
    }

    static Ran run(Map<String, String> environment, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true), new BufferedReader(new StringReader(stdin)));
        return new Ran(status, out.toString(), err.toString());
    }

    /** English texts, a UTF-8 locale, and the data directory a test server uses. */
    static Map<String, String> environment(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("MEDIANEST_DATA_DIR", dataDir.toString());
        env.put("LANG", "C.UTF-8");
        env.put("MEDIANEST_LANG", "en");
        return env;
    }

    /** A personal API token of the signed-in person, made over the API as a script would. */
    static String token(HttpSession session, boolean admin, List<String> permissions) {
        Map<String, Object> request = new HashMap<>(Map.of("name", "cli test " + System.nanoTime(), "admin", admin));
        if (!permissions.isEmpty()) {
            request.put("permissions", permissions);
        }
        HttpSession.Reply issued = session.api("POST", "/api/v1/me/tokens", request);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().get("token").asText();
    }
}
