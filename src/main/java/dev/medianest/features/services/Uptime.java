package dev.medianest.features.services;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How a service fared over a window (the dashboard's last 24 hours), in equal slots from oldest
 * to newest; a slot without checks means nothing was measured then (MediaNest was not running,
 * or the service did not exist yet).
 */
public record Uptime(Instant from, Duration slot, List<Slot> slots) {

    /** The checks of one slot, by state. */
    public record Slot(int up, int degraded, int down) {
        public int checks() {
            return up + degraded + down;
        }

        /** The share of checks in which the service answered (UP or DEGRADED), 0 to 1; 0 for an empty slot. */
        public double answered() {
            return checks() == 0 ? 0 : (double) (up + degraded) / checks();
        }
    }

    public Uptime {
        slots = List.copyOf(slots);
    }

    /** The share of all checks in the window in which the service answered; empty when there were none. */
    public java.util.OptionalDouble answered() {
        int checks = slots.stream().mapToInt(Slot::checks).sum();
        if (checks == 0) {
            return java.util.OptionalDouble.empty();
        }
        int answered = slots.stream().mapToInt(slot -> slot.up() + slot.degraded()).sum();
        return java.util.OptionalDouble.of((double) answered / checks);
    }
}
