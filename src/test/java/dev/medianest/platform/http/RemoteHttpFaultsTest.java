package dev.medianest.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.integrations.radarr.RadarrClient;
import dev.medianest.integrations.radarr.RadarrConnector;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a broken, slow, hostile or misplaced Radarr does to a call, seen through RadarrClient (the
 * RemoteFailure kind) and through the connector's Test button (the ServiceProblem a person reads).
 * The faults are off-spec on purpose, so the fakes here are plain Javalin servers and raw sockets.
 */
class RemoteHttpFaultsTest {

    private static final String API_KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String STATUS_JSON = "{\"appName\":\"Radarr\",\"instanceName\":\"Radarr\",\"version\":\"5.14.0.9383\",\"urlBase\":\"\"}";

    private final RemoteHttp http = new RemoteHttp(new ObjectMapper());
    private final RadarrClient radarr = new RadarrClient(http);
    private final RadarrConnector connector = new RadarrConnector(http);

    private static ServiceInstance instance(String baseUrl) {
        return new ServiceInstance(1, ServiceKind.RADARR, "Radarr", URI.create(baseUrl), Map.of(), Map.of("apiKey", API_KEY),
                true, false, false, Duration.ofSeconds(1), true, Instant.EPOCH, Instant.EPOCH);
    }

    private static RemoteHttp.Endpoint endpoint(String baseUrl) {
        return new RemoteHttp.Endpoint(URI.create(baseUrl), Duration.ofSeconds(1), false);
    }

    /** A plain HTTP server on 127.0.0.1 that counts what it receives. */
    private static final class PlainFake implements AutoCloseable {
        final Javalin server;
        final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();

