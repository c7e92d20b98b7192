package dev.medianest.integrations.radarr;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A Radarr instance as the request feature sees it (MediaKeeper), against a fake held to radarr-v3.openapi.json. */
class RadarrMoviesTest {

    private static final String PROFILES = "[{\"id\":4,\"name\":\"HD-1080p\"},{\"id\":5,\"name\":\"Ultra-HD\"}]";
    private static final String FOLDERS = "[{\"id\":1,\"path\":\"/movies\",\"accessible\":true,\"freeSpace\":1234567890123,\"unmappedFolders\":[]}]";
    private static final String EMPTY_QUEUE = "{\"page\":1,\"pageSize\":100,\"sortKey\":\"timeleft\",\"sortDirection\":\"ascending\",\"totalRecords\":0,\"records\":[]}";

    private final RemoteHttp http = new RemoteHttp(new ObjectMapper());
    private final RadarrConnector connector = new RadarrConnector(http);

    private static ServiceInstance instance(SpecFake fake, Map<String, String> options) {
        return new ServiceInstance(1, ServiceKind.RADARR, "Radarr", URI.create(fake.baseUrl()), options,
                Map.of("apiKey", RadarrClientTest.API_KEY), true, false, false, Duration.ofSeconds(2), true, Instant.EPOCH, Instant.EPOCH);
    }

    private static final Map<String, String> DEFAULTS = Map.of("qualityProfileId", "4", "rootFolder", "/movies", "tags", "3",
            "minimumAvailability", "released");


    @Test
    void a_search_says_which_movies_are_already_kept() {
        try (SpecFake radarr = SpecFake.start(RadarrClientTest.SPEC, routes ->
                routes.get("/api/v3/movie/lookup", Fixtures.answer("radarr/movie-lookup-dune.json")))) {
            List<MediaKeeper.Title> titles = connector.mediaKeeper(instance(radarr, DEFAULTS)).search("Dune");
            assertThat(titles).extracting(MediaKeeper.Title::name, MediaKeeper.Title::year, MediaKeeper.Title::libraryId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Dune", 2021, Optional.of(12L)),
                            org.assertj.core.groups.Tuple.tuple("Dune: Part Two", 2024, Optional.empty()),
                            org.assertj.core.groups.Tuple.tuple("Dune", 1984, Optional.empty()));
            assertThat(titles.get(1).ids()).containsExactly(MediaKeeper.ExternalId.tmdb(693134), MediaKeeper.ExternalId.imdb("tt15239678"));
            assertThat(titles.get(1).posterUrl()).contains("https://image.tmdb.org/t/p/original/1pdfLvkbY9ohJlCjQH2CZjjYVvJ.jpg");
            assertThat(titles.get(2).posterUrl()).isEmpty();
            radarr.assertAllInSpec();
        }
    }

