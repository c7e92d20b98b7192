package dev.medianest.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way MediaNest calls other services over HTTP. Stateless apart from two connection pools
 * (one verifying certificates, one that accepts self-signed ones for instances whose admin ticked
 * that). Every failure becomes a {@link RemoteFailure} with a kind a person can act on; redirects
 * are followed only within the same origin, so an API key never travels to another host; bodies
 * are read against a size limit and the whole exchange (every attempt, pause, redirect and the
 * body) against one deadline of twice the instance's timeout, so a server that accepts and never
 * answers cannot hang a page.
 */
public final class RemoteHttp {

    /** Idempotent reads are retried this many times after the first try, with growing pauses. */
    private static final int READ_RETRIES = 2;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final int MAX_REDIRECTS = 3;

    // Made on first use: each client starts a selector thread and buffers, which an instance with no
    // services configured (or none over self-signed HTTPS) never needs.
    private volatile HttpClient verifying;
    private volatile HttpClient trustingSelfSigned;
    private final ObjectMapper json;

    /** Where a service lives and how to treat it; one per configured instance. */
    public record Endpoint(URI baseUrl, Duration timeout, boolean allowSelfSigned) {
        public Endpoint {
            String text = baseUrl.toString();
            baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        }

        URI resolve(String pathAndQuery) {
            return URI.create(baseUrl + (pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery));
        }
    }

    /** One call: method, path below the base URL, headers (the API key among them), optional JSON body, body limit. */
    public record Call(String method, String pathAndQuery, Map<String, String> headers, Optional<Object> body, long maxBytes) {
        public static Call get(String pathAndQuery, Map<String, String> headers) {
            return new Call("GET", pathAndQuery, headers, Optional.empty(), 8L << 20);
        }

        public static Call send(String method, String pathAndQuery, Map<String, String> headers, Object body) {
            return new Call(method, pathAndQuery, headers, Optional.ofNullable(body), 8L << 20);
        }

        /** A call whose body is sent as given (a form or multipart upload) rather than written as JSON. */
        public static Call raw(String method, String pathAndQuery, Map<String, String> headers, RawBody body) {
            return new Call(method, pathAndQuery, headers, Optional.of(body), 8L << 20);
        }

        public Call withMaxBytes(long limit) {
            return new Call(method, pathAndQuery, headers, body, limit);
        }

        boolean idempotent() {
            return method.equals("GET") || method.equals("HEAD");
        }
    }

    /** A request body already in its wire form, for APIs that take forms or uploads instead of JSON. */
    public record RawBody(String contentType, byte[] bytes) {
        public RawBody {
            bytes = bytes.clone();
        }
    }

    /** A successful (2xx) answer. */
    public record Reply(int status, HttpHeaders headers, byte[] body, Duration elapsed) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public RemoteHttp(ObjectMapper json) {
        // Remote payloads carry ISO-8601 dates ("2024-11-03T20:05:11Z"); payload records read them as java.time values.
        this.json = json.copy().registerModule(new JavaTimeModule());
    }

    private HttpClient client(boolean selfSigned) {
        if (selfSigned) {
            HttpClient client = trustingSelfSigned;
            if (client == null) {
                synchronized (this) {
                    if (trustingSelfSigned == null) {
                        trustingSelfSigned = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                                .connectTimeout(Duration.ofSeconds(5)).sslContext(trustAll()).build();
                    }
                    client = trustingSelfSigned;
                }
            }
            return client;
        }
        HttpClient client = verifying;
        if (client == null) {
            synchronized (this) {
                if (verifying == null) {
                    verifying = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(Duration.ofSeconds(5)).build();
                }
                client = verifying;
            }
        }
        return client;
    }

    /** Calls and reads the answer as JSON of the given type. */
    public <T> T json(Endpoint endpoint, Call call, Class<T> type) {
        return parse(exchange(endpoint, call), json.constructType(type));
    }

    public <T> T json(Endpoint endpoint, Call call, JavaType type) {
        return parse(exchange(endpoint, call), type);
    }

    /** Reads an answer already received (a call whose 2xx status mattered) as JSON of the given type. */
    public <T> T json(Reply reply, Class<T> type) {
        return parse(reply, json.constructType(type));
    }

    public ObjectMapper mapper() {
        return json;
    }