        PlainFake(Consumer<RoutesConfig> routes) {
            server = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.jetty.host = "127.0.0.1";
                config.jetty.port = 0;
                config.routes.before(ctx -> headers.add(ctx.headerMap()));
                routes.accept(config.routes);
            }).start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.port();
        }

        /**
         * Stops within a bounded time: after the client abandons a huge answer mid-write, Jetty's
         * selector can wait on that connection and make stop() hang (seen once in ~10 full runs),
         * so the stop runs aside and the test moves on after 5 s; the port dies with the JVM.
         */
        @Override
        public void close() {
            Thread stopping = Thread.ofPlatform().daemon().start(server::stop);
            try {
                stopping.join(java.time.Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A raw socket server: accepts every connection and hands it to {@code conversation}, keeping it open until closed. */
    private static final class RawServer implements AutoCloseable {
        final ServerSocket socket;
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        RawServer(Consumer<Socket> conversation) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.startVirtualThread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        accepted.add(client);
                        Thread.startVirtualThread(() -> conversation.accept(client));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket client : accepted) {
                client.close();
            }
        }
    }

    private RemoteFailure statusFailure(String baseUrl) {
        RemoteFailure failure = catchThrowableOfType(RemoteFailure.class, () -> radarr.shared().systemStatus(endpoint(baseUrl), API_KEY));
        assertThat(failure).as("a RemoteFailure, not success nor another exception").isNotNull();
        return failure;
    }

    private String problemKey(String baseUrl) {
        List<ServiceProblem> problems = connector.test(instance(baseUrl));
        assertThat(problems).singleElement().satisfies(problem -> assertThat(problem.args()).containsExactly("Radarr", baseUrl));
        return problems.getFirst().messageKey();
    }

    private static void answerRaw(Socket client, String response) {
        try {
            client.getInputStream().read(new byte[8192]);
            OutputStream out = client.getOutputStream();
            out.write(response.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_body_that_is_not_json_is_not_json() {
        try (PlainFake fake = new PlainFake(routes -> routes.get("/api/v3/system/status",
                ctx -> ctx.contentType("application/json").result("Radarr is starting, please wait…")))) {
            assertThat(statusFailure(fake.baseUrl()).kind()).isEqualTo(RemoteFailure.Kind.NOT_JSON);
            assertThat(problemKey(fake.baseUrl())).isEqualTo("remote.not_json");
        }
    }

    @Test
    void json_cut_short_is_truncated() {
        try (PlainFake fake = new PlainFake(routes -> routes.get("/api/v3/system/status",
                ctx -> ctx.contentType("application/json").result("{\"appName\":\"Radarr\",\"version\":\"5.14")))) {
            assertThat(statusFailure(fake.baseUrl()).kind()).isEqualTo(RemoteFailure.Kind.TRUNCATED_JSON);
            assertThat(problemKey(fake.baseUrl())).isEqualTo("remote.truncated_json");
        }
    }

    @Test
    void a_connection_closed_before_the_promised_length_is_truncated() throws IOException {
        try (RawServer server = new RawServer(client -> {
            answerRaw(client, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"appName\":\"Radarr\",\"vers");
            try {
                client.close();
            } catch (IOException ignored) {
                // the point is the early close
            }
        })) {
            assertThat(statusFailure(server.baseUrl()).kind()).isEqualTo(RemoteFailure.Kind.TRUNCATED_JSON);
            assertThat(problemKey(server.baseUrl())).isEqualTo("remote.truncated_json");
        }
    }

    @Test
    void a_ten_megabyte_status_is_too_large() {
        String huge = "{\"appName\":\"Radarr\",\"padding\":\"" + "x".repeat(10 << 20) + "\"}";
        try (PlainFake fake = new PlainFake(routes -> routes.get("/api/v3/system/status", ctx -> ctx.contentType("application/json").result(huge)))) {
            assertThat(statusFailure(fake.baseUrl()).kind()).isEqualTo(RemoteFailure.Kind.TOO_LARGE);
            assertThat(problemKey(fake.baseUrl())).isEqualTo("remote.too_large");
        }
    }

    @Test
    @Timeout(20)
    void a_server_that_accepts_and_never_answers_times_out_within_the_instance_timeout() throws IOException {
        try (RawServer silent = new RawServer(client -> { })) {
            long started = System.nanoTime();
            assertThat(statusFailure(silent.baseUrl()).kind()).isEqualTo(RemoteFailure.Kind.TIMEOUT);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(problemKey(silent.baseUrl())).isEqualTo("remote.timeout");
            assertThat(waited).as("one wait of the 1-second timeout, not one per retry").isLessThan(Duration.ofMillis(1900));
        }
    }

    @Test
    @Timeout(20)
    void a_server_that_sends_headers_and_then_stalls_times_out_too() throws IOException {
        try (RawServer stalling = new RawServer(client ->
                answerRaw(client, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 90\r\n\r\n{\"appName\":"))) {
            long started = System.nanoTime();
            assertThat(statusFailure(stalling.baseUrl()).kind()).isEqualTo(RemoteFailure.Kind.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the whole call ends by its deadline, twice the timeout")
                    .isLessThan(Duration.ofMillis(2900));
        }
    }

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({"401, UNAUTHORIZED, 1", "403, FORBIDDEN, 1", "404, NOT_FOUND, 1", "500, SERVER_ERROR, 3", "503, UNAVAILABLE, 3"})
    void error_statuses_have_their_own_kind_and_only_server_trouble_is_tried_again(int status, RemoteFailure.Kind kind, int attempts) {
        AtomicInteger calls = new AtomicInteger();
        try (PlainFake fake = new PlainFake(routes -> routes.get("/api/v3/system/status", ctx -> {
            calls.incrementAndGet();
            ctx.status(status).contentType("application/json").result("{\"message\":\"NotFound\",\"description\":\"\"}");
        }))) {
            RemoteFailure failure = statusFailure(fake.baseUrl());
            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(failure.status()).isEqualTo(status);
            assertThat(calls).hasValue(attempts);
            assertThat(problemKey(fake.baseUrl())).isEqualTo(kind.messageKey());
        }
    }

    @Test
    void a_name_under_the_reserved_invalid_domain_is_a_dns_failure() {
        String nowhere = "http://radarr.medianest.invalid:7878";
        assertThat(statusFailure(nowhere).kind()).isEqualTo(RemoteFailure.Kind.DNS_FAILURE);
        assertThat(problemKey(nowhere)).isEqualTo("remote.dns_failure");
    }

    @Test
    void a_redirect_to_another_host_is_refused_and_the_other_host_never_sees_the_key() {
        try (PlainFake elsewhere = new PlainFake(routes -> routes.get("/api/v3/system/status",
                ctx -> ctx.contentType("application/json").result(STATUS_JSON)));
             PlainFake radarrBehindProxy = new PlainFake(routes -> routes.get("/api/v3/system/status",
                     ctx -> ctx.status(302).header("Location", "http://localhost:" + elsewhere.server.port() + "/api/v3/system/status")))) {
            assertThat(statusFailure(radarrBehindProxy.baseUrl()).kind()).isEqualTo(RemoteFailure.Kind.REDIRECTED_ELSEWHERE);
            assertThat(problemKey(radarrBehindProxy.baseUrl())).isEqualTo("remote.redirected_elsewhere");
            assertThat(radarrBehindProxy.headers).hasSize(2).allSatisfy(headers -> assertThat(headers).containsEntry("X-Api-Key", API_KEY));
            assertThat(elsewhere.headers).as("the other host got no request, so never the API key").isEmpty();
        }
    }

    @Test
    void a_redirect_to_an_address_that_is_not_a_url_is_refused_not_a_crash() {
        try (PlainFake fake = new PlainFake(routes -> routes.get("/api/v3/system/status",
                ctx -> ctx.status(302).header("Location", "http://sso.example.org:99999/login?rd=http://radarr:7878/ app")))) {
            assertThat(statusFailure(fake.baseUrl()).kind()).isEqualTo(RemoteFailure.Kind.REDIRECTED_ELSEWHERE);
            assertThat(problemKey(fake.baseUrl())).isEqualTo("remote.redirected_elsewhere");
        }
    }

    @Test
    void a_redirect_within_the_same_origin_is_followed() {
        try (PlainFake fake = new PlainFake(routes -> {
            routes.get("/api/v3/system/status", ctx -> ctx.status(301).header("Location", "/radarr/api/v3/system/status"));
            routes.get("/radarr/api/v3/system/status", ctx -> ctx.contentType("application/json").result(STATUS_JSON));
        })) {
            assertThat(radarr.shared().systemStatus(endpoint(fake.baseUrl()), API_KEY).version()).isEqualTo("5.14.0.9383");
            assertThat(fake.headers).hasSize(2).allSatisfy(headers -> assertThat(headers).containsEntry("X-Api-Key", API_KEY));
            assertThat(connector.test(instance(fake.baseUrl()))).isEmpty();
        }
    }

    @Test
    void an_html_sign_in_page_in_front_of_the_api_is_a_login_page() {
        String authelia = """
                <!DOCTYPE html><html lang="en"><head><title>Login - Authelia</title></head><body>
                <form method="post" action="/api/firstfactor"><input name="username" autocomplete="username">
                <input name="password" type="password"><button type="submit">Sign in</button></form></body></html>""";
        try (PlainFake fake = new PlainFake(routes -> routes.get("/api/v3/system/status", ctx -> ctx.html(authelia)))) {
            assertThat(statusFailure(fake.baseUrl()).kind()).isEqualTo(RemoteFailure.Kind.LOGIN_PAGE);
            assertThat(problemKey(fake.baseUrl())).isEqualTo("remote.login_page");
        }
        try (PlainFake fake = new PlainFake(routes -> routes.get("/api/v3/system/status", ctx -> ctx.status(401).html(authelia)))) {
            assertThat(statusFailure(fake.baseUrl()).kind()).as("a portal answering 401 is not a wrong API key")
                    .isEqualTo(RemoteFailure.Kind.LOGIN_PAGE);
        }
    }

    @Test
    void nothing_listening_is_unreachable() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        String nobody = "http://127.0.0.1:" + closedPort;
        assertThat(statusFailure(nobody).kind()).isEqualTo(RemoteFailure.Kind.UNREACHABLE);
        assertThat(problemKey(nobody)).isEqualTo("remote.unreachable");
    }
}
