package dev.medianest.features.services;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one health check of a service found.
 *
 * @param state       UP, DEGRADED (answers, but reports its own health warnings), or DOWN
 * @param application what answered ("Radarr", "Jellyseerr") when known
 * @param version     its version when known
 * @param problems    why it is down or degraded
 * @param disks       free and total space of the service's disks, when it reports them
 */
public record Probe(State state, Duration responseTime, Optional<String> application, Optional<String> version,
                    List<ServiceProblem> problems, List<Disk> disks) {

    /** The three states the dashboard shows. */
    public enum State { UP, DEGRADED, DOWN }

    /** One disk or mount as a service reports it. */
    public record Disk(String path, long freeBytes, long totalBytes) {
    }

    public Probe {
        problems = List.copyOf(problems);
        disks = List.copyOf(disks);
    }

    public static Probe down(Duration responseTime, ServiceProblem problem) {
        return new Probe(State.DOWN, responseTime, Optional.empty(), Optional.empty(), List.of(problem), List.of());
    }
}
