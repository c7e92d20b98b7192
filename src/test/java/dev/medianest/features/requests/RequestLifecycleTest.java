package dev.medianest.features.requests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.medianest.App;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.events.DomainEvent;
import dev.medianest.features.events.RequestChanged;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.testing.FakeArrLibrary;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.Requesters;
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
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.medianest.testing.Requesters.movie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The request lifecycle through the real App on SQLite, with Radarr and Sonarr played by fakes held
 * to their specs: asking, approving, sending, following to Available, joining, quotas and faults.
 */
class RequestLifecycleTest {

    private static final int DUNE_PART_TWO = 693134;
    private static final int DUNE_2021 = 438631;
    private static final int DUNE_1984 = 841;
    private static final int EXPANSE_TVDB = 280619;

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private FakeArrLibrary radarr;
    private FakeArrLibrary sonarr;
    private TestApp server;
    private App app;
    private Principal admin;
    private Principal alice;
    private Principal bob;

    @BeforeEach
    void start() {
        radarr = FakeArrLibrary.radarr();
        sonarr = FakeArrLibrary.sonarr();
        Map<String, String> environment = new java.util.HashMap<>(database());
        environment.put("MEDIANEST_REQUESTS_QUOTA_MOVIES", "2");
        environment.put("MEDIANEST_REQUESTS_QUOTA_DAYS", "7");
        server = TestApp.start(dataDir, environment, clock);
        app = server.app();
        app.events().subscribe(events::add);
        admin = Requesters.admin(app);
        alice = Requesters.member(app, admin, "alice", EnumSet.of(Permission.REQUEST, Permission.REQUEST_4K));
        bob = Requesters.member(app, admin, "bob", EnumSet.of(Permission.REQUEST));
        app.services().create(admin.user().id(), radarr.service("Radarr", false));
        app.services().create(admin.user().id(), sonarr.service("Sonarr", false));
    }

    /** The database settings; SQLite in the data directory here, PostgreSQL in the subclass. */
    Map<String, String> database() {
        return Map.of();
    }

    @AfterEach
    void stop() {
        server.close();
        radarr.close();
        sonarr.close();
    }

