package dev.medianest.channels.web;

import dev.medianest.platform.db.Database;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** Liveness, readiness, Prometheus metrics and the OpenAPI document. */
final class OpsRoutes {

    private final Database database;
    private final Optional<PrometheusMeterRegistry> metrics;
    private final AtomicBoolean draining;
    private final byte[] openApi;

    OpsRoutes(Database database, Optional<PrometheusMeterRegistry> metrics, AtomicBoolean draining) {
        this.database = database;
        this.metrics = metrics;
        this.draining = draining;
        try (InputStream in = OpsRoutes.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void live(Context ctx) {
        ctx.json(Map.of("status", "up"));
    }

    /** Ready when the database answers, migrations are applied and no shutdown is under way. */
    void ready(Context ctx) {
        boolean databaseUp = database.ping();
        boolean migrated = database.isMigrated();
        boolean up = databaseUp && migrated && !draining.get();
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("database", databaseUp ? "up" : "down");
        checks.put("migrations", migrated ? "applied" : "pending");
        checks.put("shutdown", draining.get() ? "in progress" : "no");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "up" : "down");
        body.put("checks", checks);
        ctx.status(up ? 200 : 503).json(body);
    }

    void metrics(Context ctx) {
        PrometheusMeterRegistry registry = metrics.orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }
}
