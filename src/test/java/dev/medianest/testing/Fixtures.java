package dev.medianest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Recorded-style answers of remote services, kept as JSON files under {@code src/test/resources/fixtures}
 * so that they read like what the real service sends.
 */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** The text of {@code fixtures/<name>}. */
    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One element of a fixture that holds a JSON array, as JSON text. */
    public static String element(String name, int index) {
        try {
            JsonNode array = JSON.readTree(text(name));
            return JSON.writeValueAsString(array.get(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A route handler answering 200 with the fixture as JSON. */
    public static Handler answer(String name) {
        return answer(200, name);
    }

    /** A route handler answering {@code status} with the fixture as JSON. */
    public static Handler answer(int status, String name) {
        String body = text(name);
        return ctx -> ctx.status(status).contentType("application/json").result(body);
    }
}
