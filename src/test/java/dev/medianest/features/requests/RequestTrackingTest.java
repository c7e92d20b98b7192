package dev.medianest.features.requests;

import dev.medianest.App;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.events.DomainEvent;
import dev.medianest.features.events.RequestChanged;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.platform.i18n.Language;
import dev.medianest.testing.FakeArrLibrary;
import dev.medianest.testing.FakeSeerr;
import dev.medianest.testing.LoopbackPorts;
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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.medianest.testing.Requesters.approvedAndSent;
import static dev.medianest.testing.Requesters.movie;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following requests after they are sent, through the real App on SQLite: reconciliation catches
 * what a missed webhook would have told, a down instance changes nothing, and the Seerr route
 * files requests in a spec-held Seerr and mirrors its decisions, retrying while Seerr is down.
 */
class RequestTrackingTest {

    private static final int DUNE_PART_TWO = 693134;
    private static final int DUNE_1984 = 841;
    private static final String HASH = "8C4ADBF9EBE66F1D804FB6A4FB9B74966C3AB609";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private FakeArrLibrary radarr;
    private TestApp server;
    private App app;
    private Principal admin;
    private Principal alice;

    /** The database settings; SQLite in the data directory here, PostgreSQL in the subclass. */
    Map<String, String> database() {
        return Map.of();
    }

    @BeforeEach
    void start() {
        radarr = FakeArrLibrary.radarr();
        server = TestApp.start(dataDir, new HashMap<>(database()), clock);
        app = server.app();
        app.events().subscribe(events::add);
        admin = Requesters.admin(app);
        alice = Requesters.member(app, admin, "alice", EnumSet.of(Permission.REQUEST));
        app.services().create(admin.user().id(), radarr.service("Radarr", false));
    }

    @AfterEach
    void stop() {
        server.close();
        radarr.close();
    }

    @Test
    void reconciliation_catches_a_title_that_became_available_without_a_webhook() {
        MediaRequest request = approvedAndSent(app, admin, alice, movie(DUNE_PART_TWO, "Dune: Part Two"));
        radarr.finish(DUNE_PART_TWO);
        events.clear();

        app.requestDispatcher().reconcile();

        assertThat(app.requests().get(alice, request.id()).state()).isEqualTo(RequestState.AVAILABLE);
        assertThat(events).contains(new RequestChanged(request.id()));
    }

    @Test
    void reconciling_while_the_instance_is_down_leaves_the_request_untouched() {
        MediaRequest request = approvedAndSent(app, admin, alice, movie(DUNE_PART_TWO, "Dune: Part Two"));
        radarr.goDown();
        events.clear();
        clock.advance(Duration.ofMinutes(10));

        app.requestDispatcher().reconcile();

        assertThat(app.requests().get(alice, request.id())).isEqualTo(request);
        assertThat(events).isEmpty();
    }

    @Test
    void a_grab_webhook_remembers_the_torrent_for_the_requester() {
        MediaRequest request = approvedAndSent(app, admin, alice, movie(DUNE_PART_TWO, "Dune: Part Two"));
        ServiceInstance instance = app.services().list(ServiceKind.RADARR).getFirst();
        String secret = app.webhooks().issueSecret(admin.user().id(), instance.id()).secret();
        String grab = "{\"eventType\":\"Grab\",\"movie\":{\"id\":" + radarr.libraryId(DUNE_PART_TWO).orElseThrow() + ",\"tmdbId\":" + DUNE_PART_TWO
                + ",\"title\":\"Dune: Part Two\"},\"downloadId\":\"" + HASH + "\",\"downloadClient\":\"qBittorrent\"}";

        Webhooks.Receipt receipt = app.webhooks().receive(ServiceKind.RADARR, instance.id(), Optional.of(secret), grab, "127.0.0.1");
        Webhooks.Receipt again = app.webhooks().receive(ServiceKind.RADARR, instance.id(), Optional.of(secret), grab, "127.0.0.1");

        assertThat(receipt.matched()).isEqualTo(1);
        assertThat(again.matched()).isEqualTo(1);
        assertThat(app.requests().downloadIds(request.id())).containsExactly(HASH.toLowerCase(java.util.Locale.ROOT));
        assertThat(app.requests().torrentHashesOf(alice.user().id())).containsExactly(HASH.toLowerCase(java.util.Locale.ROOT));
        assertThat(app.webhooks().senders()).singleElement().satisfies(sender -> assertThat(sender.secretSince()).contains(clock.instant()));
    }

