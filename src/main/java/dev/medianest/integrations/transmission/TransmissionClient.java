package dev.medianest.integrations.transmission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.platform.http.RemoteFailure;
import dev.medianest.platform.http.RemoteHttp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Transmission's RPC at {@code /transmission/rpc} in both of its protocols (specs:
 * ../shared/specs/transmission-rpc-spec-4.0.6-legacy.md for 3.x–4.0, ../shared/specs/transmission-rpc-spec.md
 * for 4.1+). Stateless: the CSRF session id and the protocol live in the {@link TransmissionSession}.
 *
 * <p>Quirks from the specs: every call is a POST of JSON that answers HTTP 200 even when the
 * method failed — the legacy protocol says so in {@code result} ("success" or an error text),
 * JSON-RPC 2.0 in an {@code error} object. A request without the current
 * {@code X-Transmission-Session-Id} answers 409 with the right id in that same header, and is sent
 * again with it (2.2.1). Authentication is HTTP basic (2.2.3). 4.1 (rpc_version_semver 6.0.0)
 * switched to JSON-RPC 2.0 and snake_case names; its 409 also carries {@code X-Transmission-Rpc-Version}.
 */
final class TransmissionClient {

    static final String PATH = "/transmission/rpc";
    private static final String SESSION_HEADER = "X-Transmission-Session-Id";
    private static final String VERSION_HEADER = "X-Transmission-Rpc-Version";

    /** The two protocols; method and key names are written in legacy spelling and translated here. */
    enum Dialect {
        /** {@code {"method":"torrent-get","arguments":{…},"tag":n}}, kebab-case and camelCase names (3.x, 4.0). */
        LEGACY,
        /** JSON-RPC 2.0 with snake_case names (4.1+; transmission-rpc-spec.md, first note). */
        JSON_RPC;

        /** A legacy method or key name in this protocol's spelling ({@code hashString} → {@code hash_string}). */
        String key(String legacy) {
            if (this == LEGACY) {
                return legacy;
            }
            StringBuilder snake = new StringBuilder();
            for (char c : legacy.toCharArray()) {
                if (c == '-') {
                    snake.append('_');
                } else if (Character.isUpperCase(c)) {
                    snake.append('_').append(Character.toLowerCase(c));
                } else {
                    snake.append(c);
                }
            }
            return snake.toString();
        }
    }

    /**
     * What {@code session-get} told.
     *
     * @param version    the daemon's version text ("3.00 (bb6b5a062e)")
     * @param rpcVersion the integer RPC version (16 for 3.00, 17 for 4.0)
     */
    record Version(String version, int rpcVersion, Dialect dialect) {
        /** The release without the build id ("3.00"). */
        String release() {
            return version.split(" ", 2)[0];
        }
    }

    /** The daemon answered, but the method failed; {@code message} is its own error text. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final RemoteHttp http;
    private final AtomicLong ids = new AtomicLong();

    TransmissionClient(RemoteHttp http) {
        this.http = http;
    }

    /**
     * The daemon's version and protocol, asked once per session. Asked in the legacy protocol,
     * which 4.1 still understands; a 409 that names an RPC version of 6 or more, or a reply whose
     * {@code rpc-version-semver} does, switches the session to JSON-RPC 2.0.
     */
    Version version(TransmissionSession session) {
        Optional<Version> known = session.version();
        if (known.isPresent()) {
            return known.get();
        }
        // No "fields": session-get took that argument only from rpc-version 16 (transmission-rpc-spec-4.0.6-legacy.md,
        // 5), and this first call must suit every version; without it the answer is every session field.
        JsonNode reply = send(session, Dialect.LEGACY, "session-get", Map.of());
        Dialect dialect = session.version().map(Version::dialect).orElse(Dialect.LEGACY);
        JsonNode semver = reply.path("rpc-version-semver").isMissingNode() ? reply.path("rpc_version_semver") : reply.path("rpc-version-semver");
        if (major(semver.asText("")) >= 6) {
            dialect = Dialect.JSON_RPC;
        }
        JsonNode rpc = reply.path("rpc-version").isMissingNode() ? reply.path("rpc_version") : reply.path("rpc-version");
        JsonNode text = reply.path("version");
        if (!rpc.isNumber() || !text.isTextual()) {
            throw new RemoteFailure(RemoteFailure.Kind.WRONG_APPLICATION, 200, "session-get without rpc-version", null);
        }
        Version version = new Version(text.asText(), rpc.asInt(), dialect);
        session.version(version);
        return version;
    }