    @Test
    void a_members_request_waits_for_approval_then_goes_to_radarr_tagged_with_the_requester_and_ends_available() {
        Requests.Submitted asked = app.requests().submit(alice, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), false));
        assertThat(asked.joined()).isFalse();
        assertThat(asked.request().state()).isEqualTo(RequestState.PENDING);
        app.requestDispatcher().sendDue();
        assertThat(radarr.added()).as("nothing is added before approval").isEmpty();

        app.requests().approve(admin, asked.request().id(), Optional.empty());
        app.requestDispatcher().sendDue();

        assertThat(radarr.added()).singleElement().satisfies(body -> {
            assertThat(body.get("tmdbId").asInt()).isEqualTo(DUNE_PART_TWO);
            assertThat(body.at("/addOptions/searchForMovie").asBoolean()).isTrue();
            assertThat(radarr.tagLabels(body.get("tags"))).contains("requester-alice");
        });
        MediaRequest sent = app.requests().get(alice, asked.request().id());
        assertThat(sent.state()).isEqualTo(RequestState.PROCESSING);
        assertThat(sent.libraryId()).isEqualTo(radarr.libraryId(DUNE_PART_TWO).map(Integer::longValue));

        radarr.downloading(DUNE_PART_TWO, 0.4);
        app.requestDispatcher().reconcile();
        assertThat(app.requests().get(alice, sent.id()).progress().downloading()).hasValueCloseTo(0.4, org.assertj.core.data.Offset.offset(0.01));

        radarr.finish(DUNE_PART_TWO);
        events.clear();
        app.requestDispatcher().reconcile();
        assertThat(app.requests().get(alice, sent.id()).state()).isEqualTo(RequestState.AVAILABLE);
        assertThat(events).contains(new RequestChanged(sent.id()));
        assertThat(app.requests().timeline(alice, sent.id())).extracting(MediaRequest.Transition::to)
                .containsExactly(RequestState.PENDING, RequestState.APPROVED, RequestState.PROCESSING, RequestState.AVAILABLE);
        assertThat(app.requests().timeline(alice, sent.id()).get(1).actorName()).isEqualTo("admin");
        radarr.assertAllInSpec();
    }

    @Test
    void the_same_title_asked_by_two_people_is_one_request_with_two_requesters_and_one_add() {
        MediaRequest first = app.requests().submit(alice, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), false)).request();
        Requests.Submitted second = app.requests().submit(bob, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), false));

        assertThat(second.joined()).isTrue();
        assertThat(second.request().id()).isEqualTo(first.id());
        assertThat(second.request().requesters()).extracting(MediaRequest.Requester::username).containsExactly("alice", "bob");
        app.requests().approve(admin, first.id(), Optional.empty());
        app.requestDispatcher().sendDue();
        assertThat(radarr.added()).singleElement()
                .satisfies(body -> assertThat(radarr.tagLabels(body.get("tags"))).contains("requester-alice", "requester-bob"));
        assertThat(app.requests().quota(bob.user().id()).get(TitleType.MOVIE).used()).as("joining costs no quota").isZero();
    }

    @Test
    void a_double_clicked_request_button_makes_one_request() throws Exception {
        ExecutorService clicks = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Requests.Submitted>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tasks.add(() -> app.requests().submit(alice, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), false)));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Requests.Submitted> click : clicks.invokeAll(tasks)) {
                ids.add(click.get().request().id());
            }
            assertThat(ids).containsOnly(ids.getFirst());
            assertThat(app.requests().list(admin, RequestFilter.everything()).total()).isEqualTo(1);
            assertThat(app.requests().get(admin, ids.getFirst()).requesters()).hasSize(1);
        } finally {
            clicks.shutdownNow();
        }
    }

    @Test
    void auto_approved_requests_are_sent_without_waiting_for_an_admin() {
        Principal trusted = Requesters.member(app, admin, "carol", EnumSet.of(Permission.REQUEST, Permission.AUTO_APPROVE));
        MediaRequest request = app.requests().submit(trusted, RequestDraft.of(movie(DUNE_1984, "Dune"), false)).request();
        assertThat(request.state()).isEqualTo(RequestState.APPROVED);
        app.requestDispatcher().sendDue();
        assertThat(app.requests().get(trusted, request.id()).state()).isEqualTo(RequestState.PROCESSING);
        assertThat(app.requests().timeline(trusted, request.id()).get(1).reason()).contains("auto_approved");
    }

    @Test
    void the_quota_refuses_the_request_past_it_and_says_when_the_next_one_is_possible() {
        app.requests().submit(bob, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), false));
        clock.advance(Duration.ofDays(2));
        app.requests().submit(bob, RequestDraft.of(movie(DUNE_1984, "Dune"), false));
        clock.advance(Duration.ofDays(1));

        AppException refused = catchThrowableOfType(AppException.class,
                () -> app.requests().submit(bob, RequestDraft.of(movie(DUNE_2021, "Dune"), false)));
        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.args()).contains(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(app.messages().in(dev.medianest.platform.i18n.Language.EN).get(refused.code().messageKey(), refused.args()))
                .contains("2 movies in 7 days").contains("2026-11-28");

        clock.advance(Duration.ofDays(4));
        assertThat(app.requests().submit(bob, RequestDraft.of(movie(DUNE_2021, "Dune"), false)).request().state())
                .isEqualTo(RequestState.PENDING);
    }

    @Test
    void a_declined_request_keeps_the_reason_and_frees_the_quota() {
        MediaRequest request = app.requests().submit(bob, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), false)).request();
        app.requests().decline(admin, request.id(), Optional.of("Already on the shelf as a Blu-ray"));

        assertThat(app.requests().get(bob, request.id()).state()).isEqualTo(RequestState.DECLINED);
        assertThat(app.requests().timeline(bob, request.id()).getLast().reason()).contains("Already on the shelf as a Blu-ray");
        assertThat(app.requests().quota(bob.user().id()).get(TitleType.MOVIE).used()).isZero();
        AppException again = catchThrowableOfType(AppException.class, () -> app.requests().approve(admin, request.id(), Optional.empty()));
        assertThat(again.code()).isEqualTo(ErrorCode.REQUEST_STATE_CONFLICT);
        assertThat(app.messages().in(dev.medianest.platform.i18n.Language.RU).get(again.code().messageKey(), again.args()))
                .isEqualTo("Запрос сейчас в состоянии «отклонён», поэтому его нельзя одобрить.");
    }

    @Test
    void the_last_changes_of_a_list_are_each_requests_newest_step_and_leave_out_requests_the_caller_may_not_see() {
        MediaRequest declined = app.requests().submit(alice, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), false)).request();
        app.requests().decline(admin, declined.id(), Optional.of("Already on the shelf"));
        MediaRequest pending = app.requests().submit(alice, RequestDraft.of(movie(DUNE_1984, "Dune"), false)).request();
        MediaRequest bobs = app.requests().submit(bob, RequestDraft.of(movie(DUNE_2021, "Dune"), false)).request();
        List<MediaRequest> listed = List.of(app.requests().get(admin, declined.id()), pending, bobs);

        Map<Long, MediaRequest.Transition> alices = app.requests().lastChanges(alice, listed);
        assertThat(alices).containsOnlyKeys(declined.id(), pending.id());
        assertThat(alices.get(declined.id())).isEqualTo(app.requests().timeline(alice, declined.id()).getLast());
        assertThat(alices.get(declined.id()).to()).isEqualTo(RequestState.DECLINED);
        assertThat(alices.get(pending.id()).to()).isEqualTo(RequestState.PENDING);
        assertThat(app.requests().lastChanges(admin, listed)).containsOnlyKeys(declined.id(), pending.id(), bobs.id());
        assertThat(app.requests().lastChanges(admin, List.of())).isEmpty();
    }

    @Test
    void only_a_requester_cancels_and_only_while_pending() {
        MediaRequest request = app.requests().submit(alice, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), false)).request();
        assertThat(catchThrowableOfType(AppException.class, () -> app.requests().cancel(bob, request.id())).code())
                .as("someone else's request is invisible").isEqualTo(ErrorCode.NOT_FOUND);
        app.requests().submit(bob, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), false));

        MediaRequest afterAlice = app.requests().cancel(alice, request.id());
        assertThat(afterAlice.state()).as("bob still wants it").isEqualTo(RequestState.PENDING);
        assertThat(afterAlice.requesters()).extracting(MediaRequest.Requester::username).containsExactly("bob");
        assertThat(app.requests().cancel(bob, request.id()).state()).isEqualTo(RequestState.CANCELLED);

        MediaRequest approved = app.requests().submit(alice, RequestDraft.of(movie(DUNE_1984, "Dune"), false)).request();
        app.requests().approve(admin, approved.id(), Optional.empty());
        assertThat(catchThrowableOfType(AppException.class, () -> app.requests().cancel(alice, approved.id())).code())
                .isEqualTo(ErrorCode.REQUEST_STATE_CONFLICT);
    }

    @Test
    void a_title_radarr_already_has_in_full_cannot_be_requested() {
        radarr.keep(DUNE_2021, true);
        AppException refused = catchThrowableOfType(AppException.class,
                () -> app.requests().submit(alice, RequestDraft.of(movie(DUNE_2021, "Dune"), false)));
        assertThat(refused.code()).isEqualTo(ErrorCode.ALREADY_AVAILABLE);
        assertThat(app.requests().list(admin, RequestFilter.everything()).total()).isZero();
    }

    @Test
    void four_k_needs_the_permission_and_a_4k_instance() {
        assertThat(catchThrowableOfType(AppException.class,
                () -> app.requests().submit(bob, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), true))).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(catchThrowableOfType(AppException.class,
                () -> app.requests().submit(alice, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), true))).code())
                .as("no 4K Radarr yet").isEqualTo(ErrorCode.NO_SUITABLE_SERVICE);

        try (FakeArrLibrary radarr4k = FakeArrLibrary.radarr()) {
            app.services().create(admin.user().id(), radarr4k.service("Radarr 4K", true));
            MediaRequest request = app.requests().submit(alice, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), true)).request();
            app.requests().approve(admin, request.id(), Optional.empty());
            app.requestDispatcher().sendDue();
            assertThat(radarr4k.added()).hasSize(1);
            assertThat(radarr.added()).as("never the HD instance").isEmpty();
            radarr4k.assertAllInSpec();
        }
    }

    @Test
    void an_instance_down_when_approving_keeps_the_request_approved_with_the_reason_and_retries_it() {
        MediaRequest request = app.requests().submit(alice, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), false)).request();
        radarr.goDown();
        app.requests().approve(admin, request.id(), Optional.empty());
        app.requestDispatcher().sendDue();

        MediaRequest waiting = app.requests().get(alice, request.id());
        assertThat(waiting.state()).isEqualTo(RequestState.APPROVED);
        assertThat(waiting.lastError()).hasValueSatisfying(problem -> assertThat(problem.messageKey()).isEqualTo("remote.unreachable"));
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.nextAttemptAt()).contains(clock.instant().plusSeconds(30));

        try (FakeArrLibrary back = FakeArrLibrary.radarr()) {
            ServiceInstance instance = app.services().list(ServiceKind.RADARR).getFirst();
            app.services().update(admin.user().id(), instance.id(), back.service("Radarr", false));
            app.requestDispatcher().sendDue();
            assertThat(back.added()).as("not before the retry is due").isEmpty();
            clock.advance(Duration.ofSeconds(31));
            app.requestDispatcher().sendDue();
            assertThat(back.added()).hasSize(1);
            MediaRequest sent = app.requests().get(alice, request.id());
            assertThat(sent.state()).isEqualTo(RequestState.PROCESSING);
            assertThat(sent.lastError()).isEmpty();
        }
    }

    @Test
    void a_series_request_for_seasons_1_and_3_monitors_only_those_and_later_seasons_widen_the_pending_one() {
        RequestedTitle expanse = new RequestedTitle(TitleType.SERIES, List.of(ExternalId.tvdb(EXPANSE_TVDB), ExternalId.tmdb(63639)),
                "The Expanse", OptionalInt.of(2015), Optional.empty());
        MediaRequest request = app.requests().submit(alice, new RequestDraft(expanse, false, SeasonChoice.of(Set.of(1, 3)),
                RequestOptions.defaults(), 6)).request();
        Requests.Submitted joined = app.requests().submit(bob, new RequestDraft(expanse, false, SeasonChoice.of(Set.of(3)),
                RequestOptions.defaults(), 6));
        assertThat(joined.joined()).isTrue();
        assertThat(joined.request().id()).isEqualTo(request.id());
        assertThat(joined.request().seasons().chosen()).containsExactly(1, 3);

        MediaRequest widened = app.requests().submit(bob, new RequestDraft(expanse, false, SeasonChoice.of(Set.of(2)),
                RequestOptions.defaults(), 6)).request();
        assertThat(widened.id()).isEqualTo(request.id());
        assertThat(widened.seasons().chosen()).containsExactly(1, 2, 3);
        assertThat(app.requests().quota(bob.user().id()).get(TitleType.SERIES).used()).isEqualTo(1);

        app.requests().approve(admin, request.id(), Optional.empty());
        app.requestDispatcher().sendDue();
        JsonNode added = sonarr.added().getFirst();
        List<Integer> monitored = new ArrayList<>();
        added.get("seasons").forEach(season -> {
            if (season.get("monitored").asBoolean()) {
                monitored.add(season.get("seasonNumber").asInt());
            }
        });
        assertThat(monitored).containsExactly(1, 2, 3);
        assertThat(sonarr.tagLabels(added.get("tags"))).contains("requester-alice", "requester-bob");
        sonarr.assertAllInSpec();
    }
}
