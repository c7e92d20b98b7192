package dev.medianest.features.services;

import dev.medianest.integrations.radarr.RadarrConnector;
import dev.medianest.platform.crypto.SecretBox;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.TestPostgres;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configured services on a real SQLite file and a real PostgreSQL server, secrets sealed at rest. */
class ServiceCatalogTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dataDir;

    private Database database;
    private ServiceCatalog catalog;

    static Stream<Named<Function<Path, Database>>> databases() {
        return Stream.of(
                Named.of("SQLite", dir -> Database.openSqlite("jdbc:sqlite:" + dir.resolve("medianest.db"), 2)),
                Named.of("PostgreSQL", dir -> Database.openPostgres(TestPostgres.newDatabase(), "postgres", "postgres", 4)));
    }

    private ServiceCatalog catalogWith(byte[] key) {
        return new ServiceCatalog(database, new SecretBox(key), MutableClock.startingNow(),
                List.of(new RadarrConnector(new RemoteHttp(new ObjectMapper()))));
    }

    private byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private void open(Function<Path, Database> opener, byte[] key) {
        database = opener.apply(dataDir);
        database.migrate();
        catalog = catalogWith(key);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private static ServiceDraft radarr(String name, String url, String apiKey, boolean isDefault, boolean is4k) {
        return ServiceDraft.of(ServiceKind.RADARR, name, url, Map.of("qualityProfileId", "4"), apiKey == null ? Map.of() : Map.of("apiKey", apiKey),
                isDefault, is4k, false, null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_instance_reads_back_with_its_secret_sealed_at_rest(Function<Path, Database> opener) {
        open(opener, randomKey());
        ServiceInstance saved = catalog.create(1, radarr("Radarr", "http://radarr:7878/radarr/", KEY, true, false));
        assertThat(saved.baseUrl()).hasToString("http://radarr:7878/radarr");
        assertThat(saved.secret("apiKey")).contains(KEY);
        assertThat(saved.option("qualityProfileId")).contains("4");
        assertThat(saved.toString()).doesNotContain(KEY);
        String stored = database.read(h -> h.createQuery("SELECT secrets || options || base_url FROM services").mapTo(String.class).one());
        assertThat(stored).doesNotContain(KEY).startsWith("v1:");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_lost_key_names_the_services_that_need_their_keys_again(Function<Path, Database> opener) {
        open(opener, randomKey());
        catalog.create(1, radarr("Radarr", "http://radarr:7878", KEY, false, false));
        catalog.create(1, radarr("Radarr 4K", "http://radarr4k:7878", KEY, false, true));
        ServiceCatalog afterKeyLoss = catalogWith(randomKey());
        assertThat(afterKeyLoss.needingSecretsAgain()).containsExactly("Radarr", "Radarr 4K");
        ServiceInstance lost = afterKeyLoss.list().getFirst();
        assertThat(lost.secretsReadable()).isFalse();
        assertThat(afterKeyLoss.test(lost)).singleElement().extracting(ServiceProblem::messageKey).isEqualTo("service.secrets_unreadable");
        assertThatThrownBy(() -> afterKeyLoss.update(1, lost.id(), radarr("Radarr", "http://radarr:7878", "", false, false)))
                .as("a blank key cannot keep a key that is lost").isInstanceOf(AppException.class);
        afterKeyLoss.update(1, lost.id(), radarr("Radarr", "http://radarr:7878", "fresh-key-0123456789", false, false));
        assertThat(afterKeyLoss.needingSecretsAgain()).containsExactly("Radarr 4K");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void names_are_unique_per_kind_and_a_blank_key_keeps_the_stored_one(Function<Path, Database> opener) {
        open(opener, randomKey());
        ServiceInstance saved = catalog.create(1, radarr("Radarr", "http://radarr:7878", KEY, false, false));
        assertThatThrownBy(() -> catalog.create(1, radarr("RADARR", "http://other:7878", KEY, false, false)))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_NAME_TAKEN));
        ServiceInstance edited = catalog.update(1, saved.id(), radarr("Radarr main", "https://radarr.lan", "", false, false));
        assertThat(edited.name()).isEqualTo("Radarr main");
        assertThat(edited.secret("apiKey")).contains(KEY);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void one_default_and_one_4k_instance_per_kind(Function<Path, Database> opener) {
        open(opener, randomKey());
        ServiceInstance first = catalog.create(1, radarr("Radarr", "http://a:7878", KEY, true, false));
        ServiceInstance uhd = catalog.create(1, radarr("Radarr 4K", "http://b:7878", KEY, false, true));
        ServiceInstance second = catalog.create(1, radarr("Radarr new", "http://c:7878", KEY, true, false));
        assertThat(catalog.get(first.id()).isDefault()).isFalse();
        assertThat(catalog.get(second.id()).isDefault()).isTrue();
        assertThat(catalog.preferred(ServiceKind.RADARR, false)).map(ServiceInstance::id).contains(second.id());
        assertThat(catalog.preferred(ServiceKind.RADARR, true)).map(ServiceInstance::id).contains(uhd.id());
        assertThat(catalog.preferred(ServiceKind.SONARR, false)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void bad_input_names_every_field_and_writes_nothing(Function<Path, Database> opener) {
        open(opener, randomKey());
        assertThatThrownBy(() -> ServiceDraft.of(ServiceKind.RADARR, " ", "ftp://radarr", Map.of(), Map.of(), false, false, false, 0))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.details()).containsKeys("name", "baseUrl", "timeoutSeconds"));
        for (String url : List.of("radarr:7878", "http://user:pw@radarr:7878", "http://radarr:7878/?apikey=x", "http://", "javascript:alert(1)")) {
            assertThatThrownBy(() -> radarr("Radarr", url, KEY, false, false)).as(url).isInstanceOf(AppException.class);
        }
        assertThatThrownBy(() -> catalog.create(1, radarr("Radarr", "http://radarr:7878", null, false, false)))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.details()).containsKey("apiKey"));
        assertThatThrownBy(() -> catalog.create(1, ServiceDraft.of(ServiceKind.RADARR, "Radarr", "http://radarr:7878",
                Map.of("colour", "blue", "minimumAvailability", "tomorrow"), Map.of("apiKey", KEY), false, false, false, null)))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.details()).containsKeys("colour", "minimumAvailability"));
        assertThat(catalog.list()).isEmpty();
        assertThat(Optional.of(catalog.kinds())).get().asList().contains(ServiceKind.RADARR);
    }
}
