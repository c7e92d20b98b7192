package dev.medianest.features.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.events.DomainEvent;
import dev.medianest.features.events.EventBus;
import dev.medianest.features.events.ServiceStatusChanged;
import dev.medianest.integrations.radarr.RadarrConnector;
import dev.medianest.platform.crypto.SecretBox;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.FakeRadarr;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.SpecFake;
import dev.medianest.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status job driven by a hand-moved clock, one due round at a time: the schedule, the
 * backoff, the events, the retention and a restart, on real SQLite and PostgreSQL, against a
 * Radarr fake held to its spec and an address where nothing listens.
 */
class StatusJobTest {

    private static final Duration INTERVAL = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private final MutableClock clock = MutableClock.startingNow();
    private final EventBus events = new EventBus();
    private final List<DomainEvent> published = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Database database;
    private ServiceCatalog catalog;
    private ServiceHealth health;
    private StatusJob job;

    static Stream<Named<Function<Path, Database>>> databases() {
        return Stream.of(
                Named.of("SQLite", dir -> Database.openSqlite("jdbc:sqlite:" + dir.resolve("medianest.db"), 2)),
                Named.of("PostgreSQL", dir -> Database.openPostgres(TestPostgres.newDatabase(), "postgres", "postgres", 4)));
    }

    private void open(Function<Path, Database> opener) {
        database = opener.apply(dataDir);
        database.migrate();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        events.subscribe(published::add);
        catalog = new ServiceCatalog(database, new SecretBox(key), clock, List.of(new RadarrConnector(new RemoteHttp(new ObjectMapper()))), events);
        health = new ServiceHealth(database, clock, catalog);
        job = newJob();
    }

    private StatusJob newJob() {
        StatusJob created = new StatusJob(catalog, health, events, clock, INTERVAL);
        closing.add(created);
        return created;
    }

