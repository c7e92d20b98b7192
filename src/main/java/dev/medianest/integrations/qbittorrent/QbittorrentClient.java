package dev.medianest.integrations.qbittorrent;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.medianest.platform.http.RemoteFailure;
import dev.medianest.platform.http.RemoteHttp;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * qBittorrent's WebUI API v2 (specs: ../shared/specs/qbittorrent-webui-api.md for qBittorrent 4.1–4.6,
 * qbittorrent-webui-api-5.0.md for 5.x, qbittorrent-webui-api-key-auth.md for API keys).
 * Stateless: the session cookie and the version live in the {@link QbittorrentSession} passed in.
 *
 * <p>Quirks from the spec: authentication is a cookie ({@code SID}) from {@code POST /api/v2/auth/login},
 * which answers 200 with {@code Ok.} or {@code Fails.}, and 403 only when the address is banned
 * for failed sign-ins; an expired session makes every other call answer 403, so a 403 signs in
 * again once. Every request carries a {@code Referer} of the exact origin of the {@code Host} it
 * goes to, or the WebUI's CSRF check refuses it. Mutations are POSTs with form bodies; adding a
 * torrent is multipart. qBittorrent 5.2 (Web API 2.14.1) also takes an API key as
 * {@code Authorization: Bearer <key>} on every call but the auth endpoints; it needs no sign-in, and an
 * older qBittorrent ignores the header, so a call it makes is unauthenticated (403 unless the address
 * bypasses authentication).
 */
final class QbittorrentClient {

    /** The login answered, but refused the credentials. */
    static final class LoginRefused extends RuntimeException {
        LoginRefused() {
            super("qBittorrent refused the user name or password", null, false, false);
        }
    }

