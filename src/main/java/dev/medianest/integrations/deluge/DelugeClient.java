package dev.medianest.integrations.deluge;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.platform.http.RemoteFailure;
import dev.medianest.platform.http.RemoteHttp;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deluge's Web UI JSON-RPC (spec: ../shared/specs/deluge-json-rpc.md and deluge-json-rpc-curl-howto.md,
 * Deluge 2.0–2.2). Stateless: the session cookie lives in the {@link DelugeSession} passed in.
 *
 * <p>Quirks from the spec: every call is {@code POST /json} with {@code {"method","params","id"}},
 * answered with HTTP 200 even on failure, the failure being in the {@code error} member (code 1: not
 * signed in or the session expired; 2: unknown method, which is also what {@code core.*} gives
 * while the Web UI is not connected to a daemon; 3 and 4: the method raised). {@code auth.login}
 * answers {@code false} to a wrong password and sets the cookie {@code _session_id} otherwise.
 * The Web UI is only a proxy: it must be connected to a {@code deluged} ({@code web.connected},
 * else {@code web.get_hosts} and {@code web.connect} to the first host) before any {@code core.*} call.
 */
final class DelugeClient {

    /** auth.login answered false: the Web UI password is wrong. */
    static final class LoginRefused extends RuntimeException {
        LoginRefused() {
            super("Deluge refused the Web UI password", null, false, false);
        }
    }

    /** The Web UI knows no daemon, or could not connect to the first one it knows. */
    static final class NoDaemon extends RuntimeException {
        NoDaemon(String detail) {
            super(detail, null, false, false);
        }
    }

    /** The {@code error} member of an answer. */
    static final class RpcError extends RuntimeException {
        private final int code;

        RpcError(String method, int code, String message) {
            super(method + " failed with error " + code + ": " + message, null, false, false);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    static final int NOT_AUTHENTICATED = 1;
    static final int UNKNOWN_METHOD = 2;

    private final RemoteHttp http;

    DelugeClient(RemoteHttp http) {
        this.http = http;
    }

    /** Signs in and keeps the cookie; {@link LoginRefused} on a wrong password. */
    void login(DelugeSession session) {
        session.cookie(null);
        RemoteHttp.Reply reply = post(session, "auth.login", List.of(session.password()));
        JsonNode result = result(reply, "auth.login");
        if (!result.asBoolean(false)) {
            throw new LoginRefused();
        }
        reply.headers().allValues("Set-Cookie").stream()
                .map(header -> header.split(";", 2)[0].strip())
                .filter(pair -> pair.startsWith("_session_id="))
                .findFirst()
                .ifPresent(session::cookie);
    }

    /** Connects the Web UI to its first daemon unless it already is connected; {@link NoDaemon} when that fails. */
    void connectDaemon(DelugeSession session) {
        if (call(session, "web.connected").asBoolean(false)) {
            return;
        }
        JsonNode hosts = call(session, "web.get_hosts");
        if (!hosts.isArray() || hosts.isEmpty() || !hosts.get(0).isArray()) {
            throw new NoDaemon("the Web UI lists no daemon");
        }
        String hostId = hosts.get(0).get(0).asText();
        try {
            call(session, "web.connect", hostId);
        } catch (RpcError failed) {
            throw new NoDaemon("web.connect: " + failed.getMessage());
        }
        if (!call(session, "web.connected").asBoolean(false)) {
            throw new NoDaemon("the daemon " + hosts.get(0) + " did not accept the connection");
        }
    }

    /** The daemon's version ("2.0.3"); the spec names daemon.get_version, not daemon.info. */
    String version(DelugeSession session) {
        return call(session, "daemon.get_version").asText();
    }

    /** core.get_torrents_status with the given filter ({@code {}} for all, {@code {"id":[hash]}} for one). */
    Map<String, DelugeTorrent> torrents(DelugeSession session, Map<String, Object> filter) {
        JsonNode result = call(session, "core.get_torrents_status", filter, DelugeTorrent.KEYS);
        if (result.isNull()) {
            return Map.of();
        }
        try {
            return http.mapper().convertValue(result, new TypeReference<LinkedHashMap<String, DelugeTorrent>>() { });
        } catch (IllegalArgumentException e) {
            throw new RemoteFailure(RemoteFailure.Kind.UNEXPECTED_JSON, 200, "torrent list: " + e.getMessage(), e);
        }
    }

    /**
     * Calls a method with positional params, signing in first when there is no cookie, and once more
     * when the session has expired (error 1); after a sign-in the daemon connection is checked, and
     * error 2 for a daemon method (the Web UI lost its daemon) connects once and tries again.
     */
    JsonNode call(DelugeSession session, String method, Object... params) {
        if (session.cookie().isEmpty()) {
            login(session);
            ensureDaemon(session, method);
        }
        try {
            return result(post(session, method, Arrays.asList(params)), method);
        } catch (RpcError error) {
            if (error.code() == NOT_AUTHENTICATED) {
                login(session);
                ensureDaemon(session, method);
            } else if (error.code() == UNKNOWN_METHOD && needsDaemon(method)) {
                connectDaemon(session);
            } else {
                throw error;
            }
            return result(post(session, method, Arrays.asList(params)), method);
        }
    }

    private void ensureDaemon(DelugeSession session, String method) {
        if (needsDaemon(method)) {
            connectDaemon(session);
        }
    }

    private static boolean needsDaemon(String method) {
        return !method.startsWith("auth.") && !method.startsWith("web.");
    }

    private RemoteHttp.Reply post(DelugeSession session, String method, List<Object> params) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("method", method);
        envelope.put("params", params);
        envelope.put("id", session.nextId());
        Map<String, String> headers = session.cookie().map(cookie -> Map.of("Cookie", cookie)).orElse(Map.of());
        return http.exchange(session.endpoint(), RemoteHttp.Call.send("POST", "/json", headers, envelope).withMaxBytes(64L << 20));
    }

    /** The {@code result} member, or the {@code error} member as an {@link RpcError}. */
    private JsonNode result(RemoteHttp.Reply reply, String method) {
        JsonNode answer;
        try {
            answer = http.mapper().readTree(reply.body());
        } catch (IOException e) {
            throw new RemoteFailure(RemoteFailure.Kind.NOT_JSON, reply.status(), method + " answered something else than JSON", e);
        }
        if (answer == null || !answer.isObject() || !answer.has("result") || !answer.has("error")) {
            throw new RemoteFailure(RemoteFailure.Kind.WRONG_APPLICATION, reply.status(), method + " answered without result and error", null);
        }
        JsonNode error = answer.get("error");
        if (!error.isNull()) {
            throw new RpcError(method, error.path("code").asInt(0), error.path("message").asText(""));
        }
        return answer.get("result");
    }
}
