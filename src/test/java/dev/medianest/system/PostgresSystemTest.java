package dev.medianest.system;

import dev.medianest.testing.HttpSession;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.OpenApiContract;
import dev.medianest.testing.TestApp;
import dev.medianest.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole application on PostgreSQL when database.url points at one: nothing lands in SQLite. */
class PostgresSystemTest {

    @TempDir
    Path dataDir;

    @Test
    void medianest_runs_on_postgresql_when_the_url_says_so() {
        Map<String, String> env = Map.of("MEDIANEST_DATABASE_URL", TestPostgres.newDatabase(),
                "MEDIANEST_DATABASE_USERNAME", "postgres", "MEDIANEST_DATABASE_PASSWORD", "postgres");
        try (TestApp app = TestApp.start(dataDir, env, MutableClock.startingNow())) {
            HttpSession admin = new HttpSession(app.baseUrl(), new OpenApiContract());
            assertThat(admin.signIn("admin", TestApp.ADMIN_PASSWORD).status()).isEqualTo(200);
            assertThat(admin.api("POST", "/api/v1/users", Map.of("username", "Zoë", "password", "zoë's password",
                    "permissions", List.of("request"))).status()).isEqualTo(201);
            assertThat(admin.api("POST", "/api/v1/users", Map.of("username", "ZOË", "password", "zoë's password")).errorCode())
                    .isEqualTo("username_taken");
            assertThat(admin.api("GET", "/health/ready").json().at("/checks/database").asText()).isEqualTo("up");
            assertThat(app.app().database().vendor().name()).isEqualTo("POSTGRESQL");
        }
        assertThat(Files.exists(dataDir.resolve("medianest.db"))).isFalse();
    }
}