    /** One part of a multipart upload: text, or a file with its name. */
    record Part(String name, String fileName, String contentType, byte[] bytes) {
        static Part text(String name, String value) {
            return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final RemoteHttp http;

    QbittorrentClient(RemoteHttp http) {
        this.http = http;
    }

    /** Signs in and keeps the cookie. Fails with {@link LoginRefused} on wrong credentials, FORBIDDEN (403) when banned. */
    void login(QbittorrentSession session) {
        RemoteHttp.Reply reply = http.exchange(session.endpoint(), RemoteHttp.Call.raw("POST", "/api/v2/auth/login",
                referer(session), form(Map.of("username", session.username(), "password", session.password()))));
        String answer = reply.text().strip();
        if (answer.equals("Fails.")) {
            throw new LoginRefused();
        }
        if (!answer.equals("Ok.")) {
            throw new RemoteFailure(RemoteFailure.Kind.WRONG_APPLICATION, reply.status(), "login answered " + excerpt(answer), null);
        }
        // 4.x names the cookie SID; 5.x may name it QBT_SID_<port>. Keep whichever name=value came back.
        reply.headers().allValues("Set-Cookie").stream()
                .map(header -> header.split(";", 2)[0].strip())
                .filter(pair -> pair.startsWith("SID=") || pair.startsWith("QBT_SID"))
                .findFirst()
                .ifPresent(session::cookie);
    }

    /** The application version without its leading "v" ("4.5.2"); asked once per session. */
    String version(QbittorrentSession session) {
        Optional<String> known = session.version();
        if (known.isPresent()) {
            return known.get();
        }
        String text = call(session, RemoteHttp.Call.get("/api/v2/app/version", Map.of())).text().strip();
        String version = text.startsWith("v") ? text.substring(1) : text;
        session.version(version);
        return version;
    }

    /** The Web API version ("2.8.19"). */
    String webapiVersion(QbittorrentSession session) {
        return call(session, RemoteHttp.Call.get("/api/v2/app/webapiVersion", Map.of())).text().strip();
    }

    /** Every torrent, or only those with the given hashes ({@code a|b}) when {@code hashes} is not empty. */
    List<QbittorrentTorrent> torrents(QbittorrentSession session, String hashes) {
        String path = "/api/v2/torrents/info" + (hashes.isEmpty() ? "" : "?hashes=" + encode(hashes));
        RemoteHttp.Reply reply = call(session, RemoteHttp.Call.get(path, Map.of()).withMaxBytes(64L << 20));
        try {
            return http.mapper().readValue(reply.body(), new TypeReference<List<QbittorrentTorrent>>() { });
        } catch (java.io.IOException e) {
            throw new RemoteFailure(RemoteFailure.Kind.UNEXPECTED_JSON, reply.status(), "torrent list: " + e.getMessage(), e);
        }
    }

    /** {@code POST /api/v2/torrents/add}; returns the daemon's answer ("Ok." or "Fails."). */
    String add(QbittorrentSession session, List<Part> parts) {
        return call(session, RemoteHttp.Call.raw("POST", "/api/v2/torrents/add", Map.of(), multipart(parts))).text().strip();
    }

    /** A form POST to {@code /api/v2/torrents/<method>} (pause, resume, delete, recheck, setCategory, createCategory). */
    void torrents(QbittorrentSession session, String method, Map<String, String> fields) {
        call(session, RemoteHttp.Call.raw("POST", "/api/v2/torrents/" + method, Map.of(), form(fields)));
    }

    /** Calls with the session cookie, signing in first when there is none, and once more on a 403 (an expired session). */
    private RemoteHttp.Reply call(QbittorrentSession session, RemoteHttp.Call call) {
        if (session.cookie().isEmpty() && session.signsIn()) {
            login(session);
        }
        try {
            return http.exchange(session.endpoint(), withSession(session, call));
        } catch (RemoteFailure failure) {
            if (failure.kind() != RemoteFailure.Kind.FORBIDDEN || !session.signsIn()) {
                throw failure;
            }
            login(session);
            return http.exchange(session.endpoint(), withSession(session, call));
        }
    }

    private static RemoteHttp.Call withSession(QbittorrentSession session, RemoteHttp.Call call) {
        Map<String, String> headers = new LinkedHashMap<>(call.headers());
        headers.putAll(referer(session));
        if (session.usesApiKey()) {
            headers.put("Authorization", "Bearer " + session.apiKey());
        } else {
            session.cookie().ifPresent(cookie -> headers.put("Cookie", cookie));
        }
        return new RemoteHttp.Call(call.method(), call.pathAndQuery(), headers, call.body(), call.maxBytes());
    }

    /** The spec's CSRF rule: Referer must name the same scheme, host and port as the Host header. */
    private static Map<String, String> referer(QbittorrentSession session) {
        java.net.URI base = session.endpoint().baseUrl();
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        return Map.of("Referer", origin + "/");
    }

    static RemoteHttp.RawBody form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(encode(name)).append('=').append(encode(value)));
        return new RemoteHttp.RawBody("application/x-www-form-urlencoded", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static RemoteHttp.RawBody multipart(List<Part> parts) {
        String boundary = "MediaNest" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
            if (part.fileName() != null) {
                head.append("; filename=\"").append(part.fileName()).append('"');
            }
            head.append("\r\n");
            if (part.contentType() != null) {
                head.append("Content-Type: ").append(part.contentType()).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.bytes());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new RemoteHttp.RawBody("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    /** Whether a dotted version ("2.8.19") is at least the given one, part by part; a part that is not a number counts as 0. */
    static boolean atLeast(String version, List<Integer> wanted) {
        String[] parts = version.strip().split("\\.");
        for (int i = 0; i < wanted.size(); i++) {
            int part;
            try {
                part = i < parts.length ? Integer.parseInt(parts[i].strip()) : 0;
            } catch (NumberFormatException notANumber) {
                part = 0;
            }
            if (part != wanted.get(i)) {
                return part > wanted.get(i);
            }
        }
        return true;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String excerpt(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
