package dev.medianest.features.requests;

import dev.medianest.features.services.ServiceProblem;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One request as stored: the title, how it was asked for, where it stands, everyone who asked for
 * it, and what the backend has said about it.
 *
 * @param route          where an approved request goes: straight to the *arr app, or to Seerr
 * @param serviceId      the instance it was (or is to be) sent to; empty until chosen
 * @param libraryId      the *arr app's id of the title once added
 * @param remoteRequestId Seerr's request id on the Seerr route
 * @param progress       files on disk against files wanted, and the queue's done share while downloading
 * @param lastError      why the last attempt to send it failed; it is retried at {@code nextAttemptAt}
 */
public record MediaRequest(long id, RequestedTitle title, boolean fourK, SeasonChoice seasons, RequestState state, Route route,
                           Optional<Long> serviceId, RequestOptions options, Optional<Long> libraryId, Optional<Integer> remoteRequestId,
                           Progress progress, Optional<ServiceProblem> lastError, int attempts, Optional<Instant> nextAttemptAt,
                           List<Requester> requesters, Optional<Long> createdBy, Instant createdAt, Instant updatedAt) {

    public MediaRequest {
        requesters = List.copyOf(requesters);
    }

    /** Where approved requests are sent. */
    public enum Route { DIRECT, SEERR }

    /** Someone who asked for the title, and when. */
    public record Requester(long userId, String username, String displayName, Instant requestedAt) {
    }

    /**
     * How much of the title is there.
     *
     * @param downloading the *arr queue's done share (0–1) while something downloads
     */
    public record Progress(int filesPresent, int filesExpected, OptionalDouble downloading) {
        public static Progress none() {
            return new Progress(0, 0, OptionalDouble.empty());
        }
    }

    public boolean requestedBy(long userId) {
        return requesters.stream().anyMatch(requester -> requester.userId() == userId);
    }

    /** One step of the timeline: who moved the request from one state to another, when and why. */
    public record Transition(Instant at, Optional<Long> actorId, String actorName, Optional<RequestState> from, RequestState to,
                             Optional<String> reason) {
    }
}
