package dev.medianest.features.services;

import java.util.List;
import java.util.Optional;

/**
 * What the dashboard shows of one service: the instance, its latest check (empty until the first
 * probe), the last 24 hours, the disks its latest probe reported, and where its own web UI is.
 */
public record ServiceStatus(ServiceInstance instance, Optional<ServiceCheck> latest, Uptime lastDay, List<Probe.Disk> disks,
                            String webUrl) {

    public ServiceStatus {
        disks = List.copyOf(disks);
    }

    /** The state to show: the latest check's, or empty while the service has not been checked yet. */
    public Optional<Probe.State> state() {
        return latest.map(ServiceCheck::state);
    }
}
