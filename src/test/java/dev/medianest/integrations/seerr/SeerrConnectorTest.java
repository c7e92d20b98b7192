package dev.medianest.integrations.seerr;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.medianest.integrations.seerr.SeerrPayloads.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** The Seerr kind's Test button and probe name whichever of the three portals answers. */
class SeerrConnectorTest {

    private final SeerrConnector connector = new SeerrConnector(new RemoteHttp(new ObjectMapper()));

    private static ServiceInstance instance(String baseUrl, String apiKey) {
        return new ServiceInstance(5, ServiceKind.SEERR, "Requests", URI.create(baseUrl), Map.of(), Map.of("apiKey", apiKey),
                true, false, false, Duration.ofSeconds(2), true, Instant.EPOCH, Instant.EPOCH);
    }

    @ParameterizedTest(name = "{0} reports {1} {2}")
    @CsvSource({
            "overseerr.openapi.yml, Overseerr, 1.34.0",
            "jellyseerr.openapi.yml, Jellyseerr, 2.7.3",
            "seerr.openapi.yml, Seerr, 3.1.0"})
    void the_probe_names_the_product_and_version_that_answered(String spec, String product, String version) {
        try (SpecFake portal = SpecFake.start(spec, routes -> {
            routes.get("/api/v1/status", ctx -> ctx.json(SeerrPayloads.status(version)));
            routes.get("/api/v1/settings/main", ctx -> ctx.json(SeerrPayloads.mainSettingsFor(spec)));
        })) {
            ServiceInstance instance = instance(portal.baseUrl(), API_KEY);
            assertThat(connector.test(instance)).isEmpty();
            Probe probe = connector.probe(instance);
            assertThat(probe.state()).isEqualTo(Probe.State.UP);
            assertThat(probe.application()).contains(product);
            assertThat(probe.version()).contains(version);
            portal.assertAllInSpec();
        }
    }

    @Test
    void a_portal_waiting_for_a_restart_is_degraded() {
        Map<String, Object> status = new HashMap<>(SeerrPayloads.status("3.1.0"));
        status.put("restartRequired", true);
        try (SpecFake seerr = SpecFake.start("seerr.openapi.yml", routes -> {
            routes.get("/api/v1/status", ctx -> ctx.json(status));
            routes.get("/api/v1/settings/main", ctx -> ctx.json(SeerrPayloads.jellyseerrMainSettings("Seerr")));
        })) {
            Probe probe = connector.probe(instance(seerr.baseUrl(), API_KEY));
            assertThat(probe.state()).isEqualTo(Probe.State.DEGRADED);
            assertThat(probe.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.messageKey()).isEqualTo("metadata.seerr.restart_required");
                assertThat(problem.args()).containsExactly("Requests", "Seerr");
            });
            seerr.assertAllInSpec();
        }
    }

    @Test
    void a_wrong_key_is_refused_and_the_probe_is_down() {
        try (SpecFake seerr = SpecFake.start("seerr.openapi.yml", routes -> {
            routes.get("/api/v1/status", ctx -> ctx.json(SeerrPayloads.status("3.1.0")));
            routes.get("/api/v1/settings/main", ctx -> ctx.status(401));
        })) {
            assertThat(connector.test(instance(seerr.baseUrl(), "wrong"))).singleElement()
                    .extracting(ServiceProblem::messageKey).isEqualTo("remote.unauthorized");
            assertThat(connector.probe(instance(seerr.baseUrl(), "wrong")).state()).isEqualTo(Probe.State.DOWN);
        }
    }

    @Test
    void nothing_listening_is_unreachable() {
        assertThat(connector.test(instance("http://127.0.0.1:9", API_KEY))).singleElement()
                .extracting(ServiceProblem::messageKey).isEqualTo("remote.unreachable");
    }
}
