package dev.medianest.integrations.sonarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.integrations.arr.ArrSpecGaps;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.Fixtures;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

/** A Sonarr instance as the request feature sees it (MediaKeeper), against a fake held to sonarr-v3.openapi.json. */
class SonarrSeriesTest {

    private static final String PROFILES = "[{\"id\":6,\"name\":\"HD - 720p/1080p\"}]";
    private static final String FOLDERS = "[{\"id\":1,\"path\":\"/tv\",\"accessible\":true,\"freeSpace\":2199023255552,\"unmappedFolders\":[]},"
            + "{\"id\":2,\"path\":\"/mnt/old-disk/tv\",\"accessible\":false,\"freeSpace\":null,\"unmappedFolders\":[]}]";
    private static final String EMPTY_QUEUE = "{\"page\":1,\"pageSize\":100,\"sortKey\":\"timeleft\",\"sortDirection\":\"ascending\",\"totalRecords\":0,\"records\":[]}";
    private static final Map<String, String> DEFAULTS = Map.of("qualityProfileId", "6", "rootFolder", "/tv", "tags", "2",
            "seriesType", "standard", "seasonFolder", "true");

    private final RemoteHttp http = new RemoteHttp(new ObjectMapper());
    private final SonarrConnector connector = new SonarrConnector(http);

    private MediaKeeper series(SpecFake fake, Map<String, String> options) {
        return connector.mediaKeeper(new ServiceInstance(2, ServiceKind.SONARR, "Sonarr", URI.create(fake.baseUrl()), options,
                Map.of("apiKey", SonarrClientTest.API_KEY), true, false, false, Duration.ofSeconds(2), true, Instant.EPOCH, Instant.EPOCH));
    }

    private JsonNode posted(SpecFake fake) throws Exception {
        return http.mapper().readTree(fake.received().stream().filter(request -> request.method().equals("POST")).findFirst().orElseThrow().body());
    }

    @Test
    void a_search_offers_the_seasons_to_choose_from() {
        try (SpecFake sonarr = SpecFake.start(SonarrClientTest.SPEC, routes ->
                routes.get("/api/v3/series/lookup", Fixtures.answer("sonarr/series-lookup-expanse.json")))) {
            assertThat(series(sonarr, DEFAULTS).search("The Expanse")).singleElement().satisfies(title -> {
                assertThat(title.kind()).isEqualTo(MediaKeeper.Kind.SERIES);
                assertThat(title.seasons()).containsExactly(0, 1, 2, 3, 4, 5, 6);
                assertThat(title.ids()).containsExactly(MediaKeeper.ExternalId.tvdb(280619), MediaKeeper.ExternalId.tmdb(63639),
                        MediaKeeper.ExternalId.imdb("tt3230854"));
                assertThat(title.inLibrary()).isFalse();
            });
            sonarr.assertAllInSpec();
        }
    }

    @Test
    void finding_by_imdb_id_asks_sonarr_with_an_imdb_prefix_and_a_tmdb_id_is_not_its_to_look_up() {
        try (SpecFake sonarr = SpecFake.start(SonarrClientTest.SPEC, routes -> routes.get("/api/v3/series/lookup",
                ctx -> ctx.contentType("application/json").result("[" + Fixtures.text("sonarr/series-severance.json") + "]")))) {
            MediaKeeper tv = series(sonarr, DEFAULTS);
            assertThat(tv.find(MediaKeeper.ExternalId.imdb("tt11280740"))).hasValueSatisfying(title -> assertThat(title.libraryId()).contains(7L));
            assertThat(tv.find(MediaKeeper.ExternalId.tmdb(95396))).isEmpty();
            assertThat(sonarr.received()).extracting(SpecFake.Recorded::query).containsExactly("term=imdb%3Att11280740");
            sonarr.assertAllInSpec();
        }
    }

