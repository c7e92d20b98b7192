package dev.medianest.integrations.tmdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceField;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.medianest.integrations.tmdb.TmdbPayloads.API_KEY;
import static dev.medianest.integrations.tmdb.TmdbPayloads.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** TMDb's Test button and probe against a fake held to tmdb-v3.openapi.json. */
class TmdbConnectorTest {

    private final TmdbConnector connector = new TmdbConnector(new RemoteHttp(new ObjectMapper()));

    static ServiceInstance instance(String baseUrl, String credential) {
        return new ServiceInstance(7, ServiceKind.TMDB, "TMDb", URI.create(baseUrl), Map.of("defaultLanguage", "ru-RU"),
                Map.of("apiKey", credential), true, false, false, Duration.ofSeconds(2), true, Instant.EPOCH, Instant.EPOCH);
    }

    /** Answers like TMDb: 401 with status_code 7 unless the token or the key is the known one. */
    static SpecFake tmdb() {
        return SpecFake.start("tmdb-v3.openapi.json", routes -> routes.get("/3/authentication", ctx -> {
            boolean known = ("Bearer " + TOKEN).equals(ctx.header("Authorization")) || API_KEY.equals(ctx.queryParam("api_key"));
            if (known) {
                ctx.json(Map.of("success", true, "status_code", 1, "status_message", "Success."));
            } else {
                ctx.status(401).json(Map.of("status_code", 7, "status_message", "Invalid API key: You must be granted a valid key.", "success", false));
            }
        }));
    }

    @Test
    void either_a_read_access_token_or_a_v3_key_passes_the_test() {
        try (SpecFake tmdb = tmdb()) {
            assertThat(connector.test(instance(tmdb.baseUrl(), TOKEN))).isEmpty();
            assertThat(connector.test(instance(tmdb.baseUrl(), API_KEY))).isEmpty();
            Probe probe = connector.probe(instance(tmdb.baseUrl(), TOKEN));
            assertThat(probe.state()).isEqualTo(Probe.State.UP);
            assertThat(probe.application()).contains("TMDb");
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void a_wrong_key_is_reported_as_refused() {
        try (SpecFake tmdb = tmdb()) {
            assertThat(connector.test(instance(tmdb.baseUrl(), "00000000000000000000000000000000"))).singleElement().satisfies(problem -> {
                assertThat(problem.messageKey()).isEqualTo("remote.unauthorized");
                assertThat(problem.args()).containsExactly("TMDb", tmdb.baseUrl());
            });
            assertThat(connector.probe(instance(tmdb.baseUrl(), "wrong")).state()).isEqualTo(Probe.State.DOWN);
            tmdb.assertAllInSpec();
        }
    }

    @Test
    void the_form_asks_for_a_key_or_token_and_a_default_language() {
        assertThat(connector.fields()).extracting(ServiceField::name).containsExactly("apiKey", "defaultLanguage");
        assertThat(connector.fields().getFirst().secret()).isTrue();
        assertThat(connector.fields().get(1).choices()).containsExactly("en-US", "ru-RU");
        assertThat(connector.webUrl(instance("https://api.themoviedb.org", TOKEN))).isEqualTo("https://www.themoviedb.org");
    }

    @Test
    void nothing_listening_is_unreachable() {
        assertThat(connector.test(instance("http://127.0.0.1:9", TOKEN))).singleElement()
                .extracting(ServiceProblem::messageKey).isEqualTo("remote.unreachable");
    }
}