    @Test
    void the_seerr_route_files_the_request_and_mirrors_approval_availability_and_decline() {
        try (FakeSeerr seerr = FakeSeerr.start("seerr.openapi.yml").filingPending()) {
            addSeerr(seerr.baseUrl(), 5);
            MediaRequest partTwo = approvedAndSent(app, admin, alice, movie(DUNE_PART_TWO, "Dune: Part Two"));
            assertThat(partTwo.route()).isEqualTo(MediaRequest.Route.SEERR);
            assertThat(radarr.added()).as("Seerr adds it to Radarr itself").isEmpty();
            FakeSeerr.Filed filed = seerr.filed().getFirst();
            assertThat(filed.tmdbId()).isEqualTo(DUNE_PART_TWO);
            assertThat(partTwo.remoteRequestId()).contains(filed.id());

            seerr.setStatus(filed.id(), 2);
            app.requestDispatcher().reconcile();
            assertThat(app.requests().get(alice, partTwo.id()).state()).as("approved in Seerr, downloading").isEqualTo(RequestState.PROCESSING);
            seerr.mediaStatus("movie", DUNE_PART_TWO, false, 5);
            events.clear();
            app.requestDispatcher().reconcile();
            assertThat(app.requests().get(alice, partTwo.id()).state()).isEqualTo(RequestState.AVAILABLE);
            assertThat(events).contains(new RequestChanged(partTwo.id()));

            MediaRequest dune1984 = approvedAndSent(app, admin, alice, movie(DUNE_1984, "Dune"));
            seerr.setStatus(dune1984.remoteRequestId().orElseThrow(), 3);
            app.requestDispatcher().reconcile();
            assertThat(app.requests().get(alice, dune1984.id()).state()).as("declined by Seerr's admin").isEqualTo(RequestState.DECLINED);
            assertThat(app.requests().timeline(alice, dune1984.id())).extracting(MediaRequest.Transition::to)
                    .containsExactly(RequestState.PENDING, RequestState.APPROVED, RequestState.PROCESSING, RequestState.DECLINED);
            seerr.assertAllInSpec();
        }
    }

    @Test
    void seerr_down_when_approving_keeps_the_request_approved_with_the_reason_and_sends_it_when_seerr_is_back() {
        int port = LoopbackPorts.free();
        addSeerr("http://127.0.0.1:" + port, 1);
        MediaRequest request = app.requests().submit(alice, RequestDraft.of(movie(DUNE_PART_TWO, "Dune: Part Two"), false)).request();
        app.requests().approve(admin, request.id(), Optional.empty());
        app.requestDispatcher().sendDue();

        MediaRequest waiting = app.requests().get(alice, request.id());
        assertThat(waiting.state()).isEqualTo(RequestState.APPROVED);
        assertThat(waiting.nextAttemptAt()).contains(clock.instant().plusSeconds(30));
        assertThat(waiting.lastError()).hasValueSatisfying(problem -> assertThat(app.messages().in(Language.EN)
                .get(problem.messageKey(), problem.args().toArray())).contains("Requests").contains("127.0.0.1:" + port));

        try (FakeSeerr seerr = FakeSeerr.startOn("overseerr.openapi.yml", port)) {
            app.requestDispatcher().sendDue();
            assertThat(seerr.filed()).as("not before the retry is due").isEmpty();
            clock.advance(Duration.ofSeconds(31));
            app.requestDispatcher().sendDue();
            assertThat(seerr.filed()).hasSize(1);
            MediaRequest sent = app.requests().get(alice, request.id());
            assertThat(sent.state()).isEqualTo(RequestState.PROCESSING);
            assertThat(sent.lastError()).isEmpty();
            assertThat(sent.remoteRequestId()).contains(seerr.filed().getFirst().id());
            seerr.assertAllInSpec();
        }
    }

    private void addSeerr(String baseUrl, int timeoutSeconds) {
        app.services().create(admin.user().id(), ServiceDraft.of(ServiceKind.SEERR, "Requests", baseUrl, Map.of(),
                Map.of("apiKey", FakeSeerr.API_KEY), true, false, false, timeoutSeconds));
    }

}
