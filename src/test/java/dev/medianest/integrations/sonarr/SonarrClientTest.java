package dev.medianest.integrations.sonarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.integrations.arr.ArrApi;
import dev.medianest.integrations.arr.ArrContract;
import dev.medianest.integrations.arr.ArrSpecGaps;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.Fixtures;
import dev.medianest.testing.SpecFake;
import io.javalin.config.RoutesConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Every SonarrClient call against a fake held to sonarr-v3.openapi.json, with answers shaped like Sonarr 4's (and 3's where they differ). */
class SonarrClientTest {

    static final String SPEC = "sonarr-v3.openapi.json";
    static final String API_KEY = "5f4dcc3b5aa765d61d8327deb882cf99";

    static final Map<String, Object> STATUS = Map.ofEntries(
            Map.entry("appName", "Sonarr"), Map.entry("instanceName", "Sonarr"), Map.entry("version", "4.0.14.2939"),
            Map.entry("buildTime", "2025-03-30T19:01:02Z"), Map.entry("isDebug", false), Map.entry("isProduction", true),
            Map.entry("isAdmin", false), Map.entry("isUserInteractive", false), Map.entry("startupPath", "/app/sonarr/bin"),
            Map.entry("appData", "/config"), Map.entry("osName", "alpine"), Map.entry("osVersion", "3.21.3"),
            Map.entry("isNetCore", true), Map.entry("isLinux", true), Map.entry("isOsx", false), Map.entry("isWindows", false),
            Map.entry("isDocker", true), Map.entry("mode", "console"), Map.entry("branch", "main"),
            Map.entry("authentication", "forms"), Map.entry("sqliteVersion", "3.48.0"), Map.entry("migrationVersion", 217),
            Map.entry("urlBase", ""), Map.entry("runtimeVersion", "6.0.36"), Map.entry("runtimeName", ".NET"),
            Map.entry("startTime", "2025-04-02T05:44:10Z"), Map.entry("packageVersion", "4.0.14.2939-ls276"),
            Map.entry("packageAuthor", "[linuxserver.io](https://www.linuxserver.io/)"), Map.entry("packageUpdateMechanism", "docker"),
            Map.entry("databaseVersion", "3.48.0"), Map.entry("databaseType", "sqLite"));

    private final RemoteHttp http = new RemoteHttp(new ObjectMapper());
    private final ObjectMapper json = http.mapper();
    private final SonarrClient sonarr = new SonarrClient(http);

    private static RemoteHttp.Endpoint endpoint(SpecFake fake) {
        return ArrContract.endpoint(fake);
    }

    private static SpecFake exchange(Consumer<RoutesConfig> routes, Consumer<SpecFake> calls, SpecFake.KnownGap... gaps) {
        return ArrContract.exchange(SPEC, API_KEY, routes, calls, gaps);
    }

    @Test
    void a_text_lookup_lists_the_series_with_its_seasons() {
        SpecFake fake = exchange(routes -> routes.get("/api/v3/series/lookup", Fixtures.answer("sonarr/series-lookup-expanse.json")), sonarr -> {
            List<SonarrClient.Series> found = this.sonarr.lookup(endpoint(sonarr), API_KEY, "the expanse");
            assertThat(found).singleElement().satisfies(series -> {
                assertThat(series.title()).isEqualTo("The Expanse");
                assertThat(series.tvdbId()).isEqualTo(280619);
                assertThat(series.inLibrary()).isFalse();
                assertThat(series.seasons()).extracting(SonarrClient.Season::seasonNumber).containsExactly(0, 1, 2, 3, 4, 5, 6);
                assertThat(series.firstAired()).isEqualTo(Instant.parse("2015-12-14T00:00:00Z"));
            });
        });
        assertThat(fake.received().getFirst().query()).isEqualTo("term=the%20expanse");
    }

    @Test
    void a_tvdb_lookup_is_the_text_lookup_with_a_tvdb_prefix() {
        SpecFake fake = exchange(routes -> routes.get("/api/v3/series/lookup", ctx -> ctx.contentType("application/json")
                        .result("[" + Fixtures.text("sonarr/series-severance.json") + "]")),
                sonarr -> assertThat(this.sonarr.lookupTvdb(endpoint(sonarr), API_KEY, 371980))
                        .hasValueSatisfying(series -> assertThat(series.id()).isEqualTo(7)));
        assertThat(fake.received().getFirst().query()).isEqualTo("term=tvdb%3A371980");
    }

