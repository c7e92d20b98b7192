package dev.medianest.features.requests;

import dev.medianest.App;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.Title;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.events.ServicesChanged;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.testing.Await;
import dev.medianest.testing.FakeArrLibrary;
import dev.medianest.testing.Fixtures;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.Requesters;
import dev.medianest.testing.SpecFake;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.medianest.features.requests.Availability.AVAILABLE;
import static dev.medianest.features.requests.Availability.NOT_REQUESTED;
import static dev.medianest.features.requests.Availability.PARTIALLY_AVAILABLE;
import static dev.medianest.features.requests.Availability.PROCESSING;
import static dev.medianest.features.requests.Availability.REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The availability rules over the real App on SQLite: the libraries of Radarr, Sonarr and Readarr
 * played by fakes held to their specs, and MediaNest's own open requests.
 */
class AvailabilityCheckTest {

    private static final int DUNE_2021 = 438631;
    private static final int DUNE_PART_TWO = 693134;
    private static final int DUNE_1984 = 841;
    private static final int EXPANSE_TVDB = 280619;
    private static final String EMPTY_QUEUE = "{\"page\":1,\"pageSize\":100,\"sortKey\":\"timeleft\",\"sortDirection\":\"ascending\",\"totalRecords\":0,\"records\":[]}";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final List<AutoCloseable> fakes = new ArrayList<>();
    private FakeArrLibrary radarr;
    private TestApp server;
    private App app;
    private Principal admin;
    private Principal alice;

    @BeforeEach
    void start() {
        radarr = FakeArrLibrary.radarr();
        fakes.add(radarr);
        server = TestApp.start(dataDir, Map.of(), clock);
        app = server.app();
        admin = Requesters.admin(app);
        alice = Requesters.member(app, admin, "alice", EnumSet.of(Permission.REQUEST));
        addArr(ServiceKind.RADARR, "Radarr", radarr.baseUrl(), false);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        for (AutoCloseable fake : fakes) {
            fake.close();
        }
    }

    @Test
    void files_on_disk_make_a_movie_available_and_a_monitored_or_downloading_one_processing() {
        radarr.keep(DUNE_2021, true);
        radarr.keep(DUNE_1984, false);
        radarr.downloading(DUNE_1984, 0.3);

        AvailabilityCheck.Checked checked = check().check(List.of(movie(DUNE_2021), movie(DUNE_1984), movie(DUNE_PART_TWO)));

        assertThat(checked.availability()).extracting(TitleAvailability::hd).containsExactly(AVAILABLE, PROCESSING, NOT_REQUESTED);
        assertThat(checked.availability()).extracting(TitleAvailability::fourK).containsOnly(NOT_REQUESTED);
        assertThat(checked.problems()).isEmpty();
        radarr.assertAllInSpec();
    }

    @Test
    void an_open_request_shows_as_requested_until_approved_and_then_as_processing() {
        AvailabilityCheck check = check();
        MediaRequest asked = app.requests().submit(alice, RequestDraft.of(Requesters.movie(DUNE_PART_TWO, "Dune: Part Two"), false)).request();
        assertThat(check.check(List.of(movie(DUNE_PART_TWO))).availability().getFirst().hd()).isEqualTo(REQUESTED);

        app.requests().approve(admin, asked.id(), Optional.empty());
        assertThat(check.check(List.of(movie(DUNE_PART_TWO))).availability().getFirst().hd()).isEqualTo(PROCESSING);

        app.requests().decline(admin, app.requests().submit(alice, RequestDraft.of(Requesters.movie(DUNE_1984, "Dune"), false)).request().id(),
                Optional.of("not this one"));
        assertThat(check.check(List.of(movie(DUNE_1984))).availability().getFirst().hd()).as("a declined request is no longer open")
                .isEqualTo(NOT_REQUESTED);
    }

    @Test
    void a_page_of_titles_reads_each_library_once_and_again_only_in_the_background() {
        radarr.keep(DUNE_2021, true);
        AvailabilityCheck check = check();
        List<Title> page = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            page.add(movie(DUNE_2021 + i));
        }
        page.add(movie(DUNE_2021));

        check.check(page);
        check.check(page);

