package dev.medianest.features.downloads;

import dev.medianest.features.services.ServiceInstance;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One session per configured download-client instance (its sign-in cookie, CSRF id, protocol), kept
 * while the instance stays as configured, so the board's once-a-second listing and each action reuse a
 * sign-in instead of repeating it. An edited instance gets a new session; an expired one signs in again.
 *
 * @param <S> the integration's session type
 */
public final class ClientSessions<S> {

    private record Kept<S>(ServiceInstance instance, S session) {
    }

    private final Function<ServiceInstance, S> open;
    private final Map<Long, Kept<S>> sessions = new ConcurrentHashMap<>();

    public ClientSessions(Function<ServiceInstance, S> open) {
        this.open = Objects.requireNonNull(open, "open");
    }

    /** The session of this instance as configured now. */
    public S of(ServiceInstance instance) {
        return sessions.compute(instance.id(), (id, kept) -> kept != null && kept.instance().equals(instance)
                ? kept : new Kept<>(instance, open.apply(instance))).session();
    }
}
