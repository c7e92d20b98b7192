package dev.medianest.features.requests;

import dev.medianest.testing.TestPostgres;

import java.util.Map;

/** The same lifecycle on PostgreSQL, where two people asking at once really run in parallel transactions. */
class RequestLifecyclePostgresTest extends RequestLifecycleTest {

    @Override
    Map<String, String> database() {
        return Map.of("MEDIANEST_DATABASE_URL", TestPostgres.newDatabase(), "MEDIANEST_DATABASE_USERNAME", "postgres",
                "MEDIANEST_DATABASE_PASSWORD", "postgres");
    }
}