    @Test
    void the_whole_library_comes_in_one_read_with_each_movies_ids_and_files() {
        try (SpecFake radarr = SpecFake.start(RadarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/movie", ctx -> ctx.contentType("application/json").result("[" + Fixtures.text("radarr/movie-dune-2021.json") + "]"));
            routes.get("/api/v3/queue", ctx -> ctx.contentType("application/json").result(EMPTY_QUEUE));
        })) {
            List<MediaKeeper.Kept> library = connector.mediaKeeper(instance(radarr, DEFAULTS)).library();
            assertThat(library).singleElement().satisfies(dune -> {
                assertThat(dune.ids()).contains(MediaKeeper.ExternalId.tmdb(438631), MediaKeeper.ExternalId.imdb("tt1160419"));
                assertThat(dune.presence().libraryId()).contains(12L);
                assertThat(dune.presence().complete()).isTrue();
                assertThat(dune.seasons()).isEmpty();
            });
            assertThat(radarr.received()).extracting(SpecFake.Recorded::path).containsExactlyInAnyOrder("/api/v3/queue", "/api/v3/movie");
            radarr.assertAllInSpec();
        }
    }

    @Test
    void finding_by_tmdb_id_tells_the_library_id_the_lookup_leaves_out() {
        String dune2021 = Fixtures.element("radarr/movie-lookup-dune.json", 0).replace("\"id\":12", "\"id\":0");
        try (SpecFake radarr = SpecFake.start(RadarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/movie/lookup/tmdb", ctx -> ctx.contentType("application/json").result(dune2021));
            routes.get("/api/v3/movie", ctx -> ctx.contentType("application/json").result("[" + Fixtures.text("radarr/movie-dune-2021.json") + "]"));
        })) {
            Optional<MediaKeeper.Title> found = connector.mediaKeeper(instance(radarr, DEFAULTS)).find(MediaKeeper.ExternalId.tmdb(438631));
            assertThat(found).hasValueSatisfying(title -> {
                assertThat(title.name()).isEqualTo("Dune");
                assertThat(title.libraryId()).contains(12L);
            });
            radarr.assertAllInSpec();
        }
    }

    @Test
    void an_id_tmdb_does_not_know_is_not_found_rather_than_a_server_error() {
        String notFound = "{\"message\":\"Movie with tmdbId 999999999 was not found, it may have been removed from TMDb.\",\"description\":\"NzbDrone.Core.Exceptions.MovieNotFoundException\"}";
        try (SpecFake radarr = SpecFake.start(RadarrClientTest.SPEC, routes -> routes.get("/api/v3/movie/lookup/tmdb",
                ctx -> ctx.status(500).contentType("application/json").result(notFound)))
                .tolerating(ArrSpecGaps.movieNotFound())) {
            MediaKeeper movies = connector.mediaKeeper(instance(radarr, DEFAULTS));
            assertThat(movies.find(MediaKeeper.ExternalId.tmdb(999999999))).isEmpty();
            assertThat(movies.find(MediaKeeper.ExternalId.tvdb(81189))).as("Radarr cannot look up TVDB ids").isEmpty();
            radarr.assertAllInSpec();
        }
    }

    @Test
    void a_kept_movie_with_its_file_is_complete_and_one_being_downloaded_shows_its_progress() {
        try (SpecFake radarr = SpecFake.start(RadarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/movie", ctx -> ctx.contentType("application/json").result(switch (String.valueOf(ctx.queryParam("tmdbId"))) {
                case "438631" -> "[" + Fixtures.text("radarr/movie-dune-2021.json") + "]";
                case "693134" -> "[" + Fixtures.text("radarr/movie-dune-part-two-added.json") + "]";
                default -> "[]";
            }));
            routes.get("/api/v3/queue", ctx -> ctx.contentType("application/json")
                    .result("27".equals(ctx.queryParam("movieIds")) ? Fixtures.text("radarr/queue-page.json") : EMPTY_QUEUE));
        })) {
            MediaKeeper movies = connector.mediaKeeper(instance(radarr, DEFAULTS));
            MediaKeeper.Presence dune = movies.presence(MediaKeeper.ExternalId.tmdb(438631));
            assertThat(dune.complete()).isTrue();
            assertThat(dune.downloading()).isFalse();

            MediaKeeper.Presence partTwo = movies.presence(MediaKeeper.ExternalId.tmdb(693134));
            assertThat(partTwo.libraryId()).contains(27L);
            assertThat(partTwo.monitored()).isTrue();
            assertThat(partTwo.complete()).isFalse();
            assertThat(partTwo.downloads()).singleElement().satisfies(download -> {
                assertThat(download.state()).isEqualTo(MediaKeeper.Download.State.DOWNLOADING);
                assertThat(download.fraction()).isBetween(0.60, 0.61);
                assertThat(download.estimatedCompletion()).contains(Instant.parse("2024-11-21T08:01:44Z"));
            });

            assertThat(movies.presence(MediaKeeper.ExternalId.tmdb(841))).isEqualTo(MediaKeeper.Presence.absent());
            radarr.assertAllInSpec();
        }
    }

    @Test
    void adding_a_new_movie_uses_the_instance_defaults_and_starts_the_search() throws Exception {
        String partTwo = Fixtures.element("radarr/movie-lookup-dune.json", 1);
        try (SpecFake radarr = SpecFake.start(RadarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/movie", ctx -> ctx.contentType("application/json").result("[]"));
            routes.get("/api/v3/movie/lookup/tmdb", ctx -> ctx.contentType("application/json").result(partTwo));
            routes.get("/api/v3/qualityprofile", ctx -> ctx.contentType("application/json").result(PROFILES));
            routes.get("/api/v3/rootfolder", ctx -> ctx.contentType("application/json").result(FOLDERS));
            routes.post("/api/v3/movie", Fixtures.answer(201, "radarr/movie-dune-part-two-added.json"));
        }).tolerating(ArrSpecGaps.created("/api/v3/movie"))) {
            MediaKeeper.Added added = connector.mediaKeeper(instance(radarr, DEFAULTS))
                    .add(MediaKeeper.Addition.of(MediaKeeper.ExternalId.tmdb(693134)).withTags(java.util.Set.of(5)));
            assertThat(added).isEqualTo(new MediaKeeper.Added(27, "Dune: Part Two", false, true));
            JsonNode sent = http.mapper().readTree(radarr.received().stream().filter(request -> request.method().equals("POST"))
                    .findFirst().orElseThrow().body());
            assertThat(sent.get("qualityProfileId").asInt()).isEqualTo(4);
            assertThat(sent.get("rootFolderPath").asText()).isEqualTo("/movies");
            assertThat(sent.get("tags").toString()).isEqualTo("[3,5]");
            assertThat(sent.at("/addOptions/searchForMovie").asBoolean()).isTrue();
            radarr.assertAllInSpec();
        }
    }

    @Test
    void without_a_default_profile_and_with_several_to_choose_from_the_person_must_choose() {
        try (SpecFake radarr = SpecFake.start(RadarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/movie", ctx -> ctx.contentType("application/json").result("[]"));
            routes.get("/api/v3/movie/lookup/tmdb", ctx -> ctx.contentType("application/json").result(Fixtures.element("radarr/movie-lookup-dune.json", 1)));
            routes.get("/api/v3/qualityprofile", ctx -> ctx.contentType("application/json").result(PROFILES));
            routes.get("/api/v3/rootfolder", ctx -> ctx.contentType("application/json").result(FOLDERS));
        })) {
            AppException refused = catchThrowableOfType(AppException.class, () -> connector.mediaKeeper(instance(radarr, Map.of()))
                    .add(MediaKeeper.Addition.of(MediaKeeper.ExternalId.tmdb(693134))));
            assertThat(refused.details()).containsEntry("qualityProfileId", "validation.arr.quality_profile_missing");
            assertThat(radarr.received()).noneMatch(request -> request.method().equals("POST"));
            radarr.assertAllInSpec();
        }
    }

    @Test
    void asking_for_a_kept_movie_again_searches_for_its_missing_file_instead_of_adding_it_twice() throws Exception {
        try (SpecFake radarr = SpecFake.start(RadarrClientTest.SPEC, routes -> {
            routes.get("/api/v3/movie", ctx -> ctx.contentType("application/json").result("[" + Fixtures.text("radarr/movie-dune-part-two-added.json") + "]"));
            routes.post("/api/v3/command", Fixtures.answer(201, "radarr/command-movies-search.json"));
        }).tolerating(ArrSpecGaps.created("/api/v3/command"), ArrSpecGaps.commandField("/api/v3/command", "movieIds"))) {
            MediaKeeper.Added added = connector.mediaKeeper(instance(radarr, DEFAULTS)).add(MediaKeeper.Addition.of(MediaKeeper.ExternalId.tmdb(693134)));
            assertThat(added).isEqualTo(new MediaKeeper.Added(27, "Dune: Part Two", true, true));
            assertThat(radarr.received()).extracting(SpecFake.Recorded::method, SpecFake.Recorded::path)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/api/v3/movie"), org.assertj.core.groups.Tuple.tuple("POST", "/api/v3/command"));
            radarr.assertAllInSpec();
        }
    }

    @Test
    void the_queue_names_the_movie_each_download_belongs_to() {
        try (SpecFake radarr = SpecFake.start(RadarrClientTest.SPEC, routes -> routes.get("/api/v3/queue", Fixtures.answer("radarr/queue-page.json")))) {
            assertThat(connector.mediaKeeper(instance(radarr, DEFAULTS)).queue()).singleElement().satisfies(download -> {
                assertThat(download.libraryId()).isEqualTo(27);
                assertThat(download.release()).isEqualTo("Dune.Part.Two.2024.1080p.BluRay.DDP7.1.x264-ZoroSenpai");
                assertThat(download.sizeBytes()).isEqualTo(25_183_246_992L);
            });
            assertThat(radarr.received().getFirst().query()).isEqualTo("page=1&pageSize=100");
            radarr.assertAllInSpec();
        }
    }
}