    private void openSqlite() {
        open(dir -> Database.openSqlite("jdbc:sqlite:" + dir.resolve("medianest.db"), 2));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing.reversed()) {
            resource.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private ServiceInstance add(String name, String baseUrl) {
        return add(name, baseUrl, FakeRadarr.API_KEY);
    }

    private ServiceInstance add(String name, String baseUrl, String apiKey) {
        return catalog.create(1, ServiceDraft.of(ServiceKind.RADARR, name, baseUrl, Map.of(), Map.of("apiKey", apiKey),
                false, false, false, 1));
    }

    /** A Radarr that refuses the key: failing at once (a refused connection is retried by the HTTP client first). */
    private ServiceInstance addRefused(String name) {
        return add(name, radarr().baseUrl(), "revoked-key");
    }

    private FakeRadarr radarr() {
        FakeRadarr radarr = FakeRadarr.start();
        closing.add(radarr);
        return radarr;
    }

    private List<Long> changed() {
        return published.stream().filter(ServiceStatusChanged.class::isInstance).map(event -> ((ServiceStatusChanged) event).serviceId()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_new_service_is_checked_at_once_and_then_once_per_interval(Function<Path, Database> opener) {
        open(opener);
        FakeRadarr radarr = radarr();
        ServiceInstance service = add("Radarr", radarr.baseUrl());

        List<ServiceCheck> first = job.runDueRound();

        assertThat(first).singleElement().satisfies(check -> {
            assertThat(check.state()).isEqualTo(Probe.State.UP);
            assertThat(check.version()).contains("5.14.0.9383");
            assertThat(check.problem()).isEmpty();
        });
        assertThat(health.latest(service.id())).contains(first.getFirst());
        assertThat(health.disks(service.id())).singleElement().extracting(Probe.Disk::path).isEqualTo("/movies");
        assertThat(health.lastDay(service.id()).slots().getLast()).isEqualTo(new Uptime.Slot(1, 0, 0));
        assertThat(health.lastDay(service.id()).answered()).hasValue(1.0);
        assertThat(changed()).containsExactly(service.id());
        assertThat(job.runDueRound()).as("not due again at the same moment").isEmpty();

        clock.advance(INTERVAL.minusSeconds(1));
        assertThat(job.runDueRound()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(job.runDueRound()).singleElement().extracting(ServiceCheck::state).isEqualTo(Probe.State.UP);
        assertThat(changed()).as("the same state again is no news").containsExactly(service.id());
        assertThat(health.recent(service.id(), 10)).hasSize(2);
        radarr.assertAllInSpec();
    }

    @Test
    void a_failing_service_waits_twice_as_long_after_each_failure_up_to_half_an_hour() {
        openSqlite();
        ServiceInstance service = addRefused("Radarr");
        List<Long> waits = new ArrayList<>();
        Instant last = clock.instant();
        assertThat(job.runDueRound()).singleElement().satisfies(check -> {
            assertThat(check.state()).isEqualTo(Probe.State.DOWN);
            assertThat(check.problem()).map(ServiceProblem::messageKey).contains("remote.unauthorized");
        });
        for (int round = 0; round < 6; round++) {
            Instant due = job.nextDue(service.id()).orElseThrow();
            waits.add(Duration.between(last, due).toSeconds());
            clock.advance(Duration.between(clock.instant(), due).minusSeconds(1));
            assertThat(job.runDueRound()).as("a second early").isEmpty();
            clock.advance(Duration.ofSeconds(1));
            assertThat(job.runDueRound()).hasSize(1);
            last = clock.instant();
        }
        assertThat(waits).containsExactly(120L, 240L, 480L, 960L, 1800L, 1800L);
        assertThat(changed()).as("down once, not at every failure").containsExactly(service.id());
    }

    @Test
    void an_edited_service_is_checked_at_once_and_success_ends_the_backoff() {
        openSqlite();
        ServiceInstance service = addRefused("Radarr");
        job.runDueRound();
        clock.advance(Duration.ofSeconds(120));
        job.runDueRound();
        assertThat(job.nextDue(service.id())).contains(clock.instant().plusSeconds(240));

        clock.advance(Duration.ofSeconds(5));
        catalog.update(1, service.id(), ServiceDraft.of(ServiceKind.RADARR, "Radarr", service.baseUrl().toString(), Map.of(),
                Map.of("apiKey", FakeRadarr.API_KEY), false, false, false, 1));

        assertThat(job.runDueRound()).singleElement().extracting(ServiceCheck::state).isEqualTo(Probe.State.UP);
        assertThat(job.nextDue(service.id())).contains(clock.instant().plus(INTERVAL));
        assertThat(changed()).containsExactly(service.id(), service.id());
    }

    @Test
    void going_down_is_published_with_the_reason() {
        openSqlite();
        FakeRadarr radarr = radarr();
        ServiceInstance service = add("Radarr", radarr.baseUrl());
        job.runDueRound();
        radarr.goDown();
        clock.advance(INTERVAL);

        ServiceCheck down = job.runDueRound().getFirst();

        assertThat(down.state()).isEqualTo(Probe.State.DOWN);
        assertThat(down.problem()).contains(ServiceProblem.of("remote.unreachable", "Radarr", radarr.baseUrl()));
        assertThat(changed()).containsExactly(service.id(), service.id());
        assertThat(health.lastDay(service.id()).answered()).hasValue(0.5);
        assertThat(health.disks(service.id())).as("a service that is down reports no disks").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void the_schedule_and_the_backoff_survive_a_restart(Function<Path, Database> opener) {
        open(opener);
        ServiceInstance service = addRefused("Radarr");
        for (int failure = 0; failure < 3; failure++) {
            clock.advance(Duration.between(clock.instant(), job.nextDue(service.id()).orElse(clock.instant())));
            job.runDueRound();
        }
        Instant lastCheck = clock.instant();
        job.close();

        StatusJob restarted = newJob();

        assertThat(restarted.nextDue(service.id())).as("three failures in a row: eight intervals")
                .contains(lastCheck.plus(INTERVAL.multipliedBy(8)));
        assertThat(restarted.runDueRound()).isEmpty();
        assertThat(changed()).hasSize(1);
        clock.advance(INTERVAL.multipliedBy(8));
        restarted.runDueRound();
        assertThat(changed()).as("still down after the restart: no news").hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void checks_older_than_thirty_days_are_deleted(Function<Path, Database> opener) {
        open(opener);
        FakeRadarr radarr = radarr();
        ServiceInstance service = add("Radarr", radarr.baseUrl());
        job.runDueRound();
        clock.advance(Duration.ofDays(29));
        job.runDueRound();
        assertThat(health.recent(service.id(), 10)).hasSize(2);

        clock.advance(Duration.ofDays(2));
        job.runDueRound();

        assertThat(health.recent(service.id(), 10)).extracting(ServiceCheck::checkedAt)
                .containsExactly(clock.instant(), clock.instant().minus(Duration.ofDays(2)));
    }

    @Test
    void a_slow_service_holds_up_no_other() throws Exception {
        openSqlite();
        FakeRadarr fast = radarr();
        CountDownLatch release = new CountDownLatch(1);
        SpecFake slow = SpecFake.start("radarr-v3.openapi.json", routes -> {
            routes.get("/api/v3/system/status", ctx -> {
                release.await(10, TimeUnit.SECONDS);
                ctx.json(FakeRadarr.STATUS);
            });
            routes.get("/api/v3/health", ctx -> ctx.json(List.of()));
            routes.get("/api/v3/diskspace", ctx -> ctx.json(List.of()));
        });
        closing.add(slow);
        ServiceInstance stuck = catalog.create(1, ServiceDraft.of(ServiceKind.RADARR, "Stuck", slow.baseUrl(), Map.of(),
                Map.of("apiKey", FakeRadarr.API_KEY), false, false, false, 30));
        ServiceInstance quick = add("Quick", fast.baseUrl());
        CompletableFuture<Long> firstNews = new CompletableFuture<>();
        events.subscribe(event -> {
            if (event instanceof ServiceStatusChanged changed) {
                firstNews.complete(changed.serviceId());
            }
        });

        CompletableFuture<List<ServiceCheck>> round = CompletableFuture.supplyAsync(job::runDueRound);

        assertThat(firstNews.get(10, TimeUnit.SECONDS)).as("the quick one is recorded while the slow one hangs").isEqualTo(quick.id());
        assertThat(health.latest(stuck.id())).isEmpty();
        assertThat(round).isNotDone();
        release.countDown();
        assertThat(round.get(10, TimeUnit.SECONDS)).extracting(ServiceCheck::serviceId).containsExactlyInAnyOrder(quick.id(), stuck.id());
        slow.assertAllInSpec();
    }

    @Test
    void a_service_that_does_not_answer_in_time_is_down_with_a_timeout() {
        openSqlite();
        CountDownLatch never = new CountDownLatch(1);
        SpecFake silent = SpecFake.start("radarr-v3.openapi.json", routes -> routes.get("/api/v3/system/status", ctx -> {
            never.await(5, TimeUnit.SECONDS);
            ctx.json(FakeRadarr.STATUS);
        }));
        closing.add(silent);
        closing.add(never::countDown); // closed in reverse: the hanging request ends before its server stops
        ServiceInstance service = add("Silent", silent.baseUrl());

        ServiceCheck check = job.runDueRound().getFirst();

        assertThat(check.state()).isEqualTo(Probe.State.DOWN);
        assertThat(check.problem()).map(ServiceProblem::messageKey).contains("remote.timeout");
        assertThat(health.latest(service.id())).contains(check);
    }

    @Test
    void a_removed_service_is_forgotten() {
        openSqlite();
        FakeRadarr radarr = radarr();
        ServiceInstance service = add("Radarr", radarr.baseUrl());
        job.runDueRound();

        catalog.delete(1, service.id());
        clock.advance(INTERVAL);

        assertThat(job.runDueRound()).isEmpty();
        assertThat(job.nextDue(service.id())).isEmpty();
        assertThat(health.status(service.id())).isEmpty();
        assertThat(health.recent(service.id(), 10)).as("its history went with it").isEmpty();
        assertThat(Optional.of(job.delayAfter(0))).contains(INTERVAL);
    }
}
