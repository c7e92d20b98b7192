package dev.medianest.features.requests;

import dev.medianest.features.catalog.MediaKeeper;

import java.util.Optional;

/**
 * Where approved requests go and whence their progress comes: straight to Radarr, Sonarr or
 * Readarr, or to a Seerr/Overseerr/Jellyseerr that does the adding itself. Calls go over the
 * network and throw {@link RequestFailure} when the other side cannot answer or no instance can
 * take the request; the caller keeps the request and tries again later.
 */
public interface RequestBackend {

    /** Stable key ("direct", "seerr"), stored with the request. */
    MediaRequest.Route route();

    /** Sends an approved request: adds the title (or asks Seerr to) and starts the search. */
    Observation send(MediaRequest request);

    /** What the backend says about a request it was sent, for tracking and reconciliation. */
    Observation observe(MediaRequest request);

    /**
     * How far the backend already has a title before anyone asks (for the "already there" check
     * and the availability badge); absent when it cannot tell.
     */
    Optional<MediaKeeper.Presence> presence(RequestedTitle title, boolean fourK);

    /**
     * What the backend reported.
     *
     * @param state           PROCESSING while searching or downloading, AVAILABLE or PARTIALLY_AVAILABLE once files are there,
     *                        FAILED when the backend gave up, DECLINED when Seerr's admin declined it
     * @param serviceId       the instance the title went to (direct route)
     * @param libraryId       the *arr app's id of the title
     * @param remoteRequestId Seerr's request id
     */
    record Observation(RequestState state, Optional<Long> serviceId, Optional<Long> libraryId, Optional<Integer> remoteRequestId,
                       MediaRequest.Progress progress, Optional<String> note) {

        public Observation {
            if (state == null || state == RequestState.PENDING || state == RequestState.CANCELLED) {
                throw new IllegalArgumentException("a backend reports work in progress, files, a failure or a decline");
            }
        }
    }
}