    @Test
    void adding_a_series_sends_only_the_chosen_seasons_as_monitored() throws Exception {
        SonarrClient.Series found = json.readValue(Fixtures.element("sonarr/series-lookup-expanse.json", 0), SonarrClient.Series.class);
        SpecFake fake = exchange(routes -> routes.post("/api/v3/series", Fixtures.answer(201, "sonarr/series-expanse-added.json")), sonarr -> {
            SonarrClient.Series added = this.sonarr.add(endpoint(sonarr), API_KEY,
                    SonarrClient.NewSeries.of(found, Set.of(1, 2), 6, null, "/tv", true, "standard", List.of(2), true, true));
            assertThat(added.id()).isEqualTo(12);
            assertThat(added.seasons()).filteredOn(SonarrClient.Season::monitored).extracting(SonarrClient.Season::seasonNumber)
                    .containsExactly(1, 2);
        }, ArrSpecGaps.created("/api/v3/series"));
        JsonNode sent = json.readTree(fake.received().getFirst().body());
        assertThat(sent.get("title").asText()).isEqualTo("The Expanse");
        assertThat(sent.get("tvdbId").asInt()).isEqualTo(280619);
        assertThat(sent.get("qualityProfileId").asInt()).isEqualTo(6);
        assertThat(sent.has("languageProfileId")).as("not sent to a Sonarr without language profiles").isFalse();
        assertThat(sent.get("rootFolderPath").asText()).isEqualTo("/tv");
        assertThat(sent.get("seasonFolder").asBoolean()).isTrue();
        assertThat(sent.get("seriesType").asText()).isEqualTo("standard");
        assertThat(sent.get("tags").toString()).isEqualTo("[2]");
        assertThat(sent.get("seasons").toString()).isEqualTo("[{\"seasonNumber\":0,\"monitored\":false},{\"seasonNumber\":1,\"monitored\":true},"
                + "{\"seasonNumber\":2,\"monitored\":true},{\"seasonNumber\":3,\"monitored\":false},{\"seasonNumber\":4,\"monitored\":false},"
                + "{\"seasonNumber\":5,\"monitored\":false},{\"seasonNumber\":6,\"monitored\":false}]");
        assertThat(sent.at("/addOptions/monitor").asText()).isEqualTo("unknown");
        assertThat(sent.at("/addOptions/searchForMissingEpisodes").asBoolean()).isTrue();
    }

    @Test
    void a_sonarr_3_gets_the_language_profile_and_every_season_but_specials_when_none_are_chosen() throws Exception {
        SonarrClient.Series found = json.readValue(Fixtures.element("sonarr/series-lookup-expanse.json", 0), SonarrClient.Series.class);
        SpecFake fake = exchange(routes -> routes.post("/api/v3/series", Fixtures.answer(201, "sonarr/series-expanse-added.json")),
                sonarr -> this.sonarr.add(endpoint(sonarr), API_KEY,
                        SonarrClient.NewSeries.of(found, Set.of(), 6, 1, "/tv", false, "anime", List.of(), true, false)),
                ArrSpecGaps.created("/api/v3/series"));
        JsonNode sent = json.readTree(fake.received().getFirst().body());
        assertThat(sent.get("languageProfileId").asInt()).isEqualTo(1);
        assertThat(sent.get("seriesType").asText()).isEqualTo("anime");
        assertThat(sent.get("seasons").findValuesAsText("monitored")).containsExactly("false", "true", "true", "true", "true", "true", "true");
        assertThat(sent.at("/addOptions/searchForMissingEpisodes").asBoolean()).isFalse();
    }

    @Test
    void the_library_lists_every_series_one_by_tvdb_id_and_one_by_id() {
        String severance = Fixtures.text("sonarr/series-severance.json");
        SpecFake fake = exchange(routes -> {
            routes.get("/api/v3/series", ctx -> ctx.contentType("application/json").result("[" + severance + "]"));
            routes.get("/api/v3/series/{id}", ctx -> ctx.contentType("application/json").result(severance));
        }, sonarr -> {
            assertThat(this.sonarr.series(endpoint(sonarr), API_KEY)).extracting(SonarrClient.Series::title).containsExactly("Severance");
            assertThat(this.sonarr.seriesWithTvdbId(endpoint(sonarr), API_KEY, 371980)).singleElement()
                    .satisfies(series -> assertThat(series.statistics().episodeFileCount()).isEqualTo(16));
            SonarrClient.Series one = this.sonarr.series(endpoint(sonarr), API_KEY, 7);
            assertThat(one.seasons()).extracting(season -> season.statistics().episodeFileCount()).containsExactly(0, 9, 7);
            assertThat(one.languageProfileId()).isEqualTo(1);
        });
        assertThat(fake.received()).extracting(SpecFake.Recorded::path, SpecFake.Recorded::query)
                .containsExactly(tuple("/api/v3/series", null), tuple("/api/v3/series", "tvdbId=371980"), tuple("/api/v3/series/7", null));
    }

