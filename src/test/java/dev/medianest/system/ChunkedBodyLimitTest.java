package dev.medianest.system;

import dev.medianest.testing.MutableClock;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A body sent in chunks, with no Content-Length to refuse it up front, is still cut off at the limit. */
class ChunkedBodyLimitTest {

    @TempDir
    Path dataDir;

    @Test
    void an_oversized_chunked_body_gets_payload_too_large_with_the_limit_named() throws Exception {
        try (TestApp app = TestApp.start(dataDir, Map.of("MEDIANEST_SERVER_MAX_REQUEST_BYTES", "2048"), MutableClock.startingNow());
             Socket socket = new Socket(URI.create(app.baseUrl()).getHost(), URI.create(app.baseUrl()).getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String chunk = "a".repeat(1000);
            for (int i = 0; i < 5; i++) {
                out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413").contains("\"code\":\"payload_too_large\"").contains("2,048 bytes");
        }
    }
}
