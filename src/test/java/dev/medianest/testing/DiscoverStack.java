package dev.medianest.testing;

import dev.medianest.features.accounts.Accounts;
import dev.medianest.features.accounts.NewUser;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Role;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A MediaNest with everything Discover uses, each remote side a fake held to its spec: TMDb, a
 * Radarr that keeps Dune (2021) with its file, a 4K Radarr that keeps Dune: Part Two with its file,
 * a Sonarr, and a Readarr that keeps Dune Messiah. Accounts: the admin, a member who may request
 * (also in 4K) and one who may not.
 */
public final class DiscoverStack implements AutoCloseable {

    public static final String MEMBER = "alice";
    public static final String VIEWER = "victor";
    public static final String PASSWORD = "a long enough password";
    /** The fakes' "Ultra-HD" quality profile, which {@link #configureUltraHdRadarr()} gives the 4K Radarr. */
    public static final int ULTRA_HD_PROFILE = 5;

    public final FakeTmdb tmdb = FakeTmdb.start();
    public final FakeArrLibrary radarr = FakeArrLibrary.radarr();
    public final FakeArrLibrary radarr4k = FakeArrLibrary.radarr();
    public final FakeArrLibrary sonarr = FakeArrLibrary.sonarr();
    public final FakeReadarr readarr = FakeReadarr.start();
    public final TestApp app;
    public final long radarrId;
    public final long radarr4kId;

    public DiscoverStack(Path dataDir) {
        radarr.keep(FakeTmdb.DUNE, true);
        radarr4k.keep(FakeTmdb.DUNE_PART_TWO, true);
        app = TestApp.start(dataDir, Map.of("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE", "100000"), MutableClock.startingNow());
        long[] ids = connect(app.app());
        radarrId = ids[0];
        radarr4kId = ids[1];
        user(MEMBER, EnumSet.of(Permission.REQUEST, Permission.REQUEST_4K));
        user(VIEWER, EnumSet.of(Permission.ASSISTANT));
        awaitLibraries();
    }

    /**
     * Waits until every *arr library has been read once. A page waits only 0.6 s for a library not
     * read yet, and the first reads of a cold test JVM can take longer; the tests are about what the
     * badges say, not about that first wait.
     */
    private void awaitLibraries() {
        HttpSession admin = signIn("admin", null);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (admin.api("GET", "/api/v1/search?q=Dune").json().get("problems").isEmpty()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the *arr libraries were not read within 20 s");
    }

    /**
     * Adds this stack's fakes as the services of a MediaNest (this stack's own, or another one a
     * test starts on the same fakes); returns the ids of the HD and the 4K Radarr.
     */
    public long[] connect(dev.medianest.App other) {
        long admin = other.accounts().findByUsername("admin").orElseThrow().id();
        other.services().create(admin, ServiceDraft.of(ServiceKind.TMDB, "TMDb", tmdb.baseUrl(), Map.of(),
                Map.of("apiKey", FakeTmdb.TOKEN), true, false, false, 5));
        long hd = other.services().create(admin, arr(ServiceKind.RADARR, "Radarr", radarr.baseUrl(), false)).id();
        long fourK = other.services().create(admin, arr(ServiceKind.RADARR, "Radarr 4K", radarr4k.baseUrl(), true)).id();
        other.services().create(admin, arr(ServiceKind.SONARR, "Sonarr", sonarr.baseUrl(), false));
        other.services().create(admin, arr(ServiceKind.READARR, "Readarr", readarr.baseUrl(), false));
        return new long[]{hd, fourK};
    }

    /**
     * Gives the 4K Radarr its quality profile and root folder, as an admin does in Settings › Services:
     * a request sent there needs both, and the fakes offer two profiles to choose from.
     */
    public void configureUltraHdRadarr() {
        readyToSend(app.app(), radarr4kId);
    }

    /**
     * Gives a Radarr of a MediaNest the quality profile (Ultra-HD for a 4K one, else HD-1080p) and
     * root folder an admin sets in Settings › Services, without which it sends nothing.
     */
    public static void readyToSend(dev.medianest.App app, long serviceId) {
        ServiceInstance radarr = app.services().get(serviceId);
        app.services().update(Accounts.CONSOLE, radarr.id(), ServiceDraft.of(radarr.kind(), radarr.name(), radarr.baseUrl().toString(),
                Map.of("qualityProfileId", String.valueOf(radarr.is4k() ? ULTRA_HD_PROFILE : 4), "rootFolder", "/movies"),
                Map.of("apiKey", FakeArrLibrary.API_KEY), radarr.isDefault(), radarr.is4k(), false, 5));
    }

    public static ServiceDraft arr(ServiceKind kind, String name, String baseUrl, boolean fourK) {
        return ServiceDraft.of(kind, name, baseUrl, Map.of(), Map.of("apiKey", FakeArrLibrary.API_KEY), !fourK, fourK, false, 5);
    }

    private void user(String name, Set<Permission> permissions) {
        app.app().accounts().create(Accounts.CONSOLE, new NewUser(name, name, PASSWORD, Role.USER, permissions, false, Optional.empty()));
    }

    public HttpSession signIn(String username, OpenApiContract contract) {
        HttpSession session = new HttpSession(app.baseUrl(), contract);
        String password = username.equals("admin") ? TestApp.ADMIN_PASSWORD : PASSWORD;
        assertThat(session.signIn(username, password).status()).isEqualTo(200);
        return session;
    }

    /** Every fake answered and was asked within its spec. */
    public void assertAllInSpec() {
        tmdb.assertAllInSpec();
        radarr.assertAllInSpec();
        radarr4k.assertAllInSpec();
        sonarr.assertAllInSpec();
        readarr.assertAllInSpec();
    }

    /** Closes everything, failing afterwards if a fake was asked or answered outside its spec. */
    public void closeAfterCheckingSpecs() {
        try {
            assertAllInSpec();
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        app.close();
        tmdb.close();
        radarr.close();
        radarr4k.close();
        sonarr.close();
        readarr.close();
    }
}
