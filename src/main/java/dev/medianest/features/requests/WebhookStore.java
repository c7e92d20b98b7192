package dev.medianest.features.requests;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** SQL for the {@code webhook_secrets} table; the secrets arrive here sealed, never in plain text. */
final class WebhookStore {

    Optional<String> sealedSecret(Handle handle, long serviceId) {
        return handle.createQuery("SELECT secret FROM webhook_secrets WHERE service_id = :service")
                .bind("service", serviceId).mapTo(String.class).findOne();
    }

    /** When each instance's current secret was made. */
    Map<Long, Instant> secretDates(Handle handle) {
        Map<Long, Instant> dates = new LinkedHashMap<>();
        handle.createQuery("SELECT service_id, created_at FROM webhook_secrets ORDER BY service_id")
                .map((rs, ctx) -> Map.entry(rs.getLong("service_id"), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .forEach(entry -> dates.put(entry.getKey(), entry.getValue()));
        return dates;
    }

    /** Sets the instance's secret, replacing the one it had: the old one stops working at once. */
    void putSecret(Handle handle, long serviceId, String sealed, Instant now) {
        handle.createUpdate("INSERT INTO webhook_secrets (service_id, secret, created_at) VALUES (:service, :secret, :now) "
                        + "ON CONFLICT (service_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at")
                .bind("service", serviceId).bind("secret", sealed).bind("now", now.toEpochMilli())
                .execute();
    }
}
