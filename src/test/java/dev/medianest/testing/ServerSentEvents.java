package dev.medianest.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One server-sent event stream as a browser's EventSource opens it ({@code Accept: text/event-stream}
 * with the session cookie), read an event at a time.
 */
public final class ServerSentEvents {

    private final BufferedReader lines;

    private ServerSentEvents(BufferedReader lines) {
        this.lines = lines;
    }

    /** Opens {@code path} as the holder of this session cookie; fails unless the server answers 200 with an event stream. */
    public static ServerSentEvents open(HttpClient client, String baseUrl, String path, String sessionCookie) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/event-stream")
                .header("Cookie", "mn_session=" + sessionCookie).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
            throw new AssertionError(path + " answered " + response.statusCode() + " " + type + " instead of an event stream");
        }
        return new ServerSentEvents(new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8)));
    }

    /** The next event's lines up to the blank line that ends it, comments skipped; fails after 10 s. */
    public String next() throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder event = new StringBuilder();
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (!event.isEmpty()) {
                            return event.toString();
                        }
                    } else if (!line.startsWith(":")) {
                        event.append(line).append('\n');
                    }
                }
                return event.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(10, TimeUnit.SECONDS);
    }
}
