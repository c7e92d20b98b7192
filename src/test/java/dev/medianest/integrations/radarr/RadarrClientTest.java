package dev.medianest.integrations.radarr;

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
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Every RadarrClient call against a fake held to radarr-v3.openapi.json, with answers shaped like Radarr 5's. */
class RadarrClientTest {

    static final String SPEC = "radarr-v3.openapi.json";
    static final String API_KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private final RemoteHttp http = new RemoteHttp(new ObjectMapper());
    private final ObjectMapper json = http.mapper();
    private final RadarrClient radarr = new RadarrClient(http);

    private static RemoteHttp.Endpoint endpoint(SpecFake fake) {
        return ArrContract.endpoint(fake);
    }

    private static SpecFake exchange(Consumer<RoutesConfig> routes, Consumer<SpecFake> calls, SpecFake.KnownGap... gaps) {
        return ArrContract.exchange(SPEC, API_KEY, routes, calls, gaps);
    }

    @Test
    void a_text_lookup_finds_library_movies_with_their_id_and_new_ones_without() {
        SpecFake fake = exchange(routes -> routes.get("/api/v3/movie/lookup", Fixtures.answer("radarr/movie-lookup-dune.json")), radarr -> {
            List<RadarrClient.Movie> found = this.radarr.lookup(endpoint(radarr), API_KEY, "dune part two");
            assertThat(found).extracting(RadarrClient.Movie::title, RadarrClient.Movie::year, RadarrClient.Movie::tmdbId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Dune", 2021, 438631),
                            org.assertj.core.groups.Tuple.tuple("Dune: Part Two", 2024, 693134),
                            org.assertj.core.groups.Tuple.tuple("Dune", 1984, 841));
            assertThat(found.get(0).inLibrary()).isTrue();
            assertThat(found.get(0).downloaded()).isTrue();
            assertThat(found.get(0).tags()).containsExactly(3);
            assertThat(found.get(1).inLibrary()).isFalse();
            assertThat(found.get(1).remotePoster()).isEqualTo("https://image.tmdb.org/t/p/original/1pdfLvkbY9ohJlCjQH2CZjjYVvJ.jpg");
            assertThat(found.get(1).inCinemas()).isEqualTo(Instant.parse("2024-02-27T00:00:00Z"));
        });
        assertThat(fake.received().getFirst().query()).isEqualTo("term=dune%20part%20two");
    }

    @Test
    void a_tmdb_lookup_returns_one_movie() {
        String partTwo = Fixtures.element("radarr/movie-lookup-dune.json", 1);
        SpecFake fake = exchange(routes -> routes.get("/api/v3/movie/lookup/tmdb", ctx -> ctx.contentType("application/json").result(partTwo)),
                radarr -> {
                    RadarrClient.Movie movie = this.radarr.lookupTmdb(endpoint(radarr), API_KEY, 693134);
                    assertThat(movie.title()).isEqualTo("Dune: Part Two");
                    assertThat(movie.imdbId()).isEqualTo("tt15239678");
                    assertThat(movie.inLibrary()).isFalse();
                });
        assertThat(fake.received().getFirst().query()).isEqualTo("tmdbId=693134");
    }

    @Test
    void an_imdb_lookup_returns_one_movie() {
        String dune1984 = Fixtures.element("radarr/movie-lookup-dune.json", 2);
        SpecFake fake = exchange(routes -> routes.get("/api/v3/movie/lookup/imdb", ctx -> ctx.contentType("application/json").result(dune1984)),
                radarr -> assertThat(this.radarr.lookupImdb(endpoint(radarr), API_KEY, "tt0087182").tmdbId()).isEqualTo(841));
        assertThat(fake.received().getFirst().query()).isEqualTo("imdbId=tt0087182");
    }

