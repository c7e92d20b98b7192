package dev.medianest.integrations.readarr;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceField;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.Fixtures;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Readarr's settings form, Test button, probe and live choices against a fake held to readarr-v1.openapi.json. */
class ReadarrConnectorTest {

    private final ReadarrConnector connector = new ReadarrConnector(new RemoteHttp(new ObjectMapper()));

    private static ServiceInstance instance(SpecFake fake) {
        return new ServiceInstance(3, ServiceKind.READARR, "Readarr", URI.create(fake.baseUrl()), Map.of(),
                Map.of("apiKey", ReadarrClientTest.API_KEY), true, false, false, Duration.ofSeconds(2), true, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void the_form_asks_for_the_key_both_profiles_the_folder_and_tags() {
        assertThat(connector.fields()).extracting(ServiceField::name)
                .containsExactly("apiKey", "qualityProfileId", "metadataProfileId", "rootFolder", "tags");
        assertThat(connector.fields()).filteredOn(ServiceField::secret).extracting(ServiceField::name).containsExactly("apiKey");
    }

    @Test
    void a_readarr_0_4_is_new_enough_and_its_health_warnings_degrade_it() {
        try (SpecFake readarr = SpecFake.start(ReadarrClientTest.SPEC, routes -> {
            routes.get("/api/v1/system/status", ctx -> ctx.json(ReadarrClientTest.STATUS));
            routes.get("/api/v1/health", ctx -> ctx.json(List.of(Map.of("source", "MetadataSourceCheck", "type", "error",
                    "message", "Unable to communicate with the metadata server"))));
            routes.get("/api/v1/diskspace", ctx -> ctx.json(List.of(Map.of("id", 1, "path", "/books", "label", "books",
                    "freeSpace", 912_680_550_400L, "totalSpace", 3_000_592_982_016L))));
        })) {
            assertThat(connector.test(instance(readarr))).isEmpty();
            Probe probe = connector.probe(instance(readarr));
            assertThat(probe.state()).isEqualTo(Probe.State.DEGRADED);
            assertThat(probe.version()).contains("0.4.18.2805");
            assertThat(probe.problems()).singleElement()
                    .satisfies(problem -> assertThat(problem.args()).contains("Unable to communicate with the metadata server"));
            readarr.assertAllInSpec();
        }
    }

    @Test
    void metadata_profiles_and_the_shared_lists_are_offered_live() {
        try (SpecFake readarr = SpecFake.start(ReadarrClientTest.SPEC, routes -> {
            routes.get("/api/v1/metadataprofile", Fixtures.answer("readarr/metadataprofiles.json"));
            routes.get("/api/v1/tag", ctx -> ctx.json(List.of(Map.of("id", 4, "label", "requested"))));
        })) {
            assertThat(connector.choices(instance(readarr), "metadataProfiles"))
                    .containsExactly(Map.entry("1", "Standard"), Map.entry("2", "English and Russian"));
            assertThat(connector.choices(instance(readarr), "tags")).containsExactly(Map.entry("4", "requested"));
            readarr.assertAllInSpec();
        }
    }
}