    /** Calls and returns the raw 2xx answer; anything else is a {@link RemoteFailure}. */
    public Reply exchange(Endpoint endpoint, Call call) {
        long deadline = System.nanoTime() + endpoint.timeout().multipliedBy(2).toNanos();
        RemoteFailure last = null;
        int attempts = call.idempotent() ? READ_RETRIES + 1 : 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                Duration pause = FIRST_PAUSE.multipliedBy(1L << (attempt - 1) * 2);
                if (remaining(deadline).compareTo(pause) <= 0) {
                    break;
                }
                pause(pause);
            }
            try {
                return once(endpoint, call, deadline);
            } catch (RemoteFailure failure) {
                last = failure;
                if (!worthRetrying(failure)) {
                    throw failure;
                }
            }
        }
        throw last;
    }

    /**
     * A refused connection or a 5xx may pass (a restart, a proxy in front of a service still
     * starting). A timeout is not tried again: a server stuck once stays stuck, and another full
     * wait would only keep the person waiting longer.
     */
    private static boolean worthRetrying(RemoteFailure failure) {
        return switch (failure.kind()) {
            case UNREACHABLE, SERVER_ERROR, UNAVAILABLE -> true;
            default -> failure.status() == 429;
        };
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(deadline - System.nanoTime());
    }

    private Reply once(Endpoint endpoint, Call call, long deadline) {
        URI target = endpoint.resolve(call.pathAndQuery());
        long started = System.nanoTime();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> response = send(endpoint, call, target, deadline);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                closeQuietly(response.body());
                String location = response.headers().firstValue("Location").orElse("");
                URI next;
                try {
                    next = target.resolve(location);
                } catch (IllegalArgumentException unreadable) {
                    throw new RemoteFailure(RemoteFailure.Kind.REDIRECTED_ELSEWHERE, status, "redirect to an unreadable address", unreadable);
                }
                if (!sameOrigin(target, next) || !call.idempotent()) {
                    // Following would send the API key to another host (or replay a write): refuse.
                    throw new RemoteFailure(RemoteFailure.Kind.REDIRECTED_ELSEWHERE, status, "redirect to " + next.getHost(), null);
                }
                target = next;
                continue;
            }
            byte[] body = readLimited(response.body(), call.maxBytes(), deadline);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (status >= 200 && status < 300) {
                if (looksLikeLoginPage(response.headers(), body) && !call.pathAndQuery().isEmpty()) {
                    throw new RemoteFailure(RemoteFailure.Kind.LOGIN_PAGE, status, "HTML answer to an API call", null);
                }
                return new Reply(status, response.headers(), body, elapsed);
            }
            throw statusFailure(status, response.headers(), body);
        }
        throw new RemoteFailure(RemoteFailure.Kind.REDIRECTED_ELSEWHERE, 0, "too many redirects", null);
    }

    private HttpResponse<InputStream> send(Endpoint endpoint, Call call, URI target, long deadline) {
        Duration left = remaining(deadline);
        if (left.toMillis() < 1) {
            throw new RemoteFailure(RemoteFailure.Kind.TIMEOUT, 0, "no time left within " + endpoint.timeout().multipliedBy(2), null);
        }
        Duration wait = left.compareTo(endpoint.timeout()) < 0 ? left : endpoint.timeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(wait)
                .header("Accept", "application/json")
                .header("User-Agent", "MediaNest");
        call.headers().forEach(request::header);
        if (call.body().isPresent() && call.body().get() instanceof RawBody raw) {
            request.header("Content-Type", raw.contentType())
                    .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(raw.bytes));
        } else if (call.body().isPresent()) {
            try {
                request.header("Content-Type", "application/json")
                        .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(call.body().get())));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("request body cannot be written as JSON", e);
            }
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpClient client = client(endpoint.allowSelfSigned() && "https".equals(target.getScheme()));
        CompletableFuture<HttpResponse<InputStream>> pending = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            // The request's own timeout normally fires first; this bound only backs it up.
            return pending.get(wait.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new RemoteFailure(RemoteFailure.Kind.TIMEOUT, 0, "no answer within " + wait, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteFailure(RemoteFailure.Kind.TIMEOUT, 0, "interrupted", e);
        } catch (ExecutionException e) {
            throw transportFailure(e.getCause() == null ? e : e.getCause());
        }
    }

    private static byte[] readLimited(InputStream body, long maxBytes, long deadline) {
        CompletableFuture<byte[]> reading = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = body) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new RemoteFailure(RemoteFailure.Kind.TOO_LARGE, 0, "more than " + maxBytes + " bytes", null);
                }
                return bytes;
            } catch (IOException e) {
                throw new RemoteFailure(RemoteFailure.Kind.TRUNCATED_JSON, 0, "connection closed while reading", e);
            }
        }, Thread::startVirtualThread);
        try {
            return reading.get(Math.max(1, remaining(deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            closeQuietly(body);
            throw new RemoteFailure(RemoteFailure.Kind.TIMEOUT, 0, "body not finished before the deadline", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteFailure(RemoteFailure.Kind.TIMEOUT, 0, "interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RemoteFailure failure) {
                throw failure;
            }
            throw new RemoteFailure(RemoteFailure.Kind.TRUNCATED_JSON, 0, "reading failed", e.getCause());
        }
    }

    private <T> T parse(Reply reply, JavaType type) {
        String contentType = reply.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (contentType.startsWith("text/html")) {
            throw new RemoteFailure(RemoteFailure.Kind.NOT_JSON, reply.status(), "HTML instead of JSON", null);
        }
        try {
            return json.readValue(reply.body(), type);
        } catch (MismatchedInputException e) {
            if (e.getMessage() != null && e.getMessage().contains("end-of-input")) {
                throw new RemoteFailure(RemoteFailure.Kind.TRUNCATED_JSON, reply.status(), "JSON ends early", e);
            }
            throw new RemoteFailure(RemoteFailure.Kind.UNEXPECTED_JSON, reply.status(), e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            boolean truncated = e.getMessage() != null && e.getMessage().contains("end-of-input");
            throw new RemoteFailure(truncated ? RemoteFailure.Kind.TRUNCATED_JSON : RemoteFailure.Kind.NOT_JSON, reply.status(),
                    e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RemoteFailure(RemoteFailure.Kind.NOT_JSON, reply.status(), e.getMessage(), e);
        }
    }

    private static RemoteFailure statusFailure(int status, HttpHeaders headers, byte[] body) {
        if ((status == 401 || status == 403) && looksLikeLoginPage(headers, body)) {
            // A proxy's sign-in portal, not the service refusing our key: say so, or the admin hunts a wrong key.
            return new RemoteFailure(RemoteFailure.Kind.LOGIN_PAGE, status, "HTML sign-in page", null);
        }
        RemoteFailure.Kind kind = switch (status) {
            case 401 -> RemoteFailure.Kind.UNAUTHORIZED;
            case 403 -> RemoteFailure.Kind.FORBIDDEN;
            case 404 -> RemoteFailure.Kind.NOT_FOUND;
            case 502, 503, 504 -> RemoteFailure.Kind.UNAVAILABLE;
            default -> status >= 500 ? RemoteFailure.Kind.SERVER_ERROR : RemoteFailure.Kind.CLIENT_ERROR;
        };
        String excerpt = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        return new RemoteFailure(kind, status, excerpt, null, headers);
    }

    /** Reverse proxies (Authelia, Authentik, basic auth portals) answer API calls with their HTML sign-in page. */
    private static boolean looksLikeLoginPage(HttpHeaders headers, byte[] body) {
        String type = headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("text/html")) {
            return false;
        }
        String start = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return start.contains("<form") && (start.contains("password") || start.contains("login") || start.contains("sign in"));
    }

    /**
     * The JDK client wraps the real cause: an unknown host arrives as a ConnectException around an
     * UnresolvedAddressException. So the whole chain is searched for each kind, most specific first.
     */
    private static RemoteFailure transportFailure(Throwable error) {
        Optional<Throwable> dns = causeOf(error, UnresolvedAddressException.class, UnknownHostException.class);
        if (dns.isPresent()) {
            return new RemoteFailure(RemoteFailure.Kind.DNS_FAILURE, 0, "host name not found", error);
        }
        Optional<Throwable> handshake = causeOf(error, SSLHandshakeException.class);
        if (handshake.isPresent()) {
            String message = String.valueOf(handshake.get().getMessage());
            boolean untrusted = message.contains("PKIX") || message.contains("certification path") || message.contains("unable to find valid");
            return new RemoteFailure(untrusted ? RemoteFailure.Kind.TLS_UNTRUSTED : RemoteFailure.Kind.TLS_FAILURE, 0, message, error);
        }
        Optional<Throwable> timeout = causeOf(error, HttpTimeoutException.class);
        if (timeout.isPresent()) {
            return new RemoteFailure(RemoteFailure.Kind.TIMEOUT, 0, String.valueOf(timeout.get().getMessage()), error);
        }
        return new RemoteFailure(RemoteFailure.Kind.UNREACHABLE, 0, causeOf(error, ConnectException.class).orElse(error).toString(), error);
    }

    @SafeVarargs
    private static Optional<Throwable> causeOf(Throwable error, Class<? extends Throwable>... types) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(cause)) {
                    return Optional.of(cause);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // nothing more to read from a connection being abandoned
        }
    }

    /**
     * Only for instances whose admin ticked "accept a self-signed certificate". An extended trust
     * manager, because JSSE wraps a plain X509TrustManager in one that still checks the host name,
     * and homelab certificates rarely name the address they are reached by.
     */
    private static SSLContext trustAll() {
        TrustManager[] trustEveryone = {new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // not used: MediaNest is the client
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                // not used: MediaNest is the client
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                // not used: MediaNest is the client
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // deliberately accepting: the admin opted in for this instance
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                // deliberately accepting, host name included: the admin opted in for this instance
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                // deliberately accepting, host name included: the admin opted in for this instance
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustEveryone, new java.security.SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is missing from this JDK", e);
        }
    }
}
