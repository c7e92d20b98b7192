package dev.medianest.features.services;

import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code service_checks}. The problem column holds the first problem as
 * {@code {"key": "...", "args": [...]}} so it is translated when read, not when stored.
 */
final class CheckStore {

    void insert(Handle handle, ServiceCheck check) {
        handle.createUpdate("INSERT INTO service_checks (service_id, checked_at, state, response_ms, version, problem) "
                        + "VALUES (:id, :at, :state, :ms, :version, :problem)")
                .bind("id", check.serviceId())
                .bind("at", check.checkedAt().toEpochMilli())
                .bind("state", check.state().name())
                .bind("ms", (int) Math.min(Integer.MAX_VALUE, check.responseTime().toMillis()))
                .bind("version", check.version().map(version -> version.length() > 100 ? version.substring(0, 100) : version).orElse(null))
                .bind("problem", check.problem().map(ServiceProblem::stored).orElse(null))
                .execute();
    }

    /** The newest checks first. */
    List<ServiceCheck> recent(Handle handle, long serviceId, int limit) {
        return handle.createQuery("SELECT * FROM service_checks WHERE service_id = :id ORDER BY checked_at DESC LIMIT :limit")
                .bind("id", serviceId).bind("limit", limit)
                .map((rs, ctx) -> check(rs)).list();
    }

    Optional<ServiceCheck> latest(Handle handle, long serviceId) {
        return recent(handle, serviceId, 1).stream().findFirst();
    }

    /** Checks per slot and state since {@code from}; the slot number is computed in SQL so only counts travel. */
    Uptime uptime(Handle handle, long serviceId, Instant from, Duration slot, int slots) {
        int[][] counts = new int[slots][3];
        long slotMillis = slot.toMillis();
        handle.createQuery("SELECT (checked_at - :from) / :slot AS slot_no, state, COUNT(*) AS n FROM service_checks "
                        + "WHERE service_id = :id AND checked_at >= :from GROUP BY slot_no, state")
                .bind("from", from.toEpochMilli()).bind("slot", slotMillis).bind("id", serviceId)
                .map((rs, ctx) -> {
                    int number = (int) rs.getLong("slot_no");
                    if (number >= 0 && number < slots) {
                        counts[number][Probe.State.valueOf(rs.getString("state")).ordinal()] += rs.getInt("n");
                    }
                    return number;
                }).list();
        List<Uptime.Slot> result = new ArrayList<>(slots);
        for (int[] count : counts) {
            result.add(new Uptime.Slot(count[Probe.State.UP.ordinal()], count[Probe.State.DEGRADED.ordinal()],
                    count[Probe.State.DOWN.ordinal()]));
        }
        return new Uptime(from, slot, result);
    }

    int deleteOlderThan(Handle handle, long serviceId, Instant cutoff) {
        return handle.createUpdate("DELETE FROM service_checks WHERE service_id = :id AND checked_at < :cutoff")
                .bind("id", serviceId).bind("cutoff", cutoff.toEpochMilli()).execute();
    }

    private ServiceCheck check(ResultSet rs) throws SQLException {
        return new ServiceCheck(rs.getLong("service_id"), Instant.ofEpochMilli(rs.getLong("checked_at")),
                Probe.State.valueOf(rs.getString("state")), Duration.ofMillis(rs.getInt("response_ms")),
                Optional.ofNullable(rs.getString("version")), Optional.ofNullable(rs.getString("problem")).flatMap(ServiceProblem::fromStored));
    }


}
