package dev.medianest.integrations.medianest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What {@code medianest status} shows: the downloads of every client the caller may see and their
 * requests (everyone's when asked for by an admin or manager), read from a running MediaNest's API
 * or from the data directory in this process.
 *
 * @param requestsTotal how many requests there are in all, of which {@code requests} are the latest
 * @param everyone      whether {@code requests} are everyone's rather than the caller's own
 */
public record ServerStatus(List<Client> downloads, List<Request> requests, int requestsTotal, boolean everyone) {

    public ServerStatus {
        downloads = List.copyOf(downloads);
        requests = List.copyOf(requests);
    }

    /** One download client and its torrents, or why they could not be listed. */
    public record Client(String name, String kind, Optional<String> problem, List<Download> torrents) {
        public Client {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(problem, "problem");
            torrents = List.copyOf(torrents);
        }
    }

    /**
     * One torrent.
     *
     * @param state    the torrent state's name ({@code DOWNLOADING}, {@code SEEDING} …)
     * @param progress 0 to 1
     * @param speed    download speed in bytes per second
     */
    public record Download(String name, String state, double progress, long size, long speed, Optional<Duration> eta) {
        public Download {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(eta, "eta");
        }
    }

    /**
     * One request.
     *
     * @param state       the request state's wire name ({@code pending}, {@code processing} …)
     * @param downloading the *arr queue's done share while something downloads
     * @param requesters  the user names of those who asked for it
     * @param problem     why the last attempt to send it failed
     */
    public record Request(long id, String type, String title, OptionalInt year, boolean fourK, String state, int filesPresent, int filesExpected,
                          OptionalDouble downloading, List<String> requesters, Optional<String> problem, Instant updatedAt) {
        public Request {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(state, "state");
            requesters = List.copyOf(requesters);
            Objects.requireNonNull(problem, "problem");
        }
    }
}