    @Test
    void a_kept_series_counts_its_episode_files_and_shows_the_episode_downloading() {
        try (SpecFake sonarr = SpecFake.start(SonarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/series", ctx -> ctx.contentType("application/json")
                    .result("371980".equals(ctx.queryParam("tvdbId")) ? "[" + Fixtures.text("sonarr/series-severance.json") + "]" : "[]"));
            routes.get("/api/v3/queue", ctx -> ctx.contentType("application/json")
                    .result("7".equals(ctx.queryParam("seriesIds")) ? Fixtures.text("sonarr/queue-page.json") : EMPTY_QUEUE));
        })) {
            MediaKeeper tv = series(sonarr, DEFAULTS);
            MediaKeeper.Presence severance = tv.presence(MediaKeeper.ExternalId.tvdb(371980));
            assertThat(severance.libraryId()).contains(7L);
            assertThat(severance.filesPresent()).isEqualTo(16);
            assertThat(severance.filesExpected()).isEqualTo(18);
            assertThat(severance.complete()).isFalse();
            assertThat(severance.downloads()).singleElement().satisfies(download -> {
                assertThat(download.season()).hasValue(2);
                assertThat(download.episode()).hasValue(7);
                assertThat(download.state()).isEqualTo(MediaKeeper.Download.State.DOWNLOADING);
            });
            assertThat(tv.presence(MediaKeeper.ExternalId.tvdb(280619)).inLibrary()).isFalse();
            sonarr.assertAllInSpec();
        }
    }

    @Test
    void the_whole_library_comes_in_one_read_with_each_seasons_statistics_and_downloads() {
        try (SpecFake sonarr = SpecFake.start(SonarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/series", ctx -> ctx.contentType("application/json").result("[" + Fixtures.text("sonarr/series-severance.json") + "]"));
            routes.get("/api/v3/queue", Fixtures.answer("sonarr/queue-page.json"));
        })) {
            List<MediaKeeper.Kept> library = series(sonarr, DEFAULTS).library();
            assertThat(library).singleElement().satisfies(severance -> {
                assertThat(severance.ids()).contains(MediaKeeper.ExternalId.tvdb(371980), MediaKeeper.ExternalId.tmdb(95396));
                assertThat(severance.presence().filesPresent()).isEqualTo(16);
                assertThat(severance.presence().downloads()).singleElement().satisfies(download -> assertThat(download.season()).hasValue(2));
                assertThat(severance.seasons()).containsExactly(new MediaKeeper.SeasonPresence(0, false, 0, 0, 2),
                        new MediaKeeper.SeasonPresence(1, true, 9, 9, 9), new MediaKeeper.SeasonPresence(2, true, 7, 9, 10));
            });
            assertThat(sonarr.received()).hasSize(2);
            sonarr.assertAllInSpec();
        }
    }

    @Test
    void adding_a_series_monitors_the_chosen_seasons_on_sonarr_4_without_a_language_profile() throws Exception {
        try (SpecFake sonarr = SpecFake.start(SonarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/series", ctx -> ctx.contentType("application/json").result("[]"));
            routes.get("/api/v3/series/lookup", Fixtures.answer("sonarr/series-lookup-expanse.json"));
            routes.get("/api/v3/languageprofile", Fixtures.answer("sonarr/languageprofiles-v4.json"));
            routes.post("/api/v3/series", Fixtures.answer(201, "sonarr/series-expanse-added.json"));
        }).tolerating(ArrSpecGaps.created("/api/v3/series"))) {
            MediaKeeper.Added added = series(sonarr, DEFAULTS).add(MediaKeeper.Addition.of(MediaKeeper.ExternalId.tvdb(280619))
                    .withSeasons(Set.of(1, 2)));
            assertThat(added).isEqualTo(new MediaKeeper.Added(12, "The Expanse", false, true));
            JsonNode sent = posted(sonarr);
            assertThat(sent.has("languageProfileId")).isFalse();
            assertThat(sent.get("qualityProfileId").asInt()).isEqualTo(6);
            assertThat(sent.get("tags").toString()).isEqualTo("[2]");
            assertThat(sent.get("seasons").findValuesAsText("monitored")).containsExactly("false", "true", "true", "false", "false", "false", "false");
            sonarr.assertAllInSpec();
        }
    }

    @Test
    void on_sonarr_3_the_only_candidates_fill_in_for_missing_defaults_and_the_language_profile_is_sent() throws Exception {
        String oneLanguage = "[" + Fixtures.element("sonarr/languageprofiles-v3.json", 0) + "]";
        try (SpecFake sonarr = SpecFake.start(SonarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/series", ctx -> ctx.contentType("application/json").result("[]"));
            routes.get("/api/v3/series/lookup", Fixtures.answer("sonarr/series-lookup-expanse.json"));
            routes.get("/api/v3/qualityprofile", ctx -> ctx.contentType("application/json").result(PROFILES));
            routes.get("/api/v3/rootfolder", ctx -> ctx.contentType("application/json").result(FOLDERS));
            routes.get("/api/v3/languageprofile", ctx -> ctx.contentType("application/json").result(oneLanguage));
            routes.post("/api/v3/series", Fixtures.answer(201, "sonarr/series-expanse-added.json"));
        }).tolerating(ArrSpecGaps.created("/api/v3/series"))) {
            series(sonarr, Map.of()).add(MediaKeeper.Addition.of(MediaKeeper.ExternalId.tvdb(280619)));
            JsonNode sent = posted(sonarr);
            assertThat(sent.get("qualityProfileId").asInt()).isEqualTo(6);
            assertThat(sent.get("rootFolderPath").asText()).as("the only folder Sonarr can reach").isEqualTo("/tv");
            assertThat(sent.get("languageProfileId").asInt()).isEqualTo(1);
            sonarr.assertAllInSpec();
        }
    }

    @Test
    void several_language_profiles_and_no_default_ask_the_admin_to_choose() {
        try (SpecFake sonarr = SpecFake.start(SonarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/series", ctx -> ctx.contentType("application/json").result("[]"));
            routes.get("/api/v3/series/lookup", Fixtures.answer("sonarr/series-lookup-expanse.json"));
            routes.get("/api/v3/languageprofile", Fixtures.answer("sonarr/languageprofiles-v3.json"));
        })) {
            AppException refused = catchThrowableOfType(AppException.class,
                    () -> series(sonarr, DEFAULTS).add(MediaKeeper.Addition.of(MediaKeeper.ExternalId.tvdb(280619))));
            assertThat(refused.details()).containsEntry("languageProfileId", "validation.arr.language_profile_missing");
            sonarr.assertAllInSpec();
        }
    }

    @Test
    void asking_again_for_chosen_seasons_of_a_kept_series_searches_those_seasons() {
        try (SpecFake sonarr = SpecFake.start(SonarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/series", ctx -> ctx.contentType("application/json").result("[" + Fixtures.text("sonarr/series-severance.json") + "]"));
            routes.post("/api/v3/command", Fixtures.answer(201, "sonarr/command-season-search.json"));
        }).tolerating(ArrSpecGaps.created("/api/v3/command"), ArrSpecGaps.commandField("/api/v3/command", "seriesId"),
                ArrSpecGaps.commandField("/api/v3/command", "seasonNumber"))) {
            MediaKeeper.Added added = series(sonarr, DEFAULTS).add(MediaKeeper.Addition.of(MediaKeeper.ExternalId.tvdb(371980))
                    .withSeasons(Set.of(2)));
            assertThat(added).isEqualTo(new MediaKeeper.Added(7, "Severance", true, true));
            assertThat(sonarr.received()).extracting(SpecFake.Recorded::method, SpecFake.Recorded::body)
                    .contains(tuple("POST", "{\"name\":\"SeasonSearch\",\"seriesId\":7,\"seasonNumber\":2}"));
            sonarr.assertAllInSpec();
        }
    }

    @Test
    void the_queue_names_the_series_each_download_belongs_to() {
        try (SpecFake sonarr = SpecFake.start(SonarrClientTest.SPEC, routes -> routes.get("/api/v3/queue", Fixtures.answer("sonarr/queue-page.json")))) {
            assertThat(series(sonarr, DEFAULTS).queue()).extracting(MediaKeeper.Download::libraryId, MediaKeeper.Download::estimatedCompletion)
                    .containsExactly(tuple(7L, Optional.of(Instant.parse("2025-03-01T06:31:02Z"))));
            sonarr.assertAllInSpec();
        }
    }
}