    @Test
    void the_episodes_of_a_series_say_which_have_files() {
        SpecFake fake = exchange(routes -> routes.get("/api/v3/episode", Fixtures.answer("sonarr/episodes-severance-s02.json")), sonarr ->
                assertThat(this.sonarr.episodes(endpoint(sonarr), API_KEY, 7))
                        .extracting(SonarrClient.Episode::episodeNumber, SonarrClient.Episode::title, SonarrClient.Episode::hasFile)
                        .startsWith(tuple(1, "Hello, Ms. Cobel", true)).contains(tuple(7, "Chikhai Bardo", false)));
        assertThat(fake.received().getFirst().query()).isEqualTo("seriesId=7");
    }

    @Test
    void the_queue_names_series_season_and_episode() {
        SpecFake fake = exchange(routes -> routes.get("/api/v3/queue", Fixtures.answer("sonarr/queue-page.json")), sonarr -> {
            ArrApi.QueueRecord record = this.sonarr.queue(endpoint(sonarr), API_KEY, 1, 100, List.of(7)).records().getFirst();
            assertThat(record.seriesId()).isEqualTo(7);
            assertThat(record.seasonNumber()).isEqualTo(2);
            assertThat(record.episode().episodeNumber()).isEqualTo(7);
            assertThat(record.protocol()).isEqualTo("usenet");
            assertThat(record.quality().name()).isEqualTo("WEBDL-1080p");
        });
        assertThat(fake.received().getFirst().query()).isEqualTo("page=1&pageSize=100&includeEpisode=true&seriesIds=7");
    }

    @Test
    void the_history_comes_newest_first() {
        SpecFake fake = exchange(routes -> routes.get("/api/v3/history", Fixtures.answer("sonarr/history-page.json")), sonarr ->
                assertThat(this.sonarr.history(endpoint(sonarr), API_KEY, 1, 1).records()).singleElement().satisfies(record -> {
                    assertThat(record.eventType()).isEqualTo("downloadFolderImported");
                    assertThat(record.episodeId()).isEqualTo(303);
                }));
        assertThat(fake.received().getFirst().query()).isEqualTo("page=1&pageSize=1&sortKey=date&sortDirection=descending");
    }

    @Test
    void the_calendar_names_the_series_of_each_episode() {
        SpecFake fake = exchange(routes -> routes.get("/api/v3/calendar", Fixtures.answer("sonarr/calendar.json")), sonarr ->
                assertThat(this.sonarr.calendar(endpoint(sonarr), API_KEY, Instant.parse("2025-03-17T00:00:00Z"), Instant.parse("2025-03-24T00:00:00Z")))
                        .singleElement().satisfies(episode -> {
                            assertThat(episode.series().title()).isEqualTo("Severance");
                            assertThat(episode.title()).isEqualTo("Cold Harbor");
                            assertThat(episode.airDateUtc()).isEqualTo(Instant.parse("2025-03-21T02:00:00Z"));
                        }));
        assertThat(fake.received().getFirst().query()).isEqualTo("start=2025-03-17T00%3A00%3A00Z&end=2025-03-24T00%3A00%3A00Z&includeSeries=true");
    }

    @Test
    void a_season_search_names_the_series_and_the_season() throws Exception {
        SpecFake fake = exchange(routes -> routes.post("/api/v3/command", Fixtures.answer(201, "sonarr/command-season-search.json")), sonarr ->
                        assertThat(this.sonarr.searchSeason(endpoint(sonarr), API_KEY, 7, 2).status()).isEqualTo("started"),
                ArrSpecGaps.created("/api/v3/command"), ArrSpecGaps.commandField("/api/v3/command", "seriesId"),
                ArrSpecGaps.commandField("/api/v3/command", "seasonNumber"));
        assertThat(json.readTree(fake.received().getFirst().body()))
                .isEqualTo(json.readTree("{\"name\":\"SeasonSearch\",\"seriesId\":7,\"seasonNumber\":2}"));
    }

