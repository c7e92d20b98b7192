package dev.medianest.features.downloads;

import java.util.List;

/**
 * One configured torrent client, seen through the operations MediaNest needs. Every method talks
 * to the daemon: a daemon that cannot be reached or refuses fails with {@code REMOTE_FAILED}, an
 * unknown hash with {@code NOT_FOUND}, an invalid argument with {@code VALIDATION_FAILED}.
 * An operation outside {@link #capabilities()} fails with {@code VALIDATION_FAILED} without calling the daemon.
 */
public interface DownloadClient {

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