    /** Calls a method (legacy name and argument keys) in the session's protocol; returns its arguments or result object. */
    JsonNode call(TransmissionSession session, String method, Map<String, Object> arguments) {
        return send(session, version(session).dialect(), method, arguments);
    }

    private JsonNode send(TransmissionSession session, Dialect dialect, String method, Map<String, Object> arguments) {
        try {
            return parse(dialect, http.exchange(session.endpoint(), request(session, dialect, method, arguments)));
        } catch (RemoteFailure failure) {
            if (failure.status() != 409 || failure.header(SESSION_HEADER).isEmpty()) {
                throw failure;
            }
            session.sessionId(failure.header(SESSION_HEADER).get());
            Dialect resend = dialect;
            if (session.version().isEmpty() && major(failure.header(VERSION_HEADER).orElse("")) >= 6) {
                resend = Dialect.JSON_RPC;
                session.version(new Version("", 0, resend));
            }
            RemoteHttp.Call again = request(session, resend, method, arguments);
            return parse(resend, http.exchange(session.endpoint(), again));
        }
    }

    private RemoteHttp.Call request(TransmissionSession session, Dialect dialect, String method, Map<String, Object> arguments) {
        Map<String, Object> translated = new LinkedHashMap<>();
        arguments.forEach((key, value) -> translated.put(dialect.key(key), key.equals("fields") ? names(dialect, value) : value));
        Map<String, Object> body = new LinkedHashMap<>();
        long id = ids.incrementAndGet();
        if (dialect == Dialect.LEGACY) {
            body.put("method", method);
            body.put("arguments", translated);
            body.put("tag", id);
        } else {
            body.put("jsonrpc", "2.0");
            body.put("method", dialect.key(method));
            body.put("params", translated);
            body.put("id", id);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        session.sessionId().ifPresent(sessionId -> headers.put(SESSION_HEADER, sessionId));
        if (!session.username().isEmpty()) {
            String pair = session.username() + ":" + session.password();
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return RemoteHttp.Call.send("POST", PATH, headers, body).withMaxBytes(64L << 20);
    }

    private static Object names(Dialect dialect, Object fields) {
        if (!(fields instanceof List<?> list)) {
            return fields;
        }
        List<String> names = new ArrayList<>();
        list.forEach(name -> names.add(dialect.key(String.valueOf(name))));
        return names;
    }

    private JsonNode parse(Dialect dialect, RemoteHttp.Reply reply) {
        JsonNode root;
        try {
            root = http.mapper().readTree(reply.body());
        } catch (IOException e) {
            throw new RemoteFailure(RemoteFailure.Kind.NOT_JSON, reply.status(), "RPC answer: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new RemoteFailure(RemoteFailure.Kind.WRONG_APPLICATION, reply.status(), "RPC answer is not an object", null);
        }
        if (dialect == Dialect.LEGACY) {
            JsonNode result = root.path("result");
            if (!result.isTextual()) {
                throw new RemoteFailure(RemoteFailure.Kind.WRONG_APPLICATION, reply.status(), "no result in the RPC answer", null);
            }
            if (!result.asText().equals("success")) {
                throw new Refused(result.asText());
            }
            return root.path("arguments");
        }
        JsonNode error = root.path("error");
        if (error.isObject()) {
            String detail = error.path("data").path("error_string").asText(error.path("message").asText("error"));
            throw new Refused(detail);
        }
        if (!root.has("result")) {
            throw new RemoteFailure(RemoteFailure.Kind.WRONG_APPLICATION, reply.status(), "no result in the JSON-RPC answer", null);
        }
        return root.path("result");
    }

    private static int major(String semver) {
        try {
            return Integer.parseInt(semver.strip().split("\\.", 2)[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
