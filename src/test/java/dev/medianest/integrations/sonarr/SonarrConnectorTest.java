package dev.medianest.integrations.sonarr;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceField;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.Fixtures;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sonarr's settings form, Test button, probe and live choices against a fake held to sonarr-v3.openapi.json. */
class SonarrConnectorTest {

    private final SonarrConnector connector = new SonarrConnector(new RemoteHttp(new ObjectMapper()));

    private static ServiceInstance instance(SpecFake fake) {
        return new ServiceInstance(2, ServiceKind.SONARR, "Sonarr", URI.create(fake.baseUrl()), Map.of(),
                Map.of("apiKey", SonarrClientTest.API_KEY), true, false, false, Duration.ofSeconds(2), true, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void the_form_asks_for_the_key_profiles_folder_tags_series_type_and_season_folders() {
        assertThat(connector.fields()).extracting(ServiceField::name)
                .containsExactly("apiKey", "qualityProfileId", "languageProfileId", "rootFolder", "tags", "seriesType", "seasonFolder");
        assertThat(connector.fields()).filteredOn(ServiceField::secret).extracting(ServiceField::name).containsExactly("apiKey");
        assertThat(connector.fields()).filteredOn(field -> field.name().equals("seriesType")).singleElement()
                .satisfies(field -> assertThat(field.choices()).containsExactly("standard", "daily", "anime"));
    }

    @Test
    void a_working_sonarr_passes_the_test_and_reports_its_disks() {
        try (SpecFake sonarr = SpecFake.start(SonarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/system/status", ctx -> ctx.json(SonarrClientTest.STATUS));
            routes.get("/api/v3/health", ctx -> ctx.json(List.of()));
            routes.get("/api/v3/diskspace", ctx -> ctx.json(List.of(Map.of("id", 1, "path", "/tv", "label", "tank",
                    "freeSpace", 2_199_023_255_552L, "totalSpace", 8_001_563_222_016L))));
        })) {
            assertThat(connector.test(instance(sonarr))).isEmpty();
            Probe probe = connector.probe(instance(sonarr));
            assertThat(probe.state()).isEqualTo(Probe.State.UP);
            assertThat(probe.application()).contains("Sonarr");
            assertThat(probe.disks()).extracting(Probe.Disk::path).containsExactly("/tv");
            sonarr.assertAllInSpec();
        }
    }

    @Test
    void radarr_at_the_sonarr_address_and_a_sonarr_2_are_told_apart() {
        Map<String, Object> radarr = new HashMap<>(SonarrClientTest.STATUS);
        radarr.put("appName", "Radarr");
        try (SpecFake wrong = SpecFake.start(SonarrClientTest.SPEC, routes -> routes.get("/api/v3/system/status", ctx -> ctx.json(radarr)))) {
            assertThat(connector.test(instance(wrong))).singleElement().satisfies(problem -> {
                assertThat(problem.messageKey()).isEqualTo("service.wrong_application");
                assertThat(problem.args()).contains("Sonarr", "Radarr");
            });
        }
        Map<String, Object> old = new HashMap<>(SonarrClientTest.STATUS);
        old.put("version", "2.0.0.5344");
        try (SpecFake ancient = SpecFake.start(SonarrClientTest.SPEC, routes -> routes.get("/api/v3/system/status", ctx -> ctx.json(old)))) {
            assertThat(connector.test(instance(ancient))).singleElement().extracting(ServiceProblem::messageKey).isEqualTo("service.version_too_old");
        }
    }

    @Test
    void language_profiles_are_offered_by_sonarr_3_and_not_by_sonarr_4() {
        try (SpecFake v3 = SpecFake.start(SonarrClientTest.SPEC, routes -> routes.get("/api/v3/languageprofile",
                Fixtures.answer("sonarr/languageprofiles-v3.json")))) {
            assertThat(connector.choices(instance(v3), "languageProfiles"))
                    .containsExactly(Map.entry("1", "English"), Map.entry("2", "Original + Russian"));
            v3.assertAllInSpec();
        }
        try (SpecFake v4 = SpecFake.start(SonarrClientTest.SPEC, routes -> routes.get("/api/v3/languageprofile",
                Fixtures.answer("sonarr/languageprofiles-v4.json")))) {
            assertThat(connector.choices(instance(v4), "languageProfiles")).isEmpty();
            v4.assertAllInSpec();
        }
    }

    @Test
    void the_shared_live_lists_come_from_sonarr() {
        try (SpecFake sonarr = SpecFake.start(SonarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/qualityprofile", ctx -> ctx.json(List.of(Map.of("id", 6, "name", "HD - 720p/1080p"))));
            routes.get("/api/v3/rootfolder", ctx -> ctx.json(List.of(Map.of("id", 1, "path", "/tv", "accessible", true))));
            routes.get("/api/v3/tag", ctx -> ctx.json(List.of(Map.of("id", 2, "label", "requested"))));
        })) {
            assertThat(connector.choices(instance(sonarr), "qualityProfiles")).containsExactly(Map.entry("6", "HD - 720p/1080p"));
            assertThat(connector.choices(instance(sonarr), "rootFolders")).containsExactly(Map.entry("/tv", "/tv"));
            assertThat(connector.choices(instance(sonarr), "tags")).containsExactly(Map.entry("2", "requested"));
            sonarr.assertAllInSpec();
        }
    }
}
