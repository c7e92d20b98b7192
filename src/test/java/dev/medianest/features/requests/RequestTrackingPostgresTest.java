package dev.medianest.features.requests;

import dev.medianest.testing.TestPostgres;

import java.util.Map;

/** The same tracking on PostgreSQL: webhook secrets and request downloads in its tables too. */
class RequestTrackingPostgresTest extends RequestTrackingTest {

    @Override
    Map<String, String> database() {
        return Map.of("MEDIANEST_DATABASE_URL", TestPostgres.newDatabase(), "MEDIANEST_DATABASE_USERNAME", "postgres",
                "MEDIANEST_DATABASE_PASSWORD", "postgres");
    }
}
