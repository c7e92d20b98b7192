package dev.medianest.features.downloads;

/**
 * What a download client can do beyond listing, adding, pausing, resuming and removing torrents.
 * Pages and tools hide an action whose flag is false instead of offering it and failing.
 *
 * @param categories   torrents carry a category or label that can be set
 * @param savePath     a save path can be chosen when adding
 * @param recheck      the data of a torrent can be checked again
 * @param pauseAll     all torrents can be paused or resumed in one call
 * @param addPaused    a torrent can be added without starting it
 */
public record Capabilities(boolean categories, boolean savePath, boolean recheck, boolean pauseAll, boolean addPaused) {

    /** Everything. */
    public static Capabilities all() {
        return new Capabilities(true, true, true, true, true);
    }
}