    @Test
    void adding_a_movie_sends_profile_folder_tags_monitoring_and_the_search_flag() throws Exception {
        RadarrClient.Movie found = json.readValue(Fixtures.element("radarr/movie-lookup-dune.json", 1), RadarrClient.Movie.class);
        SpecFake fake = exchange(routes -> routes.post("/api/v3/movie", Fixtures.answer(201, "radarr/movie-dune-part-two-added.json")), radarr -> {
            RadarrClient.Movie added = this.radarr.add(endpoint(radarr), API_KEY,
                    RadarrClient.NewMovie.of(found, 4, "/movies", "released", List.of(3), true, true));
            assertThat(added.id()).isEqualTo(27);
            assertThat(added.path()).isEqualTo("/movies/Dune - Part Two (2024)");
            assertThat(added.downloaded()).isFalse();
        }, ArrSpecGaps.created("/api/v3/movie"));
        JsonNode sent = json.readTree(fake.received().getFirst().body());
        assertThat(sent.get("tmdbId").asInt()).isEqualTo(693134);
        assertThat(sent.get("title").asText()).isEqualTo("Dune: Part Two");
        assertThat(sent.get("qualityProfileId").asInt()).isEqualTo(4);
        assertThat(sent.get("rootFolderPath").asText()).isEqualTo("/movies");
        assertThat(sent.get("monitored").asBoolean()).isTrue();
        assertThat(sent.get("minimumAvailability").asText()).isEqualTo("released");
        assertThat(sent.get("tags")).hasSize(1).first().extracting(JsonNode::asInt).isEqualTo(3);
        assertThat(sent.at("/addOptions/searchForMovie").asBoolean()).isTrue();
        assertThat(sent.at("/addOptions/monitor").asText()).isEqualTo("movieOnly");
        assertThat(fake.received().getFirst().headers()).containsEntry("Content-Type", "application/json");
    }

    @Test
    void the_library_lists_every_movie_and_finds_one_by_tmdb_id() {
        String library = "[" + Fixtures.text("radarr/movie-dune-2021.json") + "," + Fixtures.text("radarr/movie-dune-part-two-added.json") + "]";
        String one = "[" + Fixtures.text("radarr/movie-dune-2021.json") + "]";
        SpecFake fake = exchange(routes -> routes.get("/api/v3/movie", ctx -> ctx.contentType("application/json")
                .result(ctx.queryParam("tmdbId") == null ? library : one)), radarr -> {
            assertThat(this.radarr.movies(endpoint(radarr), API_KEY)).extracting(RadarrClient.Movie::id).containsExactly(12, 27);
            assertThat(this.radarr.moviesWithTmdbId(endpoint(radarr), API_KEY, 438631)).singleElement()
                    .satisfies(movie -> assertThat(movie.path()).isEqualTo("/movies/Dune (2021)"));
        });
        assertThat(fake.received()).extracting(SpecFake.Recorded::query).containsExactly(null, "tmdbId=438631");
    }

    @Test
    void one_movie_comes_with_its_file() {
        exchange(routes -> routes.get("/api/v3/movie/{id}", Fixtures.answer("radarr/movie-dune-2021.json")), radarr -> {
            RadarrClient.Movie movie = this.radarr.movie(endpoint(radarr), API_KEY, 12);
            assertThat(movie.monitored()).isTrue();
            assertThat(movie.movieFile().size()).isEqualTo(16_893_471_215L);
            assertThat(movie.movieFile().quality().name()).isEqualTo("Bluray-1080p");
            assertThat(movie.movieFile().dateAdded()).isEqualTo(Instant.parse("2023-02-12T02:13:55Z"));
        });
    }

    @Test
    void the_queue_is_read_page_by_page_for_the_movies_asked_about() {
        SpecFake fake = exchange(routes -> routes.get("/api/v3/queue", Fixtures.answer("radarr/queue-page.json")), radarr -> {
            ArrApi.Page<ArrApi.QueueRecord> page = this.radarr.queue(endpoint(radarr), API_KEY, 1, 100, List.of(27));
            assertThat(page.totalRecords()).isEqualTo(1);
            ArrApi.QueueRecord record = page.records().getFirst();
            assertThat(record.movieId()).isEqualTo(27);
            assertThat(record.size()).isEqualTo(25_183_246_992d);
            assertThat(record.sizeleft()).isEqualTo(9_873_114_112d);
            assertThat(record.trackedDownloadState()).isEqualTo("downloading");
            assertThat(record.estimatedCompletionTime()).isEqualTo(Instant.parse("2024-11-21T08:01:44Z"));
            assertThat(record.quality().name()).isEqualTo("Bluray-1080p");
        });
        assertThat(fake.received().getFirst().query()).isEqualTo("page=1&pageSize=100&movieIds=27");
    }

    @Test
    void the_history_comes_newest_first() {
        SpecFake fake = exchange(routes -> routes.get("/api/v3/history", Fixtures.answer("radarr/history-page.json")), radarr -> {
            ArrApi.Page<ArrApi.HistoryRecord> page = this.radarr.history(endpoint(radarr), API_KEY, 1, 2);
            assertThat(page.totalRecords()).isEqualTo(241);
            assertThat(page.records()).extracting(ArrApi.HistoryRecord::eventType).containsExactly("downloadFolderImported", "grabbed");
            assertThat(page.records().getFirst().date()).isEqualTo(Instant.parse("2023-02-12T02:13:55Z"));
        });
        assertThat(fake.received().getFirst().query()).isEqualTo("page=1&pageSize=2&sortKey=date&sortDirection=descending");
    }

