package dev.medianest.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTPS with a self-signed certificate works only for an instance whose admin ticked it, even when
 * the certificate names another host (radarr.lan reached as 127.0.0.1), as homelab certificates do.
 */
class SelfSignedCertificateTest {

    @TempDir
    Path dir;

    @Test
    void a_self_signed_certificate_is_refused_unless_the_instance_accepts_it() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "radarr", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=radarr.lan", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/api/v3/system/status", exchange -> {
            byte[] body = "{\"appName\":\"Radarr\",\"version\":\"5.14.0.9383\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI base = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
            RemoteHttp http = new RemoteHttp(new ObjectMapper());
            RemoteHttp.Call status = RemoteHttp.Call.get("/api/v3/system/status", Map.of("X-Api-Key", "key"));
            assertThatThrownBy(() -> http.exchange(new RemoteHttp.Endpoint(base, Duration.ofSeconds(3), false), status))
                    .isInstanceOfSatisfying(RemoteFailure.class, failure -> assertThat(failure.kind()).isEqualTo(RemoteFailure.Kind.TLS_UNTRUSTED));
            RemoteHttp.Reply reply = http.exchange(new RemoteHttp.Endpoint(base, Duration.ofSeconds(3), true), status);
            assertThat(reply.text()).contains("Radarr");
        } finally {
            server.stop(0);
        }
    }
}
