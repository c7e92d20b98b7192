package dev.medianest.features.downloads;

import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;

import java.util.List;
import java.util.Map;

/**
 * One configured torrent client, seen through the operations MediaNest needs. Every method talks
 * to the daemon: a daemon that cannot be reached or refuses fails with {@link #unavailable}, an
 * unknown hash with {@code NOT_FOUND}, an invalid argument with {@code VALIDATION_FAILED}.
 * An operation outside {@link #capabilities()} fails with {@code VALIDATION_FAILED} without calling the daemon.
 */
public interface DownloadClient {

    /** The detail of a {@code REMOTE_FAILED} from a client that names why: a message key taking the error's arguments. */
    String REASON = "client";

    /**
     * The failure of a daemon that could not be asked, with the reason a person can act on (refused the
     * connection, did not answer in time, refused the password …): {@code REMOTE_FAILED}, whose
     * arguments are the reason's and whose {@link #REASON} detail is the reason's message key.
     */
    static AppException unavailable(ServiceProblem reason) {
        return new AppException(ErrorCode.REMOTE_FAILED, Map.of(REASON, reason.messageKey()), reason.args().toArray());
    }

    /** The reason of a failure from {@link #unavailable}; the bare error for any other. */
    static ServiceProblem reasonOf(AppException failure) {
        String[] args = java.util.Arrays.stream(failure.args()).map(String::valueOf).toArray(String[]::new);
        return ServiceProblem.of(failure.details().getOrDefault(REASON, failure.code().messageKey()), args);
    }

    /** What this client supports beyond the basics. */
    Capabilities capabilities();

    /** Every torrent the client holds, in the client's order. */
    List<Torrent> torrents();

    /** Adds a torrent; returns its info hash when the client tells it or it can be computed, else an empty string. */
    String add(AddTorrent torrent);

    void pause(String hash);

    void resume(String hash);

    /** Removes the torrent, and its downloaded files when {@code withData}. */
    void remove(String hash, boolean withData);

    /** Puts the torrent in a category (created on the client when missing); an empty category clears it. */
    void setCategory(String hash, String category);

    /** Checks the downloaded data against the torrent's piece hashes again. */
    void recheck(String hash);

    void pauseAll();

    void resumeAll();
}