    @Test
    void a_series_search_names_the_series() throws Exception {
        SpecFake fake = exchange(routes -> routes.post("/api/v3/command", Fixtures.answer(201, "sonarr/command-series-search.json")),
                sonarr -> assertThat(this.sonarr.searchSeries(endpoint(sonarr), API_KEY, 7).id()).isEqualTo(55103),
                ArrSpecGaps.created("/api/v3/command"), ArrSpecGaps.commandField("/api/v3/command", "seriesId"));
        assertThat(json.readTree(fake.received().getFirst().body())).isEqualTo(json.readTree("{\"name\":\"SeriesSearch\",\"seriesId\":7}"));
    }

    @Test
    void deleting_says_whether_files_go_and_whether_lists_may_add_it_again() {
        SpecFake fake = exchange(routes -> routes.delete("/api/v3/series/{id}", ctx -> ctx.status(200)),
                sonarr -> this.sonarr.delete(endpoint(sonarr), API_KEY, 12, false, true));
        assertThat(fake.received().getFirst().path()).isEqualTo("/api/v3/series/12");
        assertThat(fake.received().getFirst().query()).isEqualTo("deleteFiles=false&addImportListExclusion=true");
    }

    @Test
    void sonarr_3_offers_its_language_profiles() {
        exchange(routes -> routes.get("/api/v3/languageprofile", Fixtures.answer("sonarr/languageprofiles-v3.json")), sonarr ->
                assertThat(this.sonarr.languageProfiles(endpoint(sonarr), API_KEY)).hasValueSatisfying(profiles ->
                        assertThat(profiles).extracting(SonarrClient.LanguageProfile::name).containsExactly("English", "Original + Russian")));
    }

    @Test
    void sonarr_4_offers_no_language_profiles_whether_it_answers_the_deprecated_stand_in_404_or_410() {
        exchange(routes -> routes.get("/api/v3/languageprofile", Fixtures.answer("sonarr/languageprofiles-v4.json")), sonarr ->
                assertThat(this.sonarr.languageProfiles(endpoint(sonarr), API_KEY)).isEmpty());
        for (int gone : new int[]{404, 410}) {
            exchange(routes -> routes.get("/api/v3/languageprofile", ctx -> ctx.status(gone)), sonarr ->
                            assertThat(this.sonarr.languageProfiles(endpoint(sonarr), API_KEY)).isEmpty(),
                    new SpecFake.KnownGap("GET", "/api/v3/languageprofile", "Response status " + gone + " not defined",
                            "early Sonarr v4 builds had removed the route (sct/overseerr#3013 logs the 404)"));
        }
    }

    @Test
    void status_profiles_folders_tags_and_disks_come_from_the_shared_endpoints() {
        exchange(routes -> {
            routes.get("/api/v3/system/status", ctx -> ctx.json(STATUS));
            routes.get("/api/v3/qualityprofile", ctx -> ctx.json(List.of(Map.of("id", 6, "name", "HD - 720p/1080p", "upgradeAllowed", true,
                    "cutoff", 3, "items", List.of(), "minFormatScore", 0, "cutoffFormatScore", 0, "minUpgradeFormatScore", 1, "formatItems", List.of()))));
            routes.get("/api/v3/rootfolder", ctx -> ctx.json(List.of(Map.of("id", 1, "path", "/tv", "accessible", true,
                    "freeSpace", 2_199_023_255_552L, "unmappedFolders", List.of()))));
            routes.get("/api/v3/tag", ctx -> ctx.json(List.of(Map.of("id", 2, "label", "requested"))));
            routes.get("/api/v3/diskspace", ctx -> ctx.json(List.of(Map.of("id", 1, "path", "/tv", "label", "tank",
                    "freeSpace", 2_199_023_255_552L, "totalSpace", 8_001_563_222_016L))));
        }, sonarr -> {
            ArrApi shared = this.sonarr.shared();
            assertThat(shared.systemStatus(endpoint(sonarr), API_KEY).appName()).isEqualTo("Sonarr");
            assertThat(shared.qualityProfiles(endpoint(sonarr), API_KEY)).containsExactly(new ArrApi.QualityProfile(6, "HD - 720p/1080p"));
            assertThat(shared.rootFolders(endpoint(sonarr), API_KEY)).extracting(ArrApi.RootFolder::path).containsExactly("/tv");
            assertThat(shared.tags(endpoint(sonarr), API_KEY)).extracting(ArrApi.Tag::label).containsExactly("requested");
            assertThat(shared.diskSpace(endpoint(sonarr), API_KEY)).extracting(ArrApi.DiskSpace::freeSpace).containsExactly(2_199_023_255_552L);
        });
    }
}
