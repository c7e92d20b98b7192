package dev.medianest.system;

import dev.medianest.testing.MutableClock;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping the server lets a request that is already being handled finish with a real answer. */
class GracefulShutdownTest {

    @TempDir
    Path dataDir;

    @Test
    void a_request_in_flight_when_the_server_stops_still_gets_its_answer() throws Exception {
        TestApp app = TestApp.start(dataDir, Map.of(), MutableClock.startingNow());
        URI base = URI.create(app.baseUrl());
        String body = "{\"username\":\"admin\",\"password\":\"" + TestApp.ADMIN_PASSWORD + "\"}";
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body.substring(0, 10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // the handler is now reading the body: the request is in flight
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
            Thread.sleep(300); // stop has begun and is waiting for the in-flight request
            assertThat(stopping).as("stop waits for the request").isNotDone();
            out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"csrfToken\"");
            stopping.get(20, TimeUnit.SECONDS);
        }
    }
}
