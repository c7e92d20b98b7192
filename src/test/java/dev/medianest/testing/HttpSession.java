package dev.medianest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One HTTP client with its own cookie jar, talking to a {@link TestApp} the way a browser or a
 * script does. API calls are checked against the OpenAPI document when a contract is given.
 */
public final class HttpSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    private final OpenApiContract contract;
    private String bearer;
    private String csrf;

    /** A response with its body read as text. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public String errorCode() {
            return json().path("error").path("code").asText();
        }
    }

    public HttpSession(String baseUrl, OpenApiContract contract) {
        this.baseUrl = baseUrl;
        this.contract = contract;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public HttpSession withBearer(String token) {
        this.bearer = token;
        return this;
    }

    public HttpSession withCsrf(String token) {
        this.csrf = token;
        return this;
    }

    /** Signs in through the JSON API and keeps the cookie and CSRF token. */
    public Reply signIn(String username, String password) {
        Reply reply = api("POST", "/api/v1/auth/sign-in", Map.of("username", username, "password", password));
        if (reply.status() == 200) {
            csrf = reply.json().get("csrfToken").asText();
        }
        return reply;
    }

    public Reply api(String method, String path) {
        return api(method, path, null);
    }

    public Reply api(String method, String path, Object body) {
        String text = body == null ? null : write(body);
        return send(method, path, text == null ? null : "application/json", text, true, Map.of());
    }

    /** A JSON call that deliberately breaks the document's request rules (too short, out of range); only the response is checked. */
    public Reply invalidApi(String method, String path, Object body) {
        return send(method, path, "application/json", write(body), false, Map.of());
    }

    /** An API call whose request is deliberately outside the document (bad JSON, unknown fields); only the response is checked. */
    public Reply rawApi(String method, String path, String contentType, String body, Map<String, String> headers) {
        return send(method, path, contentType, body, false, headers);
    }

    public Reply get(String path) {
        return send("GET", path, null, null, false, Map.of());
    }

    /** A form post as a browser sends it (the CSRF field is added unless the form has one). */
    public Reply form(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (!all.containsKey("_csrf")) {
            all.put("_csrf", csrf != null ? csrf : cookie("mn_csrf").orElse(""));
        }
        String encoded = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", path, "application/x-www-form-urlencoded", encoded, false, Map.of());
    }

    /** A multipart form post with one file, as a browser sends an upload form (the CSRF field is added). */
    public Reply multipart(String path, Map<String, String> fields, String fileField, String fileName, byte[] content) {
        String boundary = "----medianest" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent("_csrf", csrf != null ? csrf : cookie("mn_csrf").orElse(""));
        all.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (content != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/x-bittorrent\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        // Expect: 100-continue, as for any large upload: a body refused by its length is then never sent, and the
        // refusal is read instead of the connection being reset under a body still being written.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(", ", values)));
            return new Reply(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    public HttpCookie cookieDetails(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    public void dropCookie(String name) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList()
                .forEach(c -> cookies.getCookieStore().remove(null, c));
    }

    public String csrf() {
        return csrf;
    }

    /** Bodies above this are sent after the server's 100 Continue, like {@link #multipart} uploads. */
    private static final int LARGE_BODY = 64 * 1024;

    private Reply send(String method, String path, String contentType, String body, boolean conforming, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .expectContinue(body != null && body.length() > LARGE_BODY);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        } else if (csrf != null && !method.equals("GET") && headers.keySet().stream().noneMatch("X-CSRF-Token"::equalsIgnoreCase)) {
            request.header("X-CSRF-Token", csrf);
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> responseHeaders.put(name.toLowerCase(), String.join(", ", values)));
        Reply reply = new Reply(response.statusCode(), responseHeaders, response.body());
        boolean api = path.startsWith("/api/") || path.startsWith("/health/") || path.equals("/metrics");
        if (contract != null && api) {
            contract.check(method, path, contentType, body, bearer == null ? null : "Bearer " + bearer, reply.status(),
                    reply.header("content-type"), reply.body(), conforming);
        }
        return reply;
    }

    private static String write(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