        assertThat(radarr.received()).extracting(SpecFake.Recorded::path).filteredOn("/api/v3/movie"::equals).hasSize(1);
        assertThat(radarr.received()).extracting(SpecFake.Recorded::path).filteredOn("/api/v3/queue"::equals).hasSize(1);
        assertThat(check.check(page).availability().getLast().hd()).isEqualTo(AVAILABLE);
    }

    @Test
    void an_instance_that_is_down_gives_no_badge_and_says_so_while_requests_still_count() {
        app.requests().submit(alice, RequestDraft.of(Requesters.movie(DUNE_PART_TWO, "Dune: Part Two"), false));
        radarr.goDown();

        AvailabilityCheck.Checked checked = check().check(List.of(movie(DUNE_2021), movie(DUNE_PART_TWO)));

        assertThat(checked.availability()).extracting(TitleAvailability::hd).containsExactly(NOT_REQUESTED, REQUESTED);
        assertThat(checked.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.messageKey()).isEqualTo("remote.unreachable");
            assertThat(problem.args()).contains("Radarr");
        });
    }

    @Test
    void a_slow_instance_is_not_waited_for_beyond_the_budget_and_counts_once_it_has_answered() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        SpecFake slow = SpecFake.start("radarr-v3.openapi.json", routes -> {
            probed(routes, "/api/v3", "Radarr", "5.14.0.9383");
            routes.get("/api/v3/movie", ctx -> {
                answer.await(10, TimeUnit.SECONDS);
                ctx.contentType("application/json").result("[" + Fixtures.text("radarr/movie-dune-2021.json") + "]");
            });
            routes.get("/api/v3/queue", ctx -> ctx.contentType("application/json").result(EMPTY_QUEUE));
        });
        fakes.add(slow);
        addArr(ServiceKind.RADARR, "Radarr 4K", slow.baseUrl(), true);
        // A budget the quick HD instance meets even on a loaded test machine; the 4K one holds its answer for 10 s.
        AvailabilityCheck check = new AvailabilityCheck(app.services(), app.requests(), Duration.ofMillis(1_000));

        long started = System.nanoTime();
        AvailabilityCheck.Checked first = check.check(List.of(movie(DUNE_2021)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(first.availability().getFirst().fourK()).isEqualTo(NOT_REQUESTED);
        assertThat(first.problems()).filteredOn(problem -> problem.args().contains("Radarr 4K"))
                .extracting(ServiceProblem::messageKey).containsExactly("discover.availability.slow");

        answer.countDown();
        AvailabilityCheck.Checked later = Await.until(() -> check.check(List.of(movie(DUNE_2021))), checked -> checked.problems().isEmpty());
        assertThat(later.availability().getFirst().fourK()).isEqualTo(AVAILABLE);
        assertThat(later.availability().getFirst().hd()).isEqualTo(NOT_REQUESTED);
        slow.assertAllInSpec();
    }

    @Test
    void a_series_with_a_season_missing_is_partially_available_and_each_season_says_how_far_it_is() {
        SpecFake sonarr = SpecFake.start("sonarr-v3.openapi.json", routes -> {
            probed(routes, "/api/v3", "Sonarr", "4.0.11.2680");
            routes.get("/api/v3/series", ctx -> ctx.contentType("application/json").result("[" + Fixtures.text("sonarr/series-severance.json") + "]"));
            routes.get("/api/v3/queue", Fixtures.answer("sonarr/queue-page.json"));
        });
        fakes.add(sonarr);
        addArr(ServiceKind.SONARR, "Sonarr", sonarr.baseUrl(), false);
        TitleIds severance = TitleIds.ofTmdb(95396);

        TitleAvailability availability = check().check(TitleType.SERIES, severance, Set.of(1, 2, 3)).availability().getFirst();

        assertThat(availability.hd()).isEqualTo(PARTIALLY_AVAILABLE);
        assertThat(availability.season(1).hd()).isEqualTo(AVAILABLE);
        assertThat(availability.season(1).episodesWithFiles()).hasValue(9);
        assertThat(availability.season(2).hd()).isEqualTo(PARTIALLY_AVAILABLE);
        assertThat(availability.season(2).episodesWithFiles()).hasValue(7);
        assertThat(availability.season(2).episodesWanted()).hasValue(9);
        assertThat(availability.season(3).hd()).as("a season the library does not know yet").isEqualTo(NOT_REQUESTED);
        assertThat(availability.seasons()).extracting(TitleAvailability.SeasonAvailability::season).doesNotContain(0);
        sonarr.assertAllInSpec();
    }

    @Test
    void a_request_for_chosen_seasons_marks_those_seasons_and_one_for_all_marks_every_known_season() {
        FakeArrLibrary sonarr = FakeArrLibrary.sonarr();
        fakes.add(sonarr);
        addArr(ServiceKind.SONARR, "Sonarr", sonarr.baseUrl(), false);
        RequestedTitle expanse = new RequestedTitle(TitleType.SERIES, List.of(ExternalId.tvdb(EXPANSE_TVDB), ExternalId.tmdb(63639)),
                "The Expanse", OptionalInt.of(2015), Optional.empty());
        app.requests().submit(alice, new RequestDraft(expanse, false, SeasonChoice.of(Set.of(2)), RequestOptions.defaults(), 6));

        TitleAvailability chosen = check().check(TitleType.SERIES, TitleIds.ofTmdb(63639), Set.of(1, 2, 3)).availability().getFirst();
        assertThat(chosen.hd()).isEqualTo(REQUESTED);
        assertThat(chosen.season(1).hd()).isEqualTo(NOT_REQUESTED);
        assertThat(chosen.season(2).hd()).isEqualTo(REQUESTED);

        app.requests().submit(alice, new RequestDraft(expanse, false, SeasonChoice.all(), RequestOptions.defaults(), 6));
        TitleAvailability all = check().check(TitleType.SERIES, TitleIds.ofTvdb(EXPANSE_TVDB), Set.of(1, 2, 3)).availability().getFirst();
        assertThat(all.seasons()).extracting(TitleAvailability.SeasonAvailability::hd).containsOnly(REQUESTED);

        sonarr.keep(EXPANSE_TVDB, true);
        TitleAvailability kept = check().check(TitleType.SERIES, TitleIds.ofTvdb(EXPANSE_TVDB), Set.of()).availability().getFirst();
        assertThat(kept.hd()).as("without season statistics the series' own totals decide").isEqualTo(AVAILABLE);
        sonarr.assertAllInSpec();
    }

    @Test
    void a_book_readarr_keeps_with_its_file_is_available() {
        SpecFake readarr = SpecFake.start("readarr-v1.openapi.json", routes -> {
            probed(routes, "/api/v1", "Readarr", "0.4.10.2734");
            routes.get("/api/v1/book", ctx -> ctx.contentType("application/json").result("[" + Fixtures.text("readarr/book-dune-messiah.json") + "]"));
            routes.get("/api/v1/queue", Fixtures.answer("readarr/queue-page.json"));
        });
        fakes.add(readarr);
        addArr(ServiceKind.READARR, "Readarr", readarr.baseUrl(), false);
        Title messiah = new Title(TitleType.BOOK, TitleIds.ofGoodreads(3634573), "Dune Messiah", null, OptionalInt.of(1969), "",
                Optional.empty(), OptionalDouble.empty(), List.of());
        Title other = new Title(TitleType.BOOK, TitleIds.ofGoodreads(3634639), "Dune", null, OptionalInt.of(1965), "",
                Optional.empty(), OptionalDouble.empty(), List.of());

        assertThat(check().check(List.of(messiah, other, movie(DUNE_2021))).availability()).extracting(TitleAvailability::hd)
                .containsExactly(AVAILABLE, NOT_REQUESTED, NOT_REQUESTED);
        readarr.assertAllInSpec();
    }

    @Test
    void a_changed_service_has_its_library_read_anew() {
        AvailabilityCheck check = check();
        check.check(List.of(movie(DUNE_2021)));
        radarr.keep(DUNE_2021, true);
        assertThat(check.check(List.of(movie(DUNE_2021))).availability().getFirst().hd()).as("still the copy read before").isEqualTo(NOT_REQUESTED);

        check.onEvent(new ServicesChanged());

        assertThat(check.check(List.of(movie(DUNE_2021))).availability().getFirst().hd()).isEqualTo(AVAILABLE);
    }

    /** What the status job asks every instance it probes, answered as a healthy instance does. */
    private static void probed(io.javalin.config.RoutesConfig routes, String prefix, String app, String version) {
        routes.get(prefix + "/system/status", ctx -> ctx.json(Map.of("appName", app, "instanceName", app, "version", version, "urlBase", "")));
        routes.get(prefix + "/health", ctx -> ctx.json(List.of()));
        routes.get(prefix + "/diskspace", ctx -> ctx.json(List.of()));
    }

    private AvailabilityCheck check() {
        return new AvailabilityCheck(app.services(), app.requests(), Duration.ofSeconds(5));
    }

    private static Title movie(int tmdbId) {
        return new Title(TitleType.MOVIE, TitleIds.ofTmdb(tmdbId), "Movie " + tmdbId, null, OptionalInt.empty(), "", Optional.empty(),
                OptionalDouble.empty(), List.of());
    }

    private ServiceInstance addArr(ServiceKind kind, String name, String baseUrl, boolean fourK) {
        return app.services().create(admin.user().id(), ServiceDraft.of(kind, name, baseUrl, Map.of(),
                Map.of("apiKey", FakeArrLibrary.API_KEY), !fourK, fourK, false, 5));
    }
}
