package dev.medianest.features.requests;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a request stands. A request starts PENDING (or APPROVED when its requester may skip
 * approval), is sent to Radarr, Sonarr, Readarr or Seerr once approved, and ends AVAILABLE when
 * the files are there. DECLINED and CANCELLED are final; FAILED may be approved again.
 */
public enum RequestState {
    PENDING, APPROVED, DECLINED, PROCESSING, AVAILABLE, PARTIALLY_AVAILABLE, FAILED, CANCELLED;

    private static final Map<RequestState, Set<RequestState>> NEXT = Map.of(
            PENDING, EnumSet.of(APPROVED, DECLINED, CANCELLED),
            // An approved title the instance already had goes straight to (partially) available.
            APPROVED, EnumSet.of(PROCESSING, AVAILABLE, PARTIALLY_AVAILABLE, FAILED),
            PROCESSING, EnumSet.of(AVAILABLE, PARTIALLY_AVAILABLE, FAILED),
            PARTIALLY_AVAILABLE, EnumSet.of(AVAILABLE, PROCESSING, FAILED),
            // Files deleted in the *arr app, or new episodes wanted, bring a title back to work.
            AVAILABLE, EnumSet.of(PARTIALLY_AVAILABLE, PROCESSING),
            FAILED, EnumSet.of(APPROVED, PROCESSING, AVAILABLE, PARTIALLY_AVAILABLE),
            DECLINED, EnumSet.noneOf(RequestState.class),
            CANCELLED, EnumSet.noneOf(RequestState.class));

    public boolean canBecome(RequestState next) {
        return NEXT.get(this).contains(next);
    }

    /**
     * Whether a backend's report may move a request here: what the lifecycle allows, and also a
     * decline of a request already sent, since Seerr's own admins may decline what MediaNest sent it.
     */
    public boolean canBeReported(RequestState reported) {
        return canBecome(reported) || (reported == DECLINED && inFlight());
    }

    /** A request in one of these states stands for its title: asking again joins it instead of adding a second one. */
    public boolean open() {
        return this != DECLINED && this != CANCELLED && this != FAILED;
    }

    /** Sent to the backend and not yet done: the states the reconciliation job looks after. */
    public boolean inFlight() {
        return this == APPROVED || this == PROCESSING || this == PARTIALLY_AVAILABLE;
    }

    /** The lower-case form used in the API and in URLs ("partially_available"). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static java.util.Optional<RequestState> fromWireName(String name) {
        for (RequestState state : values()) {
            if (state.wireName().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return java.util.Optional.of(state);
            }
        }
        return java.util.Optional.empty();
    }
}