    @Test
    void a_movie_search_is_a_movies_search_command_naming_the_movies() throws Exception {
        SpecFake fake = exchange(routes -> routes.post("/api/v3/command", Fixtures.answer(201, "radarr/command-movies-search.json")), radarr -> {
            ArrApi.Command command = this.radarr.searchMovies(endpoint(radarr), API_KEY, List.of(27));
            assertThat(command.id()).isEqualTo(98231);
            assertThat(command.status()).isEqualTo("queued");
        }, ArrSpecGaps.created("/api/v3/command"), ArrSpecGaps.commandField("/api/v3/command", "movieIds"));
        assertThat(json.readTree(fake.received().getFirst().body()))
                .isEqualTo(json.readTree("{\"name\":\"MoviesSearch\",\"movieIds\":[27]}"));
    }

    @Test
    void the_calendar_asks_for_a_window() {
        SpecFake fake = exchange(routes -> routes.get("/api/v3/calendar", Fixtures.answer("radarr/calendar.json")), radarr ->
                assertThat(this.radarr.calendar(endpoint(radarr), API_KEY, Instant.parse("2025-04-01T00:00:00Z"), Instant.parse("2025-04-30T00:00:00Z")))
                        .singleElement().satisfies(movie -> {
                            assertThat(movie.title()).isEqualTo("Mickey 17");
                            assertThat(movie.digitalRelease()).isEqualTo(Instant.parse("2025-04-08T00:00:00Z"));
                        }));
        assertThat(fake.received().getFirst().query()).isEqualTo("start=2025-04-01T00%3A00%3A00Z&end=2025-04-30T00%3A00%3A00Z");
    }

    @Test
    void deleting_says_whether_files_go_and_whether_lists_may_add_it_again() {
        SpecFake fake = exchange(routes -> routes.delete("/api/v3/movie/{id}", ctx -> ctx.status(200)),
                radarr -> this.radarr.delete(endpoint(radarr), API_KEY, 27, true, false));
        assertThat(fake.received().getFirst().path()).isEqualTo("/api/v3/movie/27");
        assertThat(fake.received().getFirst().query()).isEqualTo("deleteFiles=true&addImportExclusion=false");
    }

    @Test
    void status_profiles_folders_tags_and_disks_come_from_the_shared_endpoints() {
        exchange(routes -> {
            routes.get("/api/v3/system/status", ctx -> ctx.json(RadarrConnectorTest.STATUS));
            routes.get("/api/v3/qualityprofile", ctx -> ctx.json(List.of(Map.of("id", 4, "name", "HD-1080p", "upgradeAllowed", true,
                    "cutoff", 7, "items", List.of(), "minFormatScore", 0, "cutoffFormatScore", 0, "minUpgradeFormatScore", 1,
                    "formatItems", List.of(), "language", Map.of("id", 1, "name", "English")))));
            routes.get("/api/v3/rootfolder", ctx -> ctx.json(List.of(Map.of("id", 1, "path", "/movies", "accessible", true,
                    "freeSpace", 1_234_567_890_123L, "unmappedFolders", List.of(Map.of("name", "Old Rips", "path", "/movies/Old Rips",
                            "relativePath", "Old Rips"))))));
            routes.get("/api/v3/tag", ctx -> ctx.json(List.of(Map.of("id", 3, "label", "kids"), Map.of("id", 5, "label", "4k"))));
            routes.get("/api/v3/diskspace", ctx -> ctx.json(List.of(Map.of("id", 1, "path", "/movies", "label", "media",
                    "freeSpace", 1_234_567_890_123L, "totalSpace", 4_000_787_030_016L))));
        }, radarr -> {
            ArrApi shared = this.radarr.shared();
            assertThat(shared.systemStatus(endpoint(radarr), API_KEY).version()).isEqualTo("5.14.0.9383");
            assertThat(shared.qualityProfiles(endpoint(radarr), API_KEY)).containsExactly(new ArrApi.QualityProfile(4, "HD-1080p"));
            assertThat(shared.rootFolders(endpoint(radarr), API_KEY)).containsExactly(new ArrApi.RootFolder(1, "/movies", true, 1_234_567_890_123L));
            assertThat(shared.tags(endpoint(radarr), API_KEY)).extracting(ArrApi.Tag::label).containsExactly("kids", "4k");
            assertThat(shared.diskSpace(endpoint(radarr), API_KEY)).singleElement()
                    .satisfies(disk -> assertThat(disk.totalSpace()).isEqualTo(4_000_787_030_016L));
        });
    }
}
